/**
 * Validation of `IssueUpdateDetails` bodies (create, edit, transition), with Jira's field-level 400s
 * (`errors.<field>`). The schema leaves `fields` free-form, so all of this is semantic checking real Jira does.
 */
import { adfProblem } from './adf';
import { ISSUE_TYPES, PRIORITIES, RESOLUTIONS, findNamed } from './catalog';
import { isCalendarDate, isRecord } from './format';
import { INVALID_PAYLOAD, JiraError } from './http';
import type { IssuePatch, IssueRecord } from './records';
import type { NewIssue, Store } from './store';
import type { AdfNode } from './types';

export type WriteMode = 'create' | 'edit' | 'transition';

const ADF_MESSAGE = 'Operation value must be an Atlassian Document (see the Atlassian Document Format)';
const SETTABLE = new Set(['summary', 'description', 'labels', 'duedate', 'assignee', 'priority', 'issuetype']);
const CREATE_ONLY = new Set(['project']);

class Invalid {
  constructor(readonly message: string) {}
}

type Parsed = IssuePatch & { project?: NewIssue['project'] };

const cannotSet = (field: string) => new Invalid(`Field '${field}' cannot be set. It is not on the appropriate screen, or unknown.`);

/** One field's value, checked; returns the patch entries or an Invalid. */
function parseField(field: string, value: unknown, store: Store): Parsed | Invalid {
  switch (field) {
    case 'summary': {
      if (typeof value !== 'string') return new Invalid('Operation value must be a string');
      if (value.trim() === '') return new Invalid('You must specify a summary of the issue.');
      if (/[\r\n]/.test(value)) return new Invalid('The summary is invalid because it contains newline characters.');
      if (value.length > 255) return new Invalid('Summary must be less than 255 characters.');
      return { summary: value };
    }
    case 'description':
      if (value === null) return { description: null };
      return adfProblem(value) === null ? { description: value as AdfNode } : new Invalid(ADF_MESSAGE);
    case 'labels': {
      if (!Array.isArray(value) || !value.every((l) => typeof l === 'string')) return new Invalid('data was not an array');
      const bad = value.find((l) => /\s/.test(l) || l === '' || l.length > 255);
      return bad === undefined ? { labels: value } : new Invalid(`The label '${bad}' contains spaces which is invalid.`);
    }
    case 'duedate':
      if (value === null) return { duedate: null };
      return typeof value === 'string' && isCalendarDate(value) ? { duedate: value } : new Invalid(`Error parsing date string: ${JSON.stringify(value)}`);
    case 'assignee': {
      if (value === null) return { assigneeAccountId: null };
      // Cloud is GDPR-strict: only accountId identifies a user (`name`, `key`, `id` are rejected).
      if (!isRecord(value) || typeof value.accountId !== 'string' || Object.keys(value).length !== 1) {
        return new Invalid("Specify the assignee by 'accountId' only.");
      }
      const user = store.user(value.accountId);
      return user?.active ? { assigneeAccountId: user.accountId } : new Invalid(`User '${value.accountId}' cannot be assigned issues.`);
    }
    case 'priority': {
      if (!isRecord(value)) return new Invalid('Specify the Priority (id or name) in the string format');
      const priority = findNamed(PRIORITIES, value);
      return priority ? { priorityId: priority.id } : new Invalid('The priority selected is invalid.');
    }
    case 'issuetype': {
      const type = isRecord(value) ? findNamed(ISSUE_TYPES, value) : undefined;
      return type ? { issueTypeId: type.id } : new Invalid('Specify a valid issue type');
    }
    case 'project': {
      const ref = isRecord(value) ? (value.key ?? value.id) : undefined;
      const project = typeof ref === 'string' ? store.project(ref) : undefined;
      return project ? { project } : new Invalid('Specify a valid project ID or key');
    }
    case 'resolution': {
      const resolution = isRecord(value) ? findNamed(RESOLUTIONS, value) : undefined;
      return resolution ? { resolutionId: resolution.id } : new Invalid('The resolution selected is invalid.');
    }
    default:
      return cannotSet(field);
  }
}

/** Applies `update.<field>` operations: labels take add/remove/set, the other fields only set. */
function applyOperations(field: string, ops: unknown, current: IssueRecord | undefined, store: Store): Parsed | Invalid {
  if (!Array.isArray(ops)) return new Invalid(INVALID_PAYLOAD);
  let labels = [...(current?.labels ?? [])];
  let result: Parsed = {};
  for (const op of ops) {
    if (!isRecord(op) || Object.keys(op).length !== 1) return new Invalid(INVALID_PAYLOAD);
    const [verb, value] = Object.entries(op)[0];
    if (field === 'labels' && verb === 'add' && typeof value === 'string') {
      const checked = parseField('labels', [value], store);
      if (checked instanceof Invalid) return checked;
      labels.push(value);
    } else if (field === 'labels' && verb === 'remove' && typeof value === 'string') labels = labels.filter((l) => l !== value);
    else if (verb === 'set') {
      const checked = parseField(field, value, store);
      if (checked instanceof Invalid) return checked;
      if (field === 'labels') labels = [...(checked.labels ?? [])];
      else result = { ...result, ...checked };
    } else return new Invalid(`Field '${field}' does not support operation '${verb}'.`);
  }
  return field === 'labels' ? { labels } : result;
}

function isAllowed(field: string, mode: WriteMode): boolean {
  if (CREATE_ONLY.has(field)) return mode === 'create';
  if (field === 'resolution') return mode === 'transition';
  return SETTABLE.has(field);
}

/** Parses and validates a write body; throws a 400 JiraError listing every bad field. */
function parseWrite(body: Record<string, unknown>, mode: WriteMode, store: Store, current?: IssueRecord): Parsed {
  const fields = body.fields ?? {};
  const update = body.update ?? {};
  if (!isRecord(fields) || !isRecord(update)) throw new JiraError(400, [INVALID_PAYLOAD]);
  const errors: Record<string, string> = {};
  let parsed: Parsed = {};
  for (const [field, value] of Object.entries(fields)) {
    // Edit ignores a status (status changes only through transitions, contract §3.2).
    if (field === 'status' && mode !== 'create') continue;
    const result = isAllowed(field, mode) ? parseField(field, value, store) : cannotSet(field);
    if (result instanceof Invalid) errors[field] = result.message;
    else parsed = { ...parsed, ...result };
  }
  for (const [field, ops] of Object.entries(update)) {
    if (field in fields) {
      errors[field] = `Field '${field}' cannot be set in both 'fields' and 'update'.`;
      continue;
    }
    const result = isAllowed(field, mode) && field !== 'project' ? applyOperations(field, ops, current, store) : cannotSet(field);
    if (result instanceof Invalid) errors[field] = result.message;
    else parsed = { ...parsed, ...result };
  }
  if (mode === 'create') {
    if (!('project' in fields) && !errors.project) errors.project = 'Specify a valid project ID or key';
    if (!('issuetype' in fields) && !errors.issuetype) errors.issuetype = 'Specify an issue type';
    if (!('summary' in fields) && !('summary' in update) && !errors.summary) errors.summary = 'You must specify a summary of the issue.';
  }
  if (Object.keys(errors).length > 0) throw JiraError.fields(errors);
  return parsed;
}

export function parseCreate(body: Record<string, unknown>, store: Store): NewIssue {
  const { project, issueTypeId, summary, ...rest } = parseWrite(body, 'create', store);
  return { ...rest, project: project!, issueTypeId: issueTypeId!, summary: summary! };
}

export function parseEdit(body: Record<string, unknown>, store: Store, current: IssueRecord, mode: 'edit' | 'transition' = 'edit'): IssuePatch {
  const { project: _project, ...patch } = parseWrite(body, mode, store, current);
  return patch;
}
