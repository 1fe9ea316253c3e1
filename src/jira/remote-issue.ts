import type { ActionItemStatus } from '../action-items/action-item-enums';

/** An issue as Jira's REST API (and its webhooks) show it; only the fields the sync reads. */
export interface JiraIssue {
  id: string;
  key: string;
  fields: {
    summary?: string;
    status?: { name: string; statusCategory?: { key: string } };
    duedate?: string | null;
    assignee?: JiraUser | null;
    priority?: { name: string } | null;
    labels?: string[];
    updated?: string;
    project?: { key: string };
  };
}

export interface JiraUser {
  accountId: string;
  displayName?: string;
  emailAddress?: string | null;
}

/** The parts of a Jira issue the sync compares, as last seen. */
export interface RemoteIssue {
  id: string;
  key: string;
  summary: string;
  statusName: string;
  /** new, indeterminate or done on real sites; kept as sent. */
  statusCategory: string;
  dueOn: string | null;
  assigneeAccountId: string | null;
  priorityName: string | null;
  labels: string[];
  /** Hash of the description we last wrote; Jira's own copy is never parsed back. */
  descriptionHash: string | null;
  /** The item's status when the two sides last agreed: a status change after it is the item's to push. */
  syncedItemStatus: ActionItemStatus | null;
  updated: string;
}

/** The snapshot of an issue Jira sent, keeping what only our side knows (what we wrote, what we agreed on). */
export function remoteFromIssue(issue: JiraIssue, previous: RemoteIssue | null): RemoteIssue {
  const { fields } = issue;
  return {
    id: issue.id,
    key: issue.key,
    summary: fields.summary ?? previous?.summary ?? '',
    statusName: fields.status?.name ?? previous?.statusName ?? '',
    statusCategory: fields.status?.statusCategory?.key ?? previous?.statusCategory ?? '',
    dueOn: fields.duedate !== undefined ? fields.duedate : (previous?.dueOn ?? null),
    assigneeAccountId: fields.assignee !== undefined ? (fields.assignee?.accountId ?? null) : (previous?.assigneeAccountId ?? null),
    priorityName: fields.priority !== undefined ? (fields.priority?.name ?? null) : (previous?.priorityName ?? null),
    labels: fields.labels ?? previous?.labels ?? [],
    descriptionHash: previous?.descriptionHash ?? null,
    syncedItemStatus: previous?.syncedItemStatus ?? null,
    updated: fields.updated ?? previous?.updated ?? '',
  };
}

/** Jira's timestamp ("2026-11-21T08:00:00.000+0000") as an instant. */
export function jiraTime(value: string): Date {
  return new Date(value.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
}
