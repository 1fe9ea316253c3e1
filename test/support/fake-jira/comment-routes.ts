/**
 * Handlers for `/rest/api/3/issue/{issueIdOrKey}/comment`: add (`addComment`) and list (`getComments`), from
 * the OpenAPI document (the contract note does not cover comments). Bodies are ADF in v3, like descriptions.
 */
import { adfProblem } from './adf';
import { isRecord } from './format';
import { JiraError, type Reply, objectBody } from './http';
import type { CommentRecord } from './records';
import type { RouteContext } from './routes';
import type { AdfNode } from './types';

const NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';
// Field-level 400s keyed `comment`, as Jira words them; not verified against a live site.
const EMPTY = 'Comment body can not be empty!';
const NOT_ADF = 'Comment body is not valid!';

function issueOr404(ctx: RouteContext, idOrKey: string) {
  const issue = ctx.store.find(decodeURIComponent(idOrKey));
  if (!issue) throw new JiraError(404, [NOT_FOUND]);
  return issue;
}

function parseProperties(value: unknown): CommentRecord['properties'] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((p) => isRecord(p) && typeof p.key === 'string' && p.key !== '' && 'value' in p)) {
    throw new JiraError(400, ['Comment properties must be a list of {key, value}.']);
  }
  return value.map((p: Record<string, unknown>) => ({ key: p.key as string, value: p.value }));
}

/** 201 with the Comment. A write to the issue: it counts against the per-issue write limit. */
export function addComment(ctx: RouteContext, idOrKey: string): Reply {
  const issue = issueOr404(ctx, idOrKey);
  const body = objectBody(ctx.req, ctx.body);
  // Restricting a comment to a group or role needs groups and roles, which the fake does not model.
  if (body.visibility !== undefined && body.visibility !== null) throw new JiraError(400, ['The fake Jira does not support comment visibility.']);
  if (body.body === undefined || body.body === null) throw JiraError.fields({ comment: EMPTY });
  if (adfProblem(body.body) !== null) throw JiraError.fields({ comment: NOT_ADF });
  const properties = parseProperties(body.properties);
  const limited = ctx.faults.checkWrite(issue.id, ctx.now());
  if (limited) return limited;
  const comment = ctx.store.addComment(issue, body.body as AdfNode, properties, ctx.currentUser);
  return { status: 201, body: ctx.renderer.comment(comment) };
}

/** A page of comments: `startAt`, `maxResults` (default 100), `orderBy` created / -created / +created. */
export function getComments(ctx: RouteContext, idOrKey: string): Reply {
  const issue = issueOr404(ctx, idOrKey);
  const q = ctx.url.searchParams;
  const startAt = q.has('startAt') ? Number(q.get('startAt')) : 0;
  const maxResults = q.has('maxResults') ? Number(q.get('maxResults')) : 100;
  if (!Number.isInteger(startAt) || startAt < 0 || !Number.isInteger(maxResults) || maxResults < 0) {
    throw new JiraError(400, ['startAt and maxResults must be non-negative integers.']);
  }
  const orderBy = q.get('orderBy') ?? 'created';
  if (!['created', '-created', '+created'].includes(orderBy)) throw new JiraError(400, [`Invalid orderBy '${orderBy}'.`]);
  const all = ctx.store.commentsOf(issue.id);
  const ordered = orderBy === '-created' ? [...all].reverse() : all;
  const page = ordered.slice(startAt, startAt + maxResults);
  return { status: 200, body: { startAt, maxResults, total: all.length, comments: page.map((c) => ctx.renderer.comment(c)) } };
}
