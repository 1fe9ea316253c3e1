/**
 * The fake site's fixed configuration: status categories, workflow, priorities, issue types, resolutions.
 * Category ids and keys are the ones real sites use (contract §3.3), not the spec's examples.
 */
import type { StatusCategoryKey } from './types';

export interface StatusCategory {
  id: number;
  key: StatusCategoryKey;
  colorName: string;
  name: string;
}

export const STATUS_CATEGORIES: Record<StatusCategoryKey, StatusCategory> = {
  new: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
  indeterminate: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
  done: { id: 3, key: 'done', colorName: 'green', name: 'Done' },
};

export interface Status {
  id: string;
  name: string;
  description: string;
  category: StatusCategoryKey;
}

/** `In Review` and `Won't Do` exist so a sync can meet statuses it has no mapping for. */
export const STATUSES: Status[] = [
  { id: '10000', name: 'To Do', description: '', category: 'new' },
  { id: '10001', name: 'In Progress', description: 'This issue is being actively worked on at the moment by the assignee.', category: 'indeterminate' },
  { id: '10002', name: 'In Review', description: '', category: 'indeterminate' },
  { id: '10003', name: 'Done', description: '', category: 'done' },
  { id: '10004', name: "Won't Do", description: '', category: 'done' },
];

export const INITIAL_STATUS_ID = '10000';

export interface Transition {
  id: string;
  name: string;
  toStatusId: string;
  /** Status ids it is offered from; a global transition is offered from every status but its target. */
  from: string[] | 'any';
}

/** Ids are per-workflow strings, as in real Jira; clients must resolve them by target, not hard-code them. */
export const TRANSITIONS: Transition[] = [
  { id: '11', name: 'To Do', toStatusId: '10000', from: ['10001', '10002'] },
  { id: '21', name: 'In Progress', toStatusId: '10001', from: ['10000', '10002'] },
  { id: '41', name: 'In Review', toStatusId: '10002', from: ['10001'] },
  { id: '31', name: 'Done', toStatusId: '10003', from: ['10000', '10001', '10002'] },
  { id: '61', name: 'Reopen', toStatusId: '10000', from: ['10003', '10004'] },
  { id: '51', name: "Won't Do", toStatusId: '10004', from: 'any' },
];

export function transitionsFrom(statusId: string): Transition[] {
  return TRANSITIONS.filter((t) => (t.from === 'any' ? t.toStatusId !== statusId : t.from.includes(statusId)));
}

export interface Named {
  id: string;
  name: string;
}

export const PRIORITIES: (Named & { statusColor: string; iconName: string })[] = [
  { id: '1', name: 'Highest', statusColor: '#d04437', iconName: 'highest' },
  { id: '2', name: 'High', statusColor: '#f15C75', iconName: 'high' },
  { id: '3', name: 'Medium', statusColor: '#f79232', iconName: 'medium' },
  { id: '4', name: 'Low', statusColor: '#707070', iconName: 'low' },
  { id: '5', name: 'Lowest', statusColor: '#999999', iconName: 'lowest' },
];
export const DEFAULT_PRIORITY_ID = '3';

export const ISSUE_TYPES: (Named & { description: string })[] = [
  { id: '10001', name: 'Task', description: 'A small, distinct piece of work.' },
  { id: '10002', name: 'Bug', description: 'A problem or error.' },
];

export const RESOLUTIONS: (Named & { description: string })[] = [
  { id: '10000', name: 'Done', description: 'Work has been completed on this issue.' },
  { id: '10001', name: "Won't Do", description: 'This issue won\'t be actioned.' },
  { id: '10002', name: 'Duplicate', description: 'The problem is a duplicate of an existing issue.' },
  { id: '10003', name: 'Cannot Reproduce', description: 'This issue could not be reproduced at this time.' },
];

export function statusById(id: string): Status {
  const status = STATUSES.find((s) => s.id === id);
  if (!status) throw new Error(`fake Jira: unknown status id ${id}`);
  return status;
}

export function findStatus(nameOrId: string): Status | undefined {
  const wanted = nameOrId.toLowerCase();
  return STATUSES.find((s) => s.id === nameOrId || s.name.toLowerCase() === wanted);
}

/** Finds `{id}` or `{name}` (names case-insensitive), as Jira's create/edit accept both for these fields. */
export function findNamed<T extends Named>(list: T[], ref: { id?: unknown; name?: unknown }): T | undefined {
  if (typeof ref.id === 'string') return list.find((x) => x.id === ref.id);
  if (typeof ref.name === 'string') {
    const wanted = ref.name.toLowerCase();
    return list.find((x) => x.name.toLowerCase() === wanted);
  }
  return undefined;
}

/** The resolution a transition into a done-category status sets when the request names none. */
export function defaultResolutionFor(status: Status): Named {
  return RESOLUTIONS.find((r) => r.name === status.name) ?? RESOLUTIONS[0];
}
