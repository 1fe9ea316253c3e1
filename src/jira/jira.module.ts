import { Module } from '@nestjs/common';
import { JiraJobLedger } from './jira-job-ledger';
import { JiraPullService } from './jira-pull.service';
import { JiraPushJob } from './jira-push.job';
import { JiraRecurrenceCommenter } from './jira-recurrence-commenter';
import { JiraReconcileService } from './jira-reconcile.service';
import { jiraClientProvider, jiraSettingsProvider } from './jira-settings.provider';
import { JiraSyncStateService } from './jira-sync-state.service';
import { JiraSyncWorker } from './jira-sync.worker';
import { JiraWebhookService } from './jira-webhook.service';

/** The only code that talks to Jira. Without JIRA_BASE_URL it stays idle and the API answers `jira: null`. */
@Module({
  providers: [jiraSettingsProvider, jiraClientProvider, JiraJobLedger, JiraPullService, JiraPushJob, JiraRecurrenceCommenter, JiraReconcileService, JiraSyncWorker, JiraWebhookService, JiraSyncStateService],
  exports: [JiraSyncWorker, JiraReconcileService, JiraSyncStateService, JiraWebhookService],
})
export class JiraModule {}
