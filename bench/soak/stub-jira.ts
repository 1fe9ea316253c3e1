/**
 * A minimal Jira Cloud for the soak, in the soak's own process (so its memory is not the server's): the calls
 * the sync worker makes (create, edit, read, transitions, search, user search), issues kept in a map, a
 * three-status workflow. It checks nothing and never fails: the soak measures the server, not the sync's fault
 * handling (test/support/fake-jira does that). It also changes issues "as a person in Jira would" for the
 * webhooks the soak sends, so those describe issues the server really has.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chance, pick, type Rng } from './postmortems';

interface Status {
  name: string;
  statusCategory: { key: string };
}

const STATUSES: Status[] = [
  { name: 'To Do', statusCategory: { key: 'new' } },
  { name: 'In Progress', statusCategory: { key: 'indeterminate' } },
  { name: 'Done', statusCategory: { key: 'done' } },
];
const TRANSITIONS = STATUSES.map((to, index) => ({ id: String(11 + index * 10), name: to.name, to }));

export interface StubUser {
  accountId: string;
  displayName: string;
  emailAddress: string;
}

export const STUB_USERS: StubUser[] = ['Dana Reyes', 'Li Wei', 'Omar Haddad', 'Priya Nair'].map((name, i) => ({
  accountId: `soak-account-${i + 1}`,
  displayName: name,
  emailAddress: `${name.split(' ')[0].toLowerCase()}@example.com`,
}));

export interface StubIssue {
  id: string;
  key: string;
  fields: {
    summary: string;
    status: Status;
    duedate: string | null;
    assignee: StubUser | null;
    priority: { name: string } | null;
    labels: string[];
    updated: string;
  };
}

/** Jira's timestamp format: "2026-11-21T08:00:00.000+0000". */
function jiraNow(): string {
  return new Date().toISOString().replace('Z', '+0000');
}

export class StubJira {
  private readonly issues = new Map<string, StubIssue>();
  private readonly ids: string[] = [];
  private server: Server | null = null;
  private nextId = 10_000;
  readonly calls = new Map<string, number>();

  get issueCount(): number {
    return this.issues.size;
  }

  async start(): Promise<string> {
    const server = createServer((request, response) => {
      void this.handle(request, response).catch(() => {
        if (!response.headersSent) response.writeHead(500);
        response.end();
      });
    });
    server.keepAliveTimeout = 30_000;
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** An issue the server created, changed as a person in Jira would (status, due date or assignee), for a webhook. */
  changeRandomIssue(random: Rng): StubIssue | null {
    if (this.ids.length === 0) return null;
    const issue = this.issues.get(pick(random, this.ids));
    if (!issue) return null;
    const roll = random();
    if (roll < 0.5) issue.fields.status = pick(random, STATUSES);
    else if (roll < 0.8) issue.fields.duedate = chance(random, 0.9) ? new Date(Date.now() + Math.floor(random() * 90) * 86_400_000).toISOString().slice(0, 10) : null;
    else issue.fields.assignee = chance(random, 0.85) ? pick(random, STUB_USERS) : null;
    issue.fields.updated = jiraNow();
    return structuredClone(issue);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://stub');
    const body = await readJson(request);
    const method = request.method ?? 'GET';
    const issuePath = /^\/rest\/api\/3\/issue\/([^/]+)(\/transitions)?$/.exec(url.pathname);
    const route = issuePath ? `${method} issue${issuePath[2] ?? ''}` : `${method} ${url.pathname}`;
    this.calls.set(route, (this.calls.get(route) ?? 0) + 1);

    if (method === 'POST' && url.pathname === '/rest/api/3/issue') return send(response, 201, this.create(body));
    if (method === 'POST' && url.pathname === '/rest/api/3/search/jql') return send(response, 200, this.search(body));
    if (method === 'GET' && url.pathname === '/rest/api/3/user/search') {
      const query = (url.searchParams.get('query') ?? '').toLowerCase();
      return send(response, 200, STUB_USERS.filter((user) => user.emailAddress.startsWith(query) || user.displayName.toLowerCase().startsWith(query)));
    }
    if (!issuePath) return send(response, 404, { errorMessages: [`No route ${method} ${url.pathname}`] });
    const issue = this.find(decodeURIComponent(issuePath[1]));
    if (!issue) return send(response, 404, { errorMessages: ['Issue does not exist or you do not have permission to see it.'] });
    if (issuePath[2]) {
      if (method === 'GET') return send(response, 200, { transitions: TRANSITIONS.filter((t) => t.to.name !== issue.fields.status.name) });
      const id = (body as { transition?: { id?: string } }).transition?.id;
      const transition = TRANSITIONS.find((t) => t.id === id);
      if (!transition) return send(response, 400, { errorMessages: [`No transition ${id}`] });
      issue.fields.status = transition.to;
      issue.fields.updated = jiraNow();
      return send(response, 204, null);
    }
    if (method === 'GET') return send(response, 200, issue);
    if (method === 'PUT') {
      this.edit(issue, body as { fields?: Record<string, unknown>; update?: { labels?: { add?: string }[] } });
      return send(response, 204, null);
    }
    return send(response, 405, { errorMessages: [`${method} is not supported here`] });
  }

  private create(body: unknown): { id: string; key: string; self: string } {
    const fields = (body as { fields?: Record<string, unknown> }).fields ?? {};
    const id = String(this.nextId++);
    const issue: StubIssue = {
      id,
      key: `SOAK-${id}`,
      fields: { summary: '', status: STATUSES[0], duedate: null, assignee: null, priority: null, labels: [], updated: jiraNow() },
    };
    this.edit(issue, { fields });
    this.issues.set(id, issue);
    this.ids.push(id);
    return { id, key: issue.key, self: `/rest/api/3/issue/${id}` };
  }

  private edit(issue: StubIssue, body: { fields?: Record<string, unknown>; update?: { labels?: { add?: string }[] } }): void {
    const fields = body.fields ?? {};
    if (typeof fields.summary === 'string') issue.fields.summary = fields.summary;
    if ('duedate' in fields) issue.fields.duedate = typeof fields.duedate === 'string' ? fields.duedate : null;
    if ('priority' in fields) issue.fields.priority = (fields.priority as { name: string } | null) ?? null;
    if ('assignee' in fields) {
      const accountId = (fields.assignee as { accountId?: string } | null)?.accountId;
      issue.fields.assignee = STUB_USERS.find((user) => user.accountId === accountId) ?? null;
    }
    if (Array.isArray(fields.labels)) issue.fields.labels = fields.labels.filter((label): label is string => typeof label === 'string');
    for (const add of body.update?.labels ?? []) if (add.add && !issue.fields.labels.includes(add.add)) issue.fields.labels.push(add.add);
    issue.fields.updated = jiraNow();
  }

  private find(idOrKey: string): StubIssue | undefined {
    return this.issues.get(idOrKey) ?? this.issues.get(idOrKey.replace(/^SOAK-/, ''));
  }

  /**
   * Understands the two queries the sync sends: `labels = "X"` (a lost create) and the reconcile's
   * `labels = "X" AND updated >= "yyyy/MM/dd HH:mm"` (UTC, as the soak configures); pages by offset.
   */
  private search(body: unknown): { issues: StubIssue[]; nextPageToken?: string; isLast: boolean } {
    const { jql = '', maxResults = 50, nextPageToken } = body as { jql?: string; maxResults?: number; nextPageToken?: string };
    const label = /labels = "([^"]+)"/.exec(jql)?.[1];
    const since = /updated >= "(\d{4})\/(\d\d)\/(\d\d) (\d\d):(\d\d)"/.exec(jql);
    const sinceIso = since ? `${since[1]}-${since[2]}-${since[3]}T${since[4]}:${since[5]}` : '';
    const matching = [...this.issues.values()]
      .filter((issue) => (!label || issue.fields.labels.includes(label)) && issue.fields.updated >= sinceIso)
      .sort((a, b) => a.fields.updated.localeCompare(b.fields.updated) || Number(a.id) - Number(b.id));
    const offset = Number(nextPageToken ?? 0);
    const page = matching.slice(offset, offset + maxResults);
    const isLast = offset + page.length >= matching.length;
    return { issues: page, isLast, ...(isLast ? {} : { nextPageToken: String(offset + page.length) }) };
  }
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return {};
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  if (body === null) {
    response.writeHead(status).end();
    return;
  }
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}
