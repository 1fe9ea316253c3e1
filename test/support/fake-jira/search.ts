/**
 * `GET`/`POST /rest/api/3/search/jql` (contract §3.6): token pages, `isLast` always, no `total`,
 * fields default to `id`, a lagging index that `reconcileIssues` bypasses.
 */
import { createHash } from 'node:crypto';
import { isRecord } from './format';
import { INVALID_PAYLOAD, JiraError } from './http';
import { parseJql } from './jql';
import { compileJql } from './jql-eval';
import { type Renderer, selectFields } from './render';
import type { Store } from './store';

export interface SearchParams {
  jql: string;
  nextPageToken?: string;
  maxResults: number;
  fields: string[];
  expand: string[];
  reconcileIssues: string[];
}

export interface SearchContext {
  store: Store;
  renderer: Renderer;
  currentUser: string;
  now: Date;
}

const MAX_RESULTS = 5000;
const BODY_KEYS = new Set(['jql', 'nextPageToken', 'maxResults', 'fields', 'expand', 'properties', 'fieldsByKeys', 'failFast', 'reconcileIssues']);

function maxResults(value: unknown): number {
  const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (n === undefined) return 50;
  if (typeof n !== 'number' || !Number.isInteger(n)) throw new JiraError(400, [INVALID_PAYLOAD]);
  return Math.min(Math.max(n, 1), MAX_RESULTS);
}

function reconcileIds(values: unknown[]): string[] {
  if (values.length > 50) throw new JiraError(400, ['reconcileIssues accepts at most 50 issue ids.']);
  return values.map((v) => {
    if ((typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && /^\d+$/.test(v))) return String(v);
    throw new JiraError(400, [INVALID_PAYLOAD]);
  });
}

export function paramsFromQuery(url: URL): SearchParams {
  const q = url.searchParams;
  const list = (name: string) => q.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  return {
    jql: q.get('jql') ?? '',
    nextPageToken: q.get('nextPageToken') ?? undefined,
    maxResults: maxResults(q.get('maxResults') ?? undefined),
    fields: list('fields'),
    expand: list('expand'),
    reconcileIssues: reconcileIds(list('reconcileIssues')),
  };
}

/** The POST body is `additionalProperties: false` in the spec, and Jira's JSON binding rejects unknown keys. */
export function paramsFromBody(body: Record<string, unknown>): SearchParams {
  const unknown = Object.keys(body).find((k) => !BODY_KEYS.has(k));
  if (unknown) throw new JiraError(400, [`Unrecognized field "${unknown}" (class SearchAndReconcileRequestBean), not marked as ignorable`]);
  const strings = (v: unknown) => v === undefined || (Array.isArray(v) && v.every((x) => typeof x === 'string'));
  const optional = (v: unknown, type: string) => v === undefined || typeof v === type;
  if (!optional(body.jql, 'string') || !optional(body.nextPageToken, 'string') || !optional(body.expand, 'string') || !strings(body.fields) || !strings(body.properties)) {
    throw new JiraError(400, [INVALID_PAYLOAD]);
  }
  if (body.reconcileIssues !== undefined && !Array.isArray(body.reconcileIssues)) throw new JiraError(400, [INVALID_PAYLOAD]);
  return {
    jql: (body.jql as string | undefined) ?? '',
    nextPageToken: body.nextPageToken as string | undefined,
    maxResults: maxResults(body.maxResults),
    fields: body.fields ?? [],
    expand: ((body.expand as string | undefined) ?? '').split(',').map((v) => v.trim()).filter(Boolean),
    reconcileIssues: reconcileIds((body.reconcileIssues as unknown[] | undefined) ?? []),
  };
}

const jqlHash = (jql: string) => createHash('sha256').update(jql).digest('hex').slice(0, 12);

/** Opaque to clients; bound to the query it came from. */
function encodeToken(offset: number, jql: string): string {
  return Buffer.from(JSON.stringify({ o: offset, q: jqlHash(jql) })).toString('base64url');
}

function decodeToken(token: string, jql: string): number {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (isRecord(parsed) && typeof parsed.o === 'number' && parsed.q === jqlHash(jql)) return parsed.o;
  } catch {
    // fall through to the 400
  }
  throw new JiraError(400, ['The provided next page token is invalid or expired.']);
}

export function search(params: SearchParams, ctx: SearchContext): Record<string, unknown> {
  const compiled = compileJql(parseJql(params.jql), ctx);
  const offset = params.nextPageToken === undefined ? 0 : decodeToken(params.nextPageToken, params.jql);
  const matches = ctx.store.index.visible(new Set(params.reconcileIssues)).filter((i) => compiled.matches(i)).sort((a, b) => compiled.compare(a, b));
  const page = matches.slice(offset, offset + params.maxResults);
  const isLast = offset + page.length >= matches.length;
  // `fields=id` (the default) returns ids only; anything else returns issue beans with the selected fields.
  const wantsBeans = params.fields.some((f) => f !== 'id') || params.expand.length > 0;
  const fields = selectFields(params.fields, 'none');
  const expand = new Set(params.expand);
  const issues = page.map((issue) => (wantsBeans ? ctx.renderer.issueBean(issue, fields, expand) : { id: issue.id }));
  return { issues, ...(isLast ? {} : { nextPageToken: encodeToken(offset + page.length, params.jql) }), isLast };
}
