/**
 * The soak's clients: each worker loops over a weighted mix of queries, imports, updates, transitions, Jira
 * webhooks, /metrics scrapes and /health probes, learning item ids and versions from the answers, the way a
 * dashboard, an importer, people editing items and Jira together would use one server.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { isoWeekOf } from '../../src/reviews/iso-week';
import { chance, pick, postmortem, rng, type Rng } from './postmortems';
import * as Q from './queries';
import { STUB_USERS, type StubJira } from './stub-jira';

export type Outcome = 'ok' | 'expected' | 'error';

interface KindStats {
  requests: number;
  ok: number;
  expected: number;
  errors: number;
  totalMs: number;
  maxMs: number;
}

/** Requests by kind; an `expected` answer is a refusal the soak provokes on purpose (a stale version: CONFLICT). */
export class Stats {
  readonly kinds = new Map<string, KindStats>();
  /** Import outcomes, webhook outcomes: what the server answered, for the summary. */
  readonly outcomes = new Map<string, number>();
  private readonly messages = new Map<string, number>();

  record(kind: string, outcome: Outcome, ms: number, message?: string): void {
    let stats = this.kinds.get(kind);
    if (!stats) this.kinds.set(kind, (stats = { requests: 0, ok: 0, expected: 0, errors: 0, totalMs: 0, maxMs: 0 }));
    stats.requests += 1;
    stats.totalMs += ms;
    stats.maxMs = Math.max(stats.maxMs, ms);
    if (outcome === 'ok') stats.ok += 1;
    else if (outcome === 'expected') stats.expected += 1;
    else stats.errors += 1;
    if (outcome === 'error' && message) {
      const key = `${kind}: ${message.replace(/\s+/g, ' ').slice(0, 200)}`;
      // Bounded: the soak itself must not grow without limit.
      if (this.messages.has(key) || this.messages.size < 50) this.messages.set(key, (this.messages.get(key) ?? 0) + 1);
    }
  }

  count(name: string): void {
    this.outcomes.set(name, (this.outcomes.get(name) ?? 0) + 1);
  }

  totals(): { requests: number; ok: number; expected: number; errors: number; totalMs: number } {
    const totals = { requests: 0, ok: 0, expected: 0, errors: 0, totalMs: 0 };
    for (const stats of this.kinds.values()) {
      totals.requests += stats.requests;
      totals.totalMs += stats.totalMs;
      totals.ok += stats.ok;
      totals.expected += stats.expected;
      totals.errors += stats.errors;
    }
    return totals;
  }

  errorMessages(): [string, number][] {
    return [...this.messages].sort((a, b) => b[1] - a[1]);
  }
}

interface GraphQLErrorShape {
  message: string;
  extensions?: { code?: string };
}

export interface Answer<T> {
  status: number;
  data: T | null;
  errors: GraphQLErrorShape[];
}

export class Api {
  constructor(
    readonly baseUrl: string,
    private readonly token: string,
    private readonly timeoutMs = 60_000,
  ) {}

  async graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<Answer<T>> {
    const { status, text } = await this.request('POST', '/graphql', JSON.stringify({ query, variables }), { 'content-type': 'application/json' });
    try {
      const body = JSON.parse(text) as { data?: T | null; errors?: GraphQLErrorShape[] };
      return { status, data: body.data ?? null, errors: body.errors ?? [] };
    } catch {
      return { status, data: null, errors: [{ message: `HTTP ${status}, not JSON: ${text.slice(0, 100)}` }] };
    }
  }

  async request(method: string, path: string, body?: string, headers: Record<string, string> = {}, authenticated = true): Promise<{ status: number; text: string }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      body,
      headers: { ...headers, ...(authenticated ? { authorization: `Bearer ${this.token}` } : {}) },
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    return { status: response.status, text: await response.text() };
  }
}

/** Refills `perMinute` tokens a minute, holding at most `burst`. */
class Budget {
  private tokens: number;
  private last = performance.now();

  constructor(
    private readonly perMinute: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }

  take(): boolean {
    const now = performance.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 60_000) * this.perMinute);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

interface KnownItem {
  id: string;
  version: number;
  status: string;
  issueId: string | null;
}

interface ItemNode {
  id: string;
  version: number;
  status: string;
  jira?: { issueId: string | null } | null;
}

export type Action =
  | 'items'
  | 'flags'
  | 'item'
  | 'incidents'
  | 'incident'
  | 'rootCauses'
  | 'measures'
  | 'review'
  | 'status'
  | 'import'
  | 'update'
  | 'transition'
  | 'webhook'
  | 'metrics'
  | 'health';

export const MIX: [Action, number][] = [
  ['items', 20],
  ['flags', 8],
  ['item', 6],
  ['incidents', 8],
  ['incident', 4],
  ['rootCauses', 4],
  ['measures', 4],
  ['review', 2],
  ['status', 2],
  ['import', 8],
  ['update', 12],
  ['transition', 8],
  ['webhook', 10],
  ['metrics', 1],
  ['health', 1],
];

const NEXT_STATUSES: Record<string, string[]> = {
  OPEN: ['IN_PROGRESS', 'BLOCKED', 'DONE', 'WONT_DO'],
  IN_PROGRESS: ['OPEN', 'BLOCKED', 'DONE', 'WONT_DO'],
  BLOCKED: ['OPEN', 'IN_PROGRESS', 'DONE', 'WONT_DO'],
  DONE: ['OPEN'],
  WONT_DO: ['OPEN'],
};
const FLAGS = ['DUE_SOON', 'INEFFECTIVE', 'NO_DUE_DATE', 'OVERDUE', 'PROMISED_AGAIN', 'RECURRED_WHILE_OPEN', 'REMOVED_FROM_SOURCE', 'STALE', 'UNOWNED', 'VAGUE'];
const SEARCH_WORDS = ['alert', 'cache', 'load test', 'certificate', 'DNS', 'runbook', 'canary', 'timeout', 'disk', 'vendor', 'payment', 'cart'];
const WEBHOOK_OUTCOMES = new Set(['applied', 'unchanged', 'stale', 'unlinked', 'deleted', 'duplicate', 'ignored']);
const MAX_KNOWN_ITEMS = 20_000;

export interface TrafficOptions {
  seed: number;
  /** Weights by kind of request; kinds left out are not sent. */
  mix: [Action, number][];
  newImportsPerMinute: number;
  webhookSecret: string | null;
  /** "Today" for the generated postmortems, fixed at the start so a re-import of a revision is byte-identical. */
  today: Date;
}

export class Traffic {
  private readonly items = new Map<string, KnownItem>();
  private readonly itemIds: string[] = [];
  private readonly incidentIds: string[] = [];
  private readonly ownerIds: string[] = [];
  private readonly imported: { incident: number; revision: number }[] = [];
  private readonly recentDeliveries: { id: string; body: string }[] = [];
  private nextIncident = 0;
  private readonly newImports: Budget;
  private readonly revisions: Budget;
  private readonly mix: [Action, number][];
  private readonly totalWeight: number;

  constructor(
    private readonly api: Api,
    readonly stats: Stats,
    private readonly options: TrafficOptions,
    private readonly jira: StubJira | null,
  ) {
    this.newImports = new Budget(options.newImportsPerMinute, 5);
    // Revisions of earlier postmortems at twice the rate of new ones; other re-imports are unchanged copies.
    this.revisions = new Budget(options.newImportsPerMinute * 2, 5);
    this.mix = options.mix.filter(([action, weight]) => weight > 0 && (action !== 'webhook' || options.webhookSecret !== null));
    if (this.mix.length === 0) throw new Error('Nothing to send: the mix is empty (webhooks need a webhook secret).');
    this.totalWeight = this.mix.reduce((sum, [, weight]) => sum + weight, 0);
  }

  get knownItems(): number {
    return this.items.size;
  }

  get importedIncidents(): number {
    return this.imported.length;
  }

  /** Seeds the pools: an owners and services read, and a first import so there are items to work on. */
  async prime(): Promise<void> {
    const random = rng(this.options.seed);
    await this.run('status', random);
    for (let i = 0; i < 3; i++) await this.run('import', random);
  }

  async worker(index: number, stopped: () => boolean, pace: () => Promise<void>): Promise<void> {
    const random = rng(this.options.seed * 31 + index + 1);
    while (!stopped()) {
      await pace();
      if (stopped()) break;
      await this.run(this.choose(random), random);
    }
  }

  private choose(random: Rng): Action {
    let roll = random() * this.totalWeight;
    for (const [action, weight] of this.mix) {
      roll -= weight;
      if (roll < 0) return action;
    }
    return this.mix[0][0];
  }

  private async run(action: Action, random: Rng): Promise<void> {
    switch (action) {
      case 'items':
        return this.itemsPage(random, false);
      case 'flags':
        return this.itemsPage(random, true);
      case 'item':
        return this.itemDetail(random);
      case 'incidents':
        return this.incidents(random);
      case 'incident':
        return this.incident(random);
      case 'rootCauses':
        return void (await this.query('rootCauses', Q.ROOT_CAUSES, { filter: chance(random, 0.5) ? { minIncidents: 2 } : null }));
      case 'measures':
        return void (await this.query('measures', Q.MEASURES, { filter: chance(random, 0.5) ? { minOccurrences: 2 } : null }));
      case 'review':
        return void (await this.query('review', Q.REVIEW, { week: chance(random, 0.7) ? null : isoWeekAgo(Math.floor(random() * 8) + 1) }));
      case 'status':
        return this.syncStatus();
      case 'import':
        return this.importPostmortem(random);
      case 'update':
        return this.update(random);
      case 'transition':
        return this.transition(random);
      case 'webhook':
        return this.webhook(random);
      case 'metrics':
        return void (await this.http('metrics', 'GET', '/metrics'));
      case 'health':
        return void (await this.http('health', 'GET', '/health', undefined, {}, false));
    }
  }

  /** Sends one GraphQL operation and records it; CONFLICT is an expected refusal, any other error is not. */
  private async query<T>(kind: string, document: string, variables: Record<string, unknown>): Promise<Answer<T> | null> {
    const start = performance.now();
    let answer: Answer<T>;
    try {
      answer = await this.api.graphql<T>(document, variables);
    } catch (error) {
      this.stats.record(kind, 'error', performance.now() - start, describe(error));
      return null;
    }
    const ms = performance.now() - start;
    const codes = answer.errors.map((e) => e.extensions?.code ?? 'NO_CODE');
    if (answer.errors.length === 0 && answer.status >= 200 && answer.status < 300) this.stats.record(kind, 'ok', ms);
    else if (answer.errors.length > 0 && codes.every((code) => code === 'CONFLICT')) this.stats.record(kind, 'expected', ms);
    else this.stats.record(kind, 'error', ms, `HTTP ${answer.status} ${codes.join(',')}: ${answer.errors[0]?.message ?? ''}`);
    return answer;
  }

  private async http(kind: string, method: string, path: string, body?: string, headers: Record<string, string> = {}, authenticated = true): Promise<string | null> {
    const start = performance.now();
    try {
      const { status, text } = await this.api.request(method, path, body, headers, authenticated);
      const ok = status >= 200 && status < 300;
      this.stats.record(kind, ok ? 'ok' : 'error', performance.now() - start, ok ? undefined : `HTTP ${status}: ${text.slice(0, 150)}`);
      return ok ? text : null;
    } catch (error) {
      this.stats.record(kind, 'error', performance.now() - start, describe(error));
      return null;
    }
  }

  private async itemsPage(random: Rng, byFlags: boolean): Promise<void> {
    const filter: Record<string, unknown> = {};
    if (byFlags) filter.flags = [pick(random, FLAGS), ...(chance(random, 0.3) ? [pick(random, FLAGS)] : [])];
    else {
      const roll = random();
      if (roll < 0.25) filter.status = ['OPEN', 'IN_PROGRESS'];
      else if (roll < 0.4) filter.overdue = true;
      else if (roll < 0.55) filter.search = pick(random, SEARCH_WORDS);
      else if (roll < 0.65 && this.incidentIds.length > 0) filter.incidentId = pick(random, this.incidentIds);
      else if (roll < 0.75 && this.ownerIds.length > 0) filter.ownerId = pick(random, this.ownerIds);
    }
    const orderBy = chance(random, 0.5) ? null : { field: pick(random, ['CREATED_AT', 'DUE_ON', 'PRIORITY']), direction: pick(random, ['ASC', 'DESC']) };
    const first = pick(random, [10, 20, 50]);
    // People page on: a second or third page now and then, through the cursor.
    const pages = chance(random, 0.2) ? 2 + Math.floor(random() * 2) : 1;
    let after: string | null = null;
    for (let page = 0; page < pages; page++) {
      type Page = { actionItems: { nodes: ItemNode[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
      const answer: Answer<Page> | null = await this.query<Page>(byFlags ? 'flags' : 'items', Q.ACTION_ITEMS, { first, after, filter, orderBy });
      const connection: Page['actionItems'] | undefined = answer?.data?.actionItems;
      if (!connection) return;
      for (const node of connection.nodes) this.learn(node);
      if (!connection.pageInfo.hasNextPage) return;
      after = connection.pageInfo.endCursor;
    }
  }

  private async itemDetail(random: Rng): Promise<void> {
    if (this.itemIds.length === 0) return this.itemsPage(random, false);
    const answer = await this.query<{ actionItem: ItemNode }>('item', Q.ACTION_ITEM, { id: pick(random, this.itemIds) });
    if (answer?.data) this.learn(answer.data.actionItem);
  }

  private async incidents(random: Rng): Promise<void> {
    const filter = chance(random, 0.3) ? { search: pick(random, SEARCH_WORDS) } : chance(random, 0.3) ? { severity: ['SEV1', 'SEV2'] } : null;
    type Page = { incidents: { nodes: { id: string; actionItems: ItemNode[] }[] } };
    const answer = await this.query<Page>('incidents', Q.INCIDENTS, { first: pick(random, [10, 20]), filter });
    for (const node of answer?.data?.incidents.nodes ?? []) {
      this.learnIncident(node.id);
      for (const item of node.actionItems) this.learn(item);
    }
  }

  private async incident(random: Rng): Promise<void> {
    if (this.incidentIds.length === 0) return this.incidents(random);
    await this.query('incident', Q.INCIDENT, { id: pick(random, this.incidentIds) });
  }

  private async syncStatus(): Promise<void> {
    const answer = await this.query<{ owners: { nodes: { id: string }[] } }>('status', Q.SYNC_STATUS, {});
    for (const owner of answer?.data?.owners.nodes ?? []) if (!this.ownerIds.includes(owner.id)) this.ownerIds.push(owner.id);
  }

  private async importPostmortem(random: Rng): Promise<void> {
    let target: { incident: number; revision: number };
    if (this.imported.length === 0 || this.newImports.take()) {
      target = { incident: this.nextIncident++, revision: 0 };
      this.imported.push(target);
    } else {
      target = pick(random, this.imported);
      if (this.revisions.take()) target.revision += 1;
    }
    const document = postmortem(this.options.seed, target.incident, target.revision, this.options.today);
    type Payload = { importPostmortem: { outcome: string; incident: { id: string }; actionItems: ItemNode[] } };
    const answer = await this.query<Payload>('import', Q.IMPORT, { input: { text: document.text, sourceUri: document.sourceUri } });
    const payload = answer?.data?.importPostmortem;
    if (!payload) return;
    this.stats.count(`import ${payload.outcome}`);
    this.learnIncident(payload.incident.id);
    for (const item of payload.actionItems) this.learn(item);
  }

  private async update(random: Rng): Promise<void> {
    const item = this.randomItem(random);
    if (!item) return this.itemsPage(random, false);
    const input: Record<string, unknown> = { id: item.id, version: item.version };
    const roll = random();
    if (roll < 0.3) input.priority = pick(random, ['P1', 'P2', 'P3', 'P4']);
    else if (roll < 0.6) input.dueOn = new Date(this.options.today.getTime() + Math.floor(random() * 120 - 30) * 86_400_000).toISOString().slice(0, 10);
    else if (roll < 0.85 || this.ownerIds.length === 0) input.description = `Soak note ${Math.floor(random() * 1e6)}: ${pick(random, SEARCH_WORDS)} follow-up, see the incident channel.`;
    else input.ownerId = pick(random, this.ownerIds);
    const answer = await this.query<{ updateActionItem: ItemNode }>('update', Q.UPDATE, { input });
    await this.afterWrite(item, answer?.data?.updateActionItem, answer);
  }

  private async transition(random: Rng): Promise<void> {
    const item = this.randomItem(random);
    if (!item) return this.itemsPage(random, false);
    const to = pick(random, NEXT_STATUSES[item.status] ?? ['OPEN']);
    const variables = {
      id: item.id,
      to,
      version: item.version,
      reason: to === 'WONT_DO' ? 'Superseded by the platform-wide fix.' : chance(random, 0.3) ? 'Discussed in the weekly review.' : null,
      evidenceUrl: to === 'DONE' && chance(random, 0.6) ? `https://git.example.com/pull/${Math.floor(random() * 10_000)}` : null,
    };
    const answer = await this.query<{ transitionActionItem: ItemNode }>('transition', Q.TRANSITION, variables);
    await this.afterWrite(item, answer?.data?.transitionActionItem, answer);
  }

  /** Takes the new version; after a CONFLICT reads the item again, as a client would before retrying. */
  private async afterWrite(item: KnownItem, node: ItemNode | undefined, answer: Answer<unknown> | null): Promise<void> {
    if (node) return this.learn(node);
    if (answer?.errors.some((e) => e.extensions?.code === 'CONFLICT')) {
      this.stats.count('conflict');
      const fresh = await this.query<{ actionItem: ItemNode }>('refresh', Q.ITEM_VERSION, { id: item.id });
      if (fresh?.data) this.learn(fresh.data.actionItem);
    }
  }

  private async webhook(random: Rng): Promise<void> {
    const secret = this.options.webhookSecret as string;
    let delivery: { id: string; body: string };
    const roll = random();
    if (roll < 0.04 && this.recentDeliveries.length > 0) {
      // Jira redelivers: the same identifier and body again, which must be answered `duplicate`.
      delivery = pick(random, this.recentDeliveries);
    } else {
      // 4–6%: an issue no item is linked to (`unlinked`); 6–8%: an event the sync ignores; else a change to one of ours.
      const issue = roll < 0.06 ? null : this.changedIssue(random);
      const payload =
        roll >= 0.06 && roll < 0.08
          ? { timestamp: Date.now(), webhookEvent: 'comment_created', comment: { id: '1', body: 'A comment the sync ignores.' } }
          : {
              timestamp: Date.now(),
              webhookEvent: 'jira:issue_updated',
              issue_event_type_name: 'issue_generic',
              user: pick(random, STUB_USERS),
              // An issue no item is linked to: answered `unlinked`.
              issue: issue ?? { id: String(900_000 + Math.floor(random() * 1000)), key: 'OTHER-1', fields: { summary: 'Not ours', updated: jiraTime(new Date()) } },
            };
      delivery = { id: randomUUID(), body: JSON.stringify(payload) };
      this.recentDeliveries.push(delivery);
      if (this.recentDeliveries.length > 50) this.recentDeliveries.shift();
    }
    const signature = `sha256=${createHmac('sha256', secret).update(delivery.body).digest('hex')}`;
    const headers = { 'content-type': 'application/json', 'x-hub-signature': signature, 'x-atlassian-webhook-identifier': delivery.id };
    const text = await this.http('webhook', 'POST', '/webhooks/jira', delivery.body, headers, false);
    if (text === null) return;
    const outcome = (JSON.parse(text) as { outcome?: string }).outcome ?? '?';
    this.stats.count(`webhook ${outcome}`);
    if (!WEBHOOK_OUTCOMES.has(outcome)) this.stats.record('webhook-outcome', 'error', 0, `unexpected outcome ${outcome}`);
  }

  /** The stub's issue, changed as a person in Jira would; against a server of someone else's, an issue its items show. */
  private changedIssue(random: Rng): object | null {
    if (this.jira) return this.jira.changeRandomIssue(random);
    const linked = this.itemIds.map((id) => this.items.get(id)).filter((item): item is KnownItem => Boolean(item?.issueId));
    if (linked.length === 0) return null;
    const item = pick(random, linked);
    const status = pick(random, [
      { name: 'To Do', statusCategory: { key: 'new' } },
      { name: 'In Progress', statusCategory: { key: 'indeterminate' } },
    ]);
    return { id: item.issueId, key: `ISSUE-${item.issueId}`, fields: { status, updated: jiraTime(new Date()) } };
  }

  private randomItem(random: Rng): KnownItem | null {
    return this.itemIds.length === 0 ? null : (this.items.get(pick(random, this.itemIds)) ?? null);
  }

  private learn(node: ItemNode): void {
    const known = this.items.get(node.id);
    if (known) {
      // Answers arrive out of order across workers: keep the newest version seen.
      if (node.version >= known.version) Object.assign(known, { version: node.version, status: node.status });
      if (node.jira?.issueId) known.issueId = node.jira.issueId;
      return;
    }
    if (this.items.size >= MAX_KNOWN_ITEMS) return;
    this.items.set(node.id, { id: node.id, version: node.version, status: node.status, issueId: node.jira?.issueId ?? null });
    this.itemIds.push(node.id);
  }

  private learnIncident(id: string): void {
    if (this.incidentIds.length < MAX_KNOWN_ITEMS && !this.incidentIds.includes(id)) this.incidentIds.push(id);
  }
}

/** A shared pace for all workers: at most `perSecond` requests a second in total (0: as fast as they go). */
export function pacer(perSecond: number): () => Promise<void> {
  if (perSecond <= 0) return () => Promise.resolve();
  const gap = 1000 / perSecond;
  let next = performance.now();
  return async () => {
    const now = performance.now();
    const slot = Math.max(now, next);
    next = slot + gap;
    if (slot > now) await sleep(slot - now);
  };
}

function jiraTime(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}

function isoWeekAgo(weeks: number): string {
  return isoWeekOf(new Date(Date.now() - weeks * 7 * 86_400_000).toISOString().slice(0, 10)).label;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause as { code?: string } | undefined;
    return `${error.name}: ${error.message}${cause?.code ? ` (${cause.code})` : ''}`;
  }
  return String(error);
}
