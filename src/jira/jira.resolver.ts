import { Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Args } from '../graphql/args';
import { ActionItemModel } from '../action-items/action-item.model';
import { ActionItemsQueryService } from '../action-items/action-items-query.service';
import type { GraphQLContext } from '../graphql/graphql-context';
import { IdArgs } from '../graphql/id.args';
import { LinkJiraIssueArgs } from './jira.args';
import { JiraSyncState } from './jira-sync-state';
import { JiraSyncStateService } from './jira-sync-state.service';
import { JiraSyncModel, JiraSyncStatusModel } from './jira-sync.model';

@Resolver(() => ActionItemModel)
export class JiraResolver {
  constructor(
    private readonly syncState: JiraSyncStateService,
    private readonly items: ActionItemsQueryService,
  ) {}

  @ResolveField(() => JiraSyncModel, { nullable: true, description: "The item's Jira issue and sync state; null when Jira sync is not configured." })
  async jira(@Parent() item: ActionItemModel, @Context() context: GraphQLContext): Promise<JiraSyncModel | null> {
    if (!this.syncState.enabled) return null;
    const [sync] = await context.loaders.jiraSyncByActionItem.load(item.id);
    if (!sync) return null;
    return { ...sync, url: sync.issueUrl, keepsIssueText: sync.keepIssueText, nextAttemptAt: sync.state === JiraSyncState.PENDING ? sync.nextAttemptAt : null };
  }

  @Query(() => JiraSyncStatusModel, { description: 'Whether Jira sync is on, how many items are pending or failed, and when the reconcile search last ran.' })
  jiraSyncStatus(): Promise<JiraSyncStatusModel> {
    return this.syncState.status();
  }

  @Mutation(() => ActionItemModel, { description: 'Tries the Jira sync of an item again now (after a FAILED or DELETED state). The worker does the work; the item shows its progress in `jira`.' })
  async retryJiraSync(@Args() { id }: IdArgs): Promise<ActionItemModel> {
    await this.syncState.retry(id);
    return this.items.get(id);
  }

  @Mutation(() => ActionItemModel, {
    description:
      "Links an item to an existing Jira issue of a synced project (JIRA_PROJECT_KEY, JIRA_TEAM_PROJECTS) instead of creating one; CONFLICT when another item has it. Status, due date and assignee are taken from the issue (where they flow back) and sync both ways; the issue's summary, description, priority and labels are only written with `overwrite: true`.",
  })
  async linkJiraIssue(@Args() { itemId, issueKey, overwrite }: LinkJiraIssueArgs): Promise<ActionItemModel> {
    await this.syncState.link(itemId, issueKey, { overwrite: overwrite ?? false });
    return this.items.get(itemId);
  }
}
