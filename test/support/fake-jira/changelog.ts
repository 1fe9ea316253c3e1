/** Changelog items for a change to an issue, shaped as Jira writes them (REST histories and webhook `changelog.items`). */
import { adfToText } from './adf';
import { ISSUE_TYPES, PRIORITIES, RESOLUTIONS, statusById } from './catalog';
import type { IssueRecord } from './records';
import type { ChangeItem } from './types';

type DisplayName = (accountId: string) => string;

function item(field: string, from: string | null, fromString: string | null, to: string | null, toString: string | null, fieldId = field): ChangeItem {
  return { field, fieldtype: 'jira', fieldId, from, fromString, to, toString };
}

const nameOf = (list: { id: string; name: string }[], id: string | null): string | null => (id === null ? null : (list.find((x) => x.id === id)?.name ?? null));

/** Items in the order Jira lists them for a workflow change (status, then resolution), then edited fields. */
export function changeItems(before: IssueRecord, after: IssueRecord, displayName: DisplayName): ChangeItem[] {
  const items: ChangeItem[] = [];
  if (before.key !== after.key) {
    items.push(item('Key', null, before.key, null, after.key, 'key'));
    items.push(item('project', before.projectId, before.projectKey, after.projectId, after.projectKey));
  }
  if (before.statusId !== after.statusId) {
    items.push(item('status', before.statusId, statusById(before.statusId).name, after.statusId, statusById(after.statusId).name));
  }
  if (before.resolutionId !== after.resolutionId) {
    items.push(item('resolution', before.resolutionId, nameOf(RESOLUTIONS, before.resolutionId), after.resolutionId, nameOf(RESOLUTIONS, after.resolutionId)));
  }
  if (before.summary !== after.summary) items.push(item('summary', null, before.summary, null, after.summary));
  if (JSON.stringify(before.description) !== JSON.stringify(after.description)) {
    items.push(item('description', null, adfToText(before.description), null, adfToText(after.description)));
  }
  if (before.labels.join(' ') !== after.labels.join(' ')) {
    // Jira writes label lists as space-separated strings; labels cannot contain spaces, so this is unambiguous.
    items.push(item('labels', null, before.labels.join(' '), null, after.labels.join(' ')));
  }
  if (before.duedate !== after.duedate) {
    const long = (d: string | null) => (d === null ? null : `${d} 00:00:00.0`);
    items.push(item('duedate', before.duedate, long(before.duedate), after.duedate, long(after.duedate)));
  }
  if (before.assigneeAccountId !== after.assigneeAccountId) {
    const name = (id: string | null) => (id === null ? null : displayName(id));
    items.push(item('assignee', before.assigneeAccountId, name(before.assigneeAccountId), after.assigneeAccountId, name(after.assigneeAccountId)));
  }
  if (before.priorityId !== after.priorityId) {
    items.push(item('priority', before.priorityId, nameOf(PRIORITIES, before.priorityId), after.priorityId, nameOf(PRIORITIES, after.priorityId)));
  }
  if (before.issueTypeId !== after.issueTypeId) {
    items.push(item('issuetype', before.issueTypeId, nameOf(ISSUE_TYPES, before.issueTypeId), after.issueTypeId, nameOf(ISSUE_TYPES, after.issueTypeId)));
  }
  return items;
}

/** The `issue_event_type_name` Jira would pick; depends on workflow configuration in real Jira, so clients must not branch on it. */
export function eventTypeName(items: ChangeItem[]): string {
  const fields = new Set(items.map((i) => i.field));
  if (fields.has('Key')) return 'issue_moved';
  if (fields.has('status')) return 'issue_generic';
  if (fields.size === 1 && fields.has('assignee')) return 'issue_assigned';
  return 'issue_updated';
}
