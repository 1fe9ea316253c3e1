/** Handlers for `/rest/api/3/issue…`: create, get, edit, delete, transitions (contract §3.1–3.5). */
import { transitionsFrom } from './catalog';
import { parseCreate, parseEdit } from './fields';
import { isRecord } from './format';
import { JiraError, type Reply, objectBody, queryAll } from './http';
import type { IssueRecord } from './records';
import { selectFields } from './render';
import type { RouteContext } from './routes';

const NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';

function issueOr404(ctx: RouteContext, idOrKey: string): IssueRecord {
  const issue = ctx.store.find(decodeURIComponent(idOrKey));
  if (!issue) throw new JiraError(404, [NOT_FOUND]);
  return issue;
}

const expandOf = (ctx: RouteContext) => new Set(queryAll(ctx.url, 'expand').flatMap((e) => e.split(',')).map((e) => e.trim()));

export function createIssue(ctx: RouteContext): Reply {
  const input = parseCreate(objectBody(ctx.req, ctx.body), ctx.store);
  const issue = ctx.store.create(input, ctx.currentUser);
  return { status: 201, body: { id: issue.id, key: issue.key, self: `${ctx.renderer.base}/rest/api/3/issue/${issue.id}` } };
}

/** By id or key (any case, old keys after a move); the bean carries the current key. */
export function getIssue(ctx: RouteContext, idOrKey: string): Reply {
  const issue = issueOr404(ctx, idOrKey);
  return { status: 200, body: ctx.renderer.issueBean(issue, selectFields(queryAll(ctx.url, 'fields'), 'all'), expandOf(ctx)) };
}

export function editIssue(ctx: RouteContext, idOrKey: string): Reply {
  const issue = issueOr404(ctx, idOrKey);
  const limited = ctx.faults.checkWrite(issue.id, ctx.now());
  if (limited) return limited;
  const patch = parseEdit(objectBody(ctx.req, ctx.body), ctx.store, issue);
  ctx.store.update(issue, patch, ctx.currentUser);
  if (ctx.url.searchParams.get('returnIssue') === 'true') {
    return { status: 200, body: ctx.renderer.issueBean(issue, selectFields([], 'all'), expandOf(ctx)) };
  }
  return { status: 204 };
}

export function deleteIssue(ctx: RouteContext, idOrKey: string): Reply {
  const issue = issueOr404(ctx, idOrKey);
  const limited = ctx.faults.checkWrite(issue.id, ctx.now());
  if (limited) return limited;
  ctx.store.remove(issue, ctx.currentUser);
  return { status: 204 };
}

/** Only the transitions valid from the current status; an unknown `transitionId` filter gives an empty list. */
export function getTransitions(ctx: RouteContext, idOrKey: string): Reply {
  const issue = issueOr404(ctx, idOrKey);
  const only = ctx.url.searchParams.get('transitionId');
  const transitions = transitionsFrom(issue.statusId).filter((t) => only === null || t.id === only);
  return { status: 200, body: { expand: 'transitions', transitions: transitions.map((t) => ctx.renderer.transition(t)) } };
}

export function doTransition(ctx: RouteContext, idOrKey: string): Reply {
  const issue = issueOr404(ctx, idOrKey);
  const body = objectBody(ctx.req, ctx.body);
  const ref = body.transition;
  if (!isRecord(ref) || (typeof ref.id !== 'string' && typeof ref.id !== 'number')) throw new JiraError(400, ["Missing 'transition' identifier"]);
  const transition = transitionsFrom(issue.statusId).find((t) => t.id === String(ref.id));
  if (!transition) throw new JiraError(400, [`Transition id '${String(ref.id)}' is not valid for this issue.`]);
  const limited = ctx.faults.checkWrite(issue.id, ctx.now());
  if (limited) return limited;
  const patch = parseEdit({ fields: body.fields, update: body.update }, ctx.store, issue, 'transition');
  ctx.store.update(issue, { ...patch, statusId: transition.toStatusId }, ctx.currentUser);
  return { status: 204 };
}
