import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { JiraSyncState } from './jira-sync-state';

registerEnumType(JiraSyncState, {
  name: 'JiraSyncState',
  description: 'PENDING (waiting or retrying), SYNCED, FAILED (see error; retryJiraSync), DELETED (the issue was deleted in Jira).',
});

@ObjectType('JiraSync', { description: "An item's Jira issue and how its sync stands." })
export class JiraSyncModel {
  @Field(() => JiraSyncState)
  state: JiraSyncState;

  @Field(() => ID, { nullable: true, description: "Jira's numeric issue id: it stays when the issue moves to another project." })
  issueId: string | null;

  @Field(() => String, { nullable: true, description: 'The issue key, e.g. PM-42 (it changes when the issue moves).' })
  issueKey: string | null;

  @Field(() => String, { nullable: true, description: 'The issue in Jira.' })
  url: string | null;

  @Field(() => Date, { nullable: true })
  lastSyncedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed (also while it is still being retried).' })
  error: string | null;

  @Field(() => String, { nullable: true, description: 'What Jira shows that the sync could not mirror, e.g. a status missing from JIRA_STATUS_MAP.' })
  warning: string | null;

  @Field({ description: "True for an issue adopted by linkJiraIssue without overwrite: its summary, description, priority and labels are never written (status, due date and assignee still sync)." })
  keepsIssueText: boolean;

  @Field(() => Int)
  attempts: number;

  @Field(() => Date, { nullable: true, description: 'When the next attempt is due, while PENDING.' })
  nextAttemptAt: Date | null;
}

@ObjectType('JiraSyncStatus', { description: 'The Jira sync as a whole.' })
export class JiraSyncStatusModel {
  @Field({ description: 'False when JIRA_BASE_URL is not set: the service runs without Jira.' })
  enabled: boolean;

  @Field(() => String, { nullable: true })
  baseUrl: string | null;

  @Field(() => Int)
  pending: number;

  @Field(() => Int)
  synced: number;

  @Field(() => Int)
  failed: number;

  @Field(() => Int)
  deleted: number;

  @Field(() => Int, { description: 'Items whose issue shows something the sync could not mirror (see JiraSync.warning).' })
  warnings: number;

  @Field(() => Date, { nullable: true, description: 'When the reconcile search last ran.' })
  lastReconciledAt: Date | null;

  @Field(() => String, { nullable: true })
  lastReconcileOutcome: string | null;
}
