import { ActionItemStatus } from '../action-items/action-item-enums';
import { browseUrl } from './jira-issue-mapper';
import { itemStatusFor, type JiraSettings } from './jira-settings';
import { jiraTime, type JiraUser, type RemoteIssue } from './remote-issue';

export interface PullInput {
  item: { status: ActionItemStatus; dueOn: string | null };
  /** The issue as last seen (null when adopting an issue: then every value Jira has counts as a change). */
  base: RemoteIssue | null;
  incoming: RemoteIssue;
  /** The assignee as Jira sent it, to create or find the owner. */
  incomingAssignee: JiraUser | null;
  /** Who made the change in Jira, for the item's history. */
  changedBy: string | null;
}

export interface PullDecision {
  /** Older than (or the same as) what we already have: nothing to do. */
  stale: boolean;
  status: { to: ActionItemStatus; reason: string; evidenceUrl: string | null } | null;
  /** undefined: leave it; null: clear it. */
  dueOn: string | null | undefined;
  assignee: JiraUser | null | undefined;
  /** Set while Jira shows a status the status map does not cover: reported on the item, never ignored. */
  warning: string | null;
  /** The new base, agreeing with the item as it will be after the changes. */
  remote: RemoteIssue;
}

/**
 * What a Jira issue's state means for its item. A field is taken from Jira only when Jira changed it since the
 * two sides last agreed (the base), so a change of ours still waiting to be pushed is not undone by an echo.
 */
export function decidePull(input: PullInput, settings: JiraSettings): PullDecision {
  const { item, base, incoming } = input;
  const stale = base !== null && base.updated !== '' && jiraTime(incoming.updated).getTime() <= jiraTime(base.updated).getTime();
  const mapped = itemStatusFor(settings.statusRules, incoming.statusName, incoming.statusCategory);
  const warning = mapped
    ? null
    : `Jira status "${incoming.statusName}" (category ${incoming.statusCategory || 'unknown'}) of ${incoming.key} is not in JIRA_STATUS_MAP; the item's status was left as it was.`;
  if (stale) return { stale, status: null, dueOn: undefined, assignee: undefined, warning, remote: base };

  const pull = settings.pullFields;
  const changed = <T>(read: (issue: RemoteIssue) => T) => base === null || read(base) !== read(incoming);
  let status: PullDecision['status'] = null;
  if (pull.has('status') && mapped && mapped !== item.status && changed((issue) => `${issue.statusName}|${issue.statusCategory}`)) {
    const by = input.changedBy ? ` by ${input.changedBy}` : '';
    status = {
      to: mapped,
      reason: `${incoming.key} moved to "${incoming.statusName}" in Jira${by}.`,
      evidenceUrl: mapped === ActionItemStatus.DONE ? browseUrl(settings, incoming.key) : null,
    };
  }
  // When adopting, Jira's blanks say nothing: only values it actually has are taken.
  const takeDue = pull.has('dueOn') && changed((issue) => issue.dueOn) && incoming.dueOn !== item.dueOn && (base !== null || incoming.dueOn !== null);
  const takeAssignee = pull.has('assignee') && changed((issue) => issue.assigneeAccountId) && (base !== null || incoming.assigneeAccountId !== null);
  // The point where both sides last agreed on status moves only when they agree now.
  const agreedStatus = status ? status.to : mapped === item.status ? item.status : (base?.syncedItemStatus ?? null);
  return {
    stale,
    status,
    dueOn: takeDue ? incoming.dueOn : undefined,
    assignee: takeAssignee ? input.incomingAssignee : undefined,
    warning,
    remote: { ...incoming, descriptionHash: base?.descriptionHash ?? null, syncedItemStatus: agreedStatus },
  };
}
