/**
 * A stateful fake of Jira Cloud REST v3 for tests: a loopback HTTP server (Node `http` only) that follows
 * the contract in shared/contracts/jira-contract.md. `startFakeJira()` is the only entry point.
 */
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { Socket } from 'node:net';
import { ISSUE_TYPES, PRIORITIES, RESOLUTIONS, findStatus, statusById } from './catalog';
import { Faults } from './faults';
import { deepCopy, isCalendarDate } from './format';
import { JSON_TYPE, JiraError, type Reply, readBody } from './http';
import type { CommentRecord, IssueRecord } from './records';
import { Renderer } from './render';
import { route } from './routes';
import { Store } from './store';
import type { FakeCommentView, FakeIssueView, FakeJira, FakeJiraOptions, FakeJiraUser, RecordedRequest, UiEdit } from './types';
import { Webhooks } from './webhooks';

/** The bot (the API user, matching the default credentials), two people, one of them with a hidden email, and a leaver. */
export const DEFAULT_USERS: readonly FakeJiraUser[] = [
  { accountId: '712020:5f1c2d3e-0000-4b5c-9d8e-00000000b07', displayName: 'Followthrough Bot', emailAddress: 'bot@example.com' },
  { accountId: '5b10ac8d82e05b22cc7d4ef5', displayName: 'Ada Lovelace', emailAddress: 'ada@example.com' },
  { accountId: '5b10a2844c20165700ede21g', displayName: 'Grace Hopper', emailAddress: 'grace@example.com', hideEmail: true },
  { accountId: '5b109f2e9729b51b54dc274d', displayName: 'Former Colleague', emailAddress: 'former@example.com', active: false },
];

function toView(issue: IssueRecord): FakeIssueView {
  const status = statusById(issue.statusId);
  return deepCopy({
    id: issue.id,
    key: issue.key,
    projectKey: issue.projectKey,
    summary: issue.summary,
    description: issue.description,
    status: status.name,
    statusCategory: status.category,
    resolution: RESOLUTIONS.find((r) => r.id === issue.resolutionId)?.name ?? null,
    labels: issue.labels,
    duedate: issue.duedate,
    assigneeAccountId: issue.assigneeAccountId,
    priority: PRIORITIES.find((p) => p.id === issue.priorityId)!.name,
    created: issue.created,
    updated: issue.updated,
    deleted: issue.deleted,
  });
}

const commentView = (comment: CommentRecord): FakeCommentView =>
  deepCopy({ id: comment.id, authorAccountId: comment.authorAccountId, body: comment.body, created: comment.created });

export async function startFakeJira(options: FakeJiraOptions = {}): Promise<FakeJira> {
  const email = options.email ?? 'bot@example.com';
  const apiToken = options.apiToken ?? 'test-token';
  const now = options.now ?? (() => new Date());
  const users = [...(options.users ?? DEFAULT_USERS)];
  if (!users.some((u) => u.emailAddress?.toLowerCase() === email.toLowerCase())) {
    users.unshift({ accountId: '712020:fake-jira-api-user', displayName: 'API User', emailAddress: email });
  }
  const apiUser = users.find((u) => u.emailAddress?.toLowerCase() === email.toLowerCase())!.accountId;
  // A person acting in the UI: the first active user who is not the API user.
  const uiUser = users.find((u) => u.accountId !== apiUser && u.active !== false)?.accountId ?? apiUser;

  const store = new Store(options.projects ?? ['PM'], users, now, options.searchLagMs ?? 0);
  const faults = new Faults();
  if (options.perIssueWriteLimit) faults.setWriteLimit(options.perIssueWriteLimit);
  const log: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const holds = new Set<NodeJS.Timeout>();
  let down = false;
  let refusing = false;

  const authenticate = (header: string | undefined): string | undefined => {
    if (!header) return undefined;
    const [scheme, value = ''] = header.split(' ', 2);
    if (scheme.toLowerCase() === 'basic') {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const ok = colon > 0 && decoded.slice(0, colon).toLowerCase() === email.toLowerCase() && decoded.slice(colon + 1) === apiToken;
      return ok ? apiUser : undefined;
    }
    return scheme.toLowerCase() === 'bearer' && options.bearerToken !== undefined && value === options.bearerToken ? apiUser : undefined;
  };

  const send = (res: ServerResponse, reply: Reply, accountId: string | undefined): void => {
    const headers: Record<string, string> = { ...reply.headers };
    if (accountId) headers['X-AAccountId'] = accountId;
    if (reply.body === undefined) return void res.writeHead(reply.status, headers).end();
    const text = JSON.stringify(reply.body);
    res.writeHead(reply.status, { ...headers, 'Content-Type': JSON_TYPE, 'Content-Length': String(Buffer.byteLength(text)) }).end(text);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const entry: RecordedRequest = { method, path, status: 0 };
    log.push(entry);
    let accountId: string | undefined;
    let reply: Reply;
    let fault: Reply | undefined;
    try {
      const body = await readBody(req);
      if (body.raw !== '') entry.body = body.json ?? body.raw;
      fault = faults.takeFault(method, path, now());
      accountId = fault ? undefined : authenticate(req.headers.authorization);
      if (fault) reply = fault;
      else if (!accountId) reply = { status: 401, body: { errorMessages: ['You are not authenticated. Authentication required to perform this operation.'], errors: {} }, headers: { 'WWW-Authenticate': 'Basic realm="protected-area"' } };
      else reply = route({ store, renderer, faults, now, currentUser: accountId, req, url: new URL(path, renderer.base), body });
    } catch (error) {
      reply = error instanceof JiraError ? error.reply() : { status: 500, body: { errorMessages: [`fake Jira bug: ${(error as Error).stack ?? String(error)}`], errors: {} } };
    }
    entry.status = reply.status;
    const held = fault ? undefined : faults.takeHeld(method, path);
    if (held) await held;
    // An injected fault never reached "Jira", so it has no response to lose.
    const holdMs = fault ? undefined : faults.takeLost(method, path);
    if (holdMs !== undefined) {
      entry.responseLost = true;
      const timer = setTimeout(() => (holds.delete(timer), req.socket.destroy()), holdMs);
      holds.add(timer);
      return;
    }
    send(res, reply, accountId);
  };

  const server = createServer((req, res) => void handle(req, res));
  server.on('connection', (socket) => {
    if (down) return void socket.destroy();
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const url = `http://127.0.0.1:${port}`;
  const renderer = new Renderer(url, store);
  const webhooks = new Webhooks(renderer, store);
  webhooks.target = options.webhook ?? null;
  store.listener = (event) => webhooks.onStoreEvent(event);

  const mustFind = (idOrKey: string): IssueRecord => {
    const issue = store.find(idOrKey);
    if (!issue) throw new Error(`fake Jira: no live issue ${idOrKey}`);
    return issue;
  };
  const actor = (accountId: string | undefined): string => {
    if (accountId !== undefined && !store.user(accountId)) throw new Error(`fake Jira: unknown user ${accountId}`);
    return accountId ?? uiUser;
  };

  return {
    url,
    async close() {
      faults.releaseAll();
      for (const timer of holds) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      if (refusing) return;
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
    setWebhook: (target) => void (webhooks.target = target),
    issues: () => store.all().filter((i) => !i.deleted).map(toView),
    issue: (idOrKey) => {
      const issue = store.findIncludingDeleted(idOrKey);
      return issue && toView(issue);
    },
    comments: (idOrKey) => {
      const issue = store.findIncludingDeleted(idOrKey);
      return issue ? store.commentsOf(issue.id).map(commentView) : [];
    },
    requests: () => deepCopy(log),
    clearRequests: () => void log.splice(0),
    failNext: (count, fault) => faults.failNext(count, fault),
    setDown(value) {
      down = value;
      if (down) for (const socket of sockets) socket.destroy();
    },
    async setRefusing(value) {
      if (value === refusing) return;
      refusing = value;
      if (value) {
        for (const socket of sockets) socket.destroy();
        await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      } else {
        await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
      }
    },
    loseNextResponse: (match = {}, holdMs = 10_000) => faults.loseNext(match, holdMs),
    holdNextResponse: (match = {}) => faults.holdNext(match),
    setPerIssueWriteLimit: (limit) => faults.setWriteLimit(limit),
    setSearchLag: (ms) => store.index.setLag(ms),
    flushSearchIndex: () => store.index.flush(),
    transitionIssue(idOrKey, toStatusName, byAccountId) {
      const status = findStatus(toStatusName);
      if (!status) throw new Error(`fake Jira: no status ${toStatusName}`);
      store.update(mustFind(idOrKey), { statusId: status.id }, actor(byAccountId));
    },
    editIssue(idOrKey, changes: UiEdit, byAccountId) {
      if (changes.assigneeAccountId && !store.user(changes.assigneeAccountId)?.active) throw new Error(`fake Jira: ${changes.assigneeAccountId} cannot be assigned`);
      if (changes.labels?.some((l) => /\s/.test(l) || l === '')) throw new Error('fake Jira: labels cannot contain spaces');
      if (changes.duedate && !isCalendarDate(changes.duedate)) throw new Error('fake Jira: duedate must be YYYY-MM-DD');
      const { assigneeAccountId, ...rest } = changes;
      store.update(mustFind(idOrKey), { ...rest, ...(assigneeAccountId === undefined ? {} : { assigneeAccountId }) }, actor(byAccountId));
    },
    deleteIssue: (idOrKey) => store.remove(mustFind(idOrKey), uiUser),
    moveIssue(idOrKey, toProjectKey) {
      const project = store.project(toProjectKey);
      if (!project) throw new Error(`fake Jira: no project ${toProjectKey}`);
      store.move(mustFind(idOrKey), project, uiUser);
    },
    createIssueInUi({ projectKey, summary, labels }) {
      const project = projectKey === undefined ? store.projects[0] : store.project(projectKey);
      if (!project) throw new Error(`fake Jira: no project ${String(projectKey)}`);
      return toView(store.create({ project, issueTypeId: ISSUE_TYPES[0].id, summary, labels }, uiUser));
    },
    commentInUi(idOrKey, text, byAccountId) {
      const body = { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
      return commentView(store.addComment(mustFind(idOrKey), body, [], actor(byAccountId)));
    },
    queuedWebhooks: () => webhooks.queued(),
    deliverWebhooks: (deliverOptions) => webhooks.deliver(deliverOptions),
    discardWebhooks: () => webhooks.discard(),
  };
}
