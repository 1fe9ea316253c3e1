/** The route table, and the small read-only resources: search, users, myself, project. */
import type { IncomingMessage } from 'node:http';
import type { Faults } from './faults';
import { JiraError, type ParsedBody, type Reply, objectBody } from './http';
import { addComment, getComments } from './comment-routes';
import { createIssue, deleteIssue, doTransition, editIssue, getIssue, getTransitions } from './issue-routes';
import type { Renderer } from './render';
import { paramsFromBody, paramsFromQuery, search } from './search';
import type { Store } from './store';

export interface RouteContext {
  store: Store;
  renderer: Renderer;
  faults: Faults;
  now: () => Date;
  /** The authenticated user's accountId. */
  currentUser: string;
  req: IncomingMessage;
  url: URL;
  body: ParsedBody;
}

type Handler = (ctx: RouteContext, ...params: string[]) => Reply;

/** Exactly what real sites answer since the old search was removed (contract §3.6). */
export const SEARCH_REMOVED = {
  errorMessages: [
    'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046',
  ],
  errors: {},
};

const USER_NOT_FOUND = 'Specified user does not exist or you do not have required permissions';

function rejectGdprParams(url: URL): void {
  for (const name of ['username', 'key']) {
    if (url.searchParams.has(name)) throw new JiraError(400, [`The query parameter '${name}' is not supported in GDPR strict mode.`]);
  }
}

/** Prefix match on display name (any word) and visible email; a hidden email matches only in full. */
function userSearch(ctx: RouteContext): Reply {
  const q = ctx.url.searchParams;
  rejectGdprParams(ctx.url);
  const query = q.get('query');
  const accountId = q.get('accountId');
  if (query !== null && accountId !== null) throw new JiraError(400, ["The parameters 'query' and 'accountId' cannot be used together."]);
  if (q.has('property')) throw new JiraError(400, ["The fake Jira does not support the 'property' parameter."]);
  if (!query && !accountId) throw new JiraError(400, ["One of 'query', 'accountId' or 'property' must be provided."]);
  const needle = (query ?? '').toLowerCase();
  const found = ctx.store.users.filter((u) => {
    if (!u.active) return false;
    if (accountId !== null) return u.accountId === accountId;
    const email = u.emailAddress?.toLowerCase() ?? null;
    const nameHit = u.displayName.toLowerCase().split(/\s+/).some((w) => w.startsWith(needle)) || u.displayName.toLowerCase().startsWith(needle);
    const emailHit = email !== null && (u.hideEmail ? email === needle : email.startsWith(needle));
    return nameHit || emailHit;
  });
  const startAt = Number(q.get('startAt') ?? 0);
  const maxResults = Number(q.get('maxResults') ?? 50);
  return { status: 200, body: found.slice(startAt, startAt + maxResults).map((u) => ctx.renderer.user(u, { full: true })) };
}

function getUser(ctx: RouteContext): Reply {
  rejectGdprParams(ctx.url);
  const accountId = ctx.url.searchParams.get('accountId');
  if (!accountId) throw new JiraError(400, ["The 'accountId' query parameter needs to be provided."]);
  const user = ctx.store.user(accountId);
  if (!user) throw new JiraError(404, [USER_NOT_FOUND]);
  return { status: 200, body: ctx.renderer.user(user, { full: true }) };
}

function myself(ctx: RouteContext): Reply {
  const me = ctx.store.user(ctx.currentUser)!;
  // Your own email is visible to you whatever your privacy setting.
  return { status: 200, body: { ...ctx.renderer.user(me, { full: true }), ...(me.emailAddress ? { emailAddress: me.emailAddress } : {}) } };
}

/** The key is case-sensitive here, unlike issue keys. */
function getProject(ctx: RouteContext, keyOrId: string): Reply {
  const wanted = decodeURIComponent(keyOrId);
  const project = ctx.store.project(wanted);
  if (!project) throw new JiraError(404, [`No project could be found with key '${wanted}'.`]);
  return { status: 200, body: ctx.renderer.project(project, ctx.store.user(ctx.currentUser)!) };
}

function searchJql(ctx: RouteContext): Reply {
  const params = ctx.req.method === 'POST' ? paramsFromBody(objectBody(ctx.req, ctx.body)) : paramsFromQuery(ctx.url);
  return { status: 200, body: search(params, { store: ctx.store, renderer: ctx.renderer, currentUser: ctx.currentUser, now: ctx.now() }) };
}

const gone: Handler = () => ({ status: 410, body: SEARCH_REMOVED });

const ROUTES: { method: string; pattern: RegExp; handler: Handler }[] = [
  { method: 'POST', pattern: /^\/rest\/api\/3\/issue$/, handler: createIssue },
  { method: 'GET', pattern: /^\/rest\/api\/3\/issue\/([^/]+)$/, handler: getIssue },
  { method: 'PUT', pattern: /^\/rest\/api\/3\/issue\/([^/]+)$/, handler: editIssue },
  { method: 'DELETE', pattern: /^\/rest\/api\/3\/issue\/([^/]+)$/, handler: deleteIssue },
  { method: 'GET', pattern: /^\/rest\/api\/3\/issue\/([^/]+)\/transitions$/, handler: getTransitions },
  { method: 'POST', pattern: /^\/rest\/api\/3\/issue\/([^/]+)\/transitions$/, handler: doTransition },
  { method: 'GET', pattern: /^\/rest\/api\/3\/issue\/([^/]+)\/comment$/, handler: getComments },
  { method: 'POST', pattern: /^\/rest\/api\/3\/issue\/([^/]+)\/comment$/, handler: addComment },
  { method: 'GET', pattern: /^\/rest\/api\/3\/search\/jql$/, handler: searchJql },
  { method: 'POST', pattern: /^\/rest\/api\/3\/search\/jql$/, handler: searchJql },
  { method: 'GET', pattern: /^\/rest\/api\/(?:2|3|latest)\/search$/, handler: gone },
  { method: 'POST', pattern: /^\/rest\/api\/(?:2|3|latest)\/search$/, handler: gone },
  { method: 'GET', pattern: /^\/rest\/api\/3\/user\/search$/, handler: userSearch },
  { method: 'GET', pattern: /^\/rest\/api\/3\/user$/, handler: getUser },
  { method: 'GET', pattern: /^\/rest\/api\/3\/myself$/, handler: myself },
  { method: 'GET', pattern: /^\/rest\/api\/3\/project\/([^/]+)$/, handler: getProject },
];

/** Runs the matching handler; a resource the fake lacks is a loud 404 rather than a guess. */
export function route(ctx: RouteContext): Reply {
  const path = ctx.url.pathname;
  const candidates = ROUTES.filter((r) => r.pattern.test(path));
  const hit = candidates.find((r) => r.method === ctx.req.method);
  if (!hit) {
    if (candidates.length > 0) throw new JiraError(405, [`Method ${ctx.req.method} is not allowed on ${path}.`]);
    throw new JiraError(404, [`The fake Jira has no resource ${ctx.req.method} ${path}.`]);
  }
  return hit.handler(ctx, ...hit.pattern.exec(path)!.slice(1));
}
