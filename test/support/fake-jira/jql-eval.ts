/**
 * JQL semantics for the fields a sync service uses. Values are resolved up front, so an unknown project,
 * status, user or issue key is a 400 as in Jira, whether or not any issue would match.
 *
 * Date literals (`"yyyy/MM/dd HH:mm"`, `"yyyy-MM-dd"`, …) are read in UTC: the fake site's users are all in UTC.
 * Real Jira reads them in the searching user's time zone and to the minute (contract §3.6).
 * Like Jira, `!=` and `NOT IN` never match an empty field (`labels != x` skips unlabelled issues).
 */
import { ISSUE_TYPES, PRIORITIES, STATUS_CATEGORIES, findNamed, findStatus, statusById } from './catalog';
import type { JqlClause, JqlQuery, JqlSort, JqlValue } from './jql';
import { JiraError } from './http';
import type { IssueRecord } from './records';
import type { Store } from './store';

export interface JqlContext {
  store: Store;
  currentUser: string;
  now: Date;
}

export interface CompiledJql {
  matches(issue: IssueRecord): boolean;
  compare(a: IssueRecord, b: IssueRecord): number;
}

type Kind = 'key' | 'project' | 'labels' | 'status' | 'category' | 'user' | 'priority' | 'issuetype' | 'datetime' | 'date' | 'text';

interface FieldDef {
  kind: Kind;
  /** The issue's values: ids for equality fields, epoch ms for datetimes, YYYY-MM-DD for dates. */
  get(issue: IssueRecord): (string | number)[];
}

const one = <T>(v: T | null): T[] => (v === null ? [] : [v]);
const FIELDS: Record<string, FieldDef> = {
  project: { kind: 'project', get: (i) => [i.projectId] },
  labels: { kind: 'labels', get: (i) => i.labels },
  status: { kind: 'status', get: (i) => [i.statusId] },
  statuscategory: { kind: 'category', get: (i) => [statusById(i.statusId).category] },
  assignee: { kind: 'user', get: (i) => one(i.assigneeAccountId) },
  reporter: { kind: 'user', get: (i) => [i.reporterAccountId] },
  priority: { kind: 'priority', get: (i) => [i.priorityId] },
  issuetype: { kind: 'issuetype', get: (i) => [i.issueTypeId] },
  updated: { kind: 'datetime', get: (i) => [i.updated.getTime()] },
  created: { kind: 'datetime', get: (i) => [i.created.getTime()] },
  resolutiondate: { kind: 'datetime', get: (i) => one(i.resolutionDate?.getTime() ?? null) },
  duedate: { kind: 'date', get: (i) => one(i.duedate) },
  summary: { kind: 'text', get: (i) => [i.summary] },
};
for (const alias of ['key', 'issuekey', 'id', 'issue']) FIELDS[alias] = { kind: 'key', get: (i) => [i.id] };
Object.assign(FIELDS, { category: FIELDS.statuscategory, type: FIELDS.issuetype, due: FIELDS.duedate, resolved: FIELDS.resolutiondate });

const EQUALITY_OPS = new Set(['=', '!=', 'in', 'not in', 'is', 'is not']);
const OPS: Record<Kind, Set<string>> = {
  key: new Set(['=', '!=', 'in', 'not in']),
  project: EQUALITY_OPS, labels: EQUALITY_OPS, status: EQUALITY_OPS, category: EQUALITY_OPS, user: EQUALITY_OPS, priority: EQUALITY_OPS, issuetype: EQUALITY_OPS,
  // `=` on a datetime compares instants to the millisecond, never what a caller means: the fake refuses it.
  datetime: new Set(['>', '>=', '<', '<=', 'is', 'is not']),
  date: new Set(['=', '!=', '>', '>=', '<', '<=', 'is', 'is not']),
  text: new Set(['~', '!~']),
};

/** Semantic JQL errors come without the "Error in the JQL Query" prefix, as in Jira. */
const invalid = (message: string) => new JiraError(400, [message]);

const DATE_FORMATS = "Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.";
const PERIOD_MS: Record<string, number> = { w: 7 * 86_400_000, d: 86_400_000, h: 3_600_000, m: 60_000 };

function instant(value: JqlValue, field: string, ctx: JqlContext): number {
  if (value.kind === 'function' && value.name === 'now') return ctx.now.getTime();
  if (value.kind !== 'literal') throw invalid(`Unable to find JQL function '${value.kind === 'function' ? value.name : 'EMPTY'}()' for field '${field}'.`);
  const text = value.text.trim();
  if (/^\d{10,}$/.test(text)) return Number(text); // epoch milliseconds, which JQL accepts
  const m = /^(\d{4})[/-](\d{2})[/-](\d{2})(?: (\d{2}):(\d{2}))?$/.exec(text);
  if (m) return Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0));
  const period = /^([-+]?)((?:\d+[wdhm]\s*)+)$/.exec(text);
  if (period) {
    const ms = [...period[2].matchAll(/(\d+)([wdhm])/g)].reduce((sum, p) => sum + Number(p[1]) * PERIOD_MS[p[2]], 0);
    return ctx.now.getTime() + (period[1] === '-' ? -ms : ms);
  }
  throw invalid(`Date value '${value.text}' for field '${field}' is invalid. ${DATE_FORMATS}`);
}

/** A value as the id the field stores, or throws Jira's "does not exist" 400. */
function resolve(kind: Kind, field: string, value: JqlValue, ctx: JqlContext): string | number {
  if (kind === 'datetime') return instant(value, field, ctx);
  if (kind === 'date') return new Date(instant(value, field, ctx)).toISOString().slice(0, 10);
  if (value.kind === 'function') {
    if (kind === 'user' && value.name === 'currentuser') return ctx.currentUser;
    throw invalid(`Unable to find JQL function '${value.name}(${value.args.join(', ')})'.`);
  }
  if (value.kind !== 'literal') throw invalid(`EMPTY is not a valid value for '${field}' with this operator.`);
  const text = value.text;
  const lower = text.toLowerCase();
  const found = <T>(x: T | undefined): T => {
    if (x === undefined) throw invalid(`The value '${text}' does not exist for the field '${field}'.`);
    return x;
  };
  switch (kind) {
    case 'key': {
      if (/^\d+$/.test(text)) return text;
      const issue = ctx.store.findIncludingDeleted(text);
      if (!issue || issue.deleted) throw invalid(`An issue with key '${text}' does not exist for field '${field}'.`);
      return issue.id;
    }
    case 'project':
      return found(ctx.store.projects.find((p) => p.key.toLowerCase() === lower || p.id === text || p.name.toLowerCase() === lower)).id;
    case 'status':
      return found(findStatus(text)).id;
    case 'category':
      return found(Object.values(STATUS_CATEGORIES).find((c) => c.key === lower || c.name.toLowerCase() === lower || String(c.id) === text)).key;
    case 'user':
      return found(ctx.store.user(text)).accountId;
    case 'priority':
      return found(findNamed(PRIORITIES, /^\d+$/.test(text) ? { id: text } : { name: text })).id;
    case 'issuetype':
      return found(findNamed(ISSUE_TYPES, /^\d+$/.test(text) ? { id: text } : { name: text })).id;
    default:
      return text;
  }
}

function compileClause(clause: JqlClause, ctx: JqlContext): (issue: IssueRecord) => boolean {
  if (clause.kind === 'and' || clause.kind === 'or') {
    const parts = clause.parts.map((p) => compileClause(p, ctx));
    return clause.kind === 'and' ? (i) => parts.every((p) => p(i)) : (i) => parts.some((p) => p(i));
  }
  if (clause.kind === 'not') {
    const part = compileClause(clause.part, ctx);
    return (i) => !part(i);
  }
  const def = FIELDS[clause.field];
  if (!def) throw invalid(`Field '${clause.field}' does not exist or you do not have permission to view it. (The fake Jira knows: ${Object.keys(FIELDS).join(', ')}.)`);
  const { operator } = clause;
  if (!OPS[def.kind].has(operator)) throw invalid(`The operator '${operator.toUpperCase()}' is not supported by the '${clause.field}' field.`);
  const emptyValue = clause.values.some((v) => v.kind === 'empty');
  if ((operator === 'is' || operator === 'is not') && (!emptyValue || clause.values.length !== 1)) {
    throw invalid(`The operator '${operator.toUpperCase()}' only supports EMPTY or NULL.`);
  }
  if (def.kind === 'text') {
    const words = clause.values.map((v) => (v.kind === 'literal' ? v.text.toLowerCase() : '')).join(' ').split(/\s+/).filter(Boolean);
    const contains = (i: IssueRecord) => words.every((w) => i.summary.toLowerCase().includes(w));
    return operator === '~' ? contains : (i) => !contains(i);
  }
  const wanted = clause.values.filter((v) => v.kind !== 'empty').map((v) => resolve(def.kind, clause.field, v, ctx));
  const has = (values: (string | number)[]) => (emptyValue && values.length === 0) || values.some((v) => wanted.includes(v));
  switch (operator) {
    case '=': case 'in': case 'is':
      return (i) => has(def.get(i));
    case '!=': case 'not in': case 'is not':
      return (i) => {
        const values = def.get(i);
        return emptyValue && wanted.length === 0 ? values.length > 0 : values.length > 0 && !has(values);
      };
    default: {
      const bound = wanted[0];
      const test = { '>': (v: string | number) => v > bound, '>=': (v: string | number) => v >= bound, '<': (v: string | number) => v < bound, '<=': (v: string | number) => v <= bound }[operator as '>' | '>=' | '<' | '<='];
      return (i) => def.get(i).some(test);
    }
  }
}

const SORTABLE: Record<string, (i: IssueRecord) => string | number | null> = {
  key: (i) => `${i.projectKey}-${i.key.split('-')[1].padStart(12, '0')}`,
  id: (i) => Number(i.id),
  created: (i) => i.created.getTime(),
  updated: (i) => i.updated.getTime(),
  duedate: (i) => i.duedate,
  summary: (i) => i.summary.toLowerCase(),
};
Object.assign(SORTABLE, { issuekey: SORTABLE.key, due: SORTABLE.duedate });

function comparator(orderBy: JqlSort[]): (a: IssueRecord, b: IssueRecord) => number {
  if (orderBy.length > 7) throw invalid('The ORDER BY clause can contain at most 7 fields.');
  const sorts = orderBy.map((s) => {
    const get = SORTABLE[s.field];
    if (!get) throw invalid(`Not able to sort using field '${s.field}'.`);
    // Jira's default direction differs by field; the fake makes callers say which they mean.
    if (!s.direction) throw invalid(`The fake Jira needs an explicit ASC or DESC for ORDER BY ${s.field}.`);
    return { get, sign: s.direction === 'asc' ? 1 : -1 };
  });
  // No ORDER BY: newest first. Every order ends on the id, so pages are stable.
  if (sorts.length === 0) sorts.push({ get: SORTABLE.id, sign: -1 });
  return (a, b) => {
    for (const { get, sign } of sorts) {
      const x = get(a);
      const y = get(b);
      if (x === y) continue;
      if (x === null) return sign; // empty values sort last ascending, first descending
      if (y === null) return -sign;
      return (x < y ? -1 : 1) * sign;
    }
    return Number(a.id) - Number(b.id);
  };
}

export function compileJql(query: JqlQuery, ctx: JqlContext): CompiledJql {
  if (!query.where) throw invalid('Unbounded JQL queries are not allowed here. Please add a search restriction to your query.');
  return { matches: compileClause(query.where, ctx), compare: comparator(query.orderBy) };
}
