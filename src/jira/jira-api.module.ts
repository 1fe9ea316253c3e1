import { Module } from '@nestjs/common';
import { ActionItemsModule } from '../action-items/action-items.module';
import { JiraWebhookController } from './jira-webhook.controller';
import { JiraModule } from './jira.module';
import { JiraResolver } from './jira.resolver';

/** The API's face of the sync: the webhook endpoint and the GraphQL fields and mutations. */
@Module({
  imports: [JiraModule, ActionItemsModule],
  controllers: [JiraWebhookController],
  providers: [JiraResolver],
})
export class JiraApiModule {}
