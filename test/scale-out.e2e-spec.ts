import { randomBytes } from 'node:crypto';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { Client } from 'pg';
import pino from 'pino';
import { loadEnv } from '../src/config/env';
import { openDatabase } from '../src/database/database';
import { MIGRATIONS } from '../src/database/migration-list';
import { parsePostmortem } from '../src/parser/parse-postmortem';
import { createAdminToken, ensureBuilt, freePort, spawnEntry, waitFor, type Spawned } from './support/built-app';
import { startFakeJira, type FakeJira } from './support/fake-jira';
import { generatePostmortems } from './support/generated-postmortems';
import { jiraEnv } from './support/jira-sync';
import { PgWireTap } from './support/pg-wire-tap';
import { TcpProxy } from './support/tcp-proxy';
import { createTestDatabase, databaseUrl, withAdminClient, type TestDatabase, onPostgres } from './support/test-database';

/**
 * Scale-out (README "Scaling"): two API processes (RUN_WORKER=false) and Jira sync workers on one PostgreSQL
 * database. Imports and edits go through both instances at once; every item gets exactly one Jira issue,
 * every job runs once, and both instances answer the same queries identically, also right after a write made
 * through the other one. Then a third API instance reads its lists from a "replica" (a second connection URL
 * to the same database, through a proxy that shows what goes through it, and that the test cuts).
 */
const onServer = onPostgres('scale-out', 'it needs a PostgreSQL server that several processes share (the embedded database is one process with its data).');

const documents = generatePostmortems(40);
const SPLIT = documents.slice(0, 24); // half through each instance
const BOTH = documents.slice(24, 28); // each sent to both instances at the same moment
const LATER = documents.slice(28); // imported while two workers run
const METRICS_TTL_SECONDS = 1;
// Generous: other suites (and benchmarks) may share the machine; on an idle one, a process serves within 2 s.
const STARTUP_MS = 60_000;
const SYNC_MS = 60_000;
const CREATE_ISSUE = { method: 'POST', path: /^\/rest\/api\/3\/issue$/ };

const IMPORT = `mutation($input: ImportPostmortemInput!) { importPostmortem(input: $input) { outcome actionItems { id } } }`;
const ITEM = `query($id: ID!) { actionItem(id: $id) { id title status version owner { name } history { field from to actor } jira { state issueKey } } }`;
const UPDATE = `mutation($input: UpdateActionItemInput!) { updateActionItem(input: $input) { id title version } }`;
const TRANSITION = `mutation($id: ID!, $to: ActionItemStatus!, $reason: String, $version: Int) { transitionActionItem(id: $id, to: $to, reason: $reason, version: $version) { id status version } }`;
const PAGE = `query Page($after: String, $filter: ActionItemFilter) {
  actionItems(first: 25, after: $after, filter: $filter, orderBy: { field: CREATED_AT }) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id title status version dueOn priority isOverdue owner { name } incident { title } flags { code } jira { state issueKey } history { field from to actor } }
  }
}`;
const ROOT_CAUSES = `{ rootCauses { id failureMode incidentCount firstSeenAt lastSeenAt openItems { id title } } failureModes { failureMode incidentCount serviceCount } }`;
const REVIEW = `query($week: String) { reliabilityReview(week: $week) { week startsOn endsOn markdown totals { open overdue } created { id title } completed { id title } incidents { title } recurringRootCauses { failureMode } } }`;

interface GraphQLAnswer<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

interface Forwarded {
  worker: string;
  method: string;
  path: string;
  body: string;
}

/** An HTTP hop in front of the fake Jira per worker: the fake cannot tell workers apart, this log can. */
async function startTaggingProxy(target: string, worker: string, log: Forwarded[]): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      log.push({ worker, method: req.method ?? 'GET', path: req.url ?? '/', body: body.toString('utf8') });
      const { host: _host, ...headers } = req.headers;
      const upstream = httpRequest(`${target}${req.url ?? '/'}`, { method: req.method, headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      upstream.end(body);
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

/** The item label of a create's body: which item the issue is for. */
function itemOfCreate(body: string): string {
  const labels = (JSON.parse(body) as { fields: { labels: string[] } }).fields.labels;
  const label = labels.find((candidate) => /^followthrough-[0-9a-f-]{36}$/.test(candidate));
  if (!label) throw new Error(`A create without an item label: ${body}`);
  return label.slice('followthrough-'.length);
}

/** What /metrics says about action items: the gauges read at each scrape, and the flag counts it caches. */
function itemMetrics(text: string): { items: string[]; flagged: string[]; flaggedTotal: number } {
  const lines = text.split('\n');
  const flagged = lines.filter((line) => line.startsWith('followthrough_action_items_flagged{'));
  return {
    items: lines.filter((line) => line.startsWith('followthrough_action_items{')),
    flagged,
    flaggedTotal: flagged.reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0),
  };
}

(onServer ? describe : describe.skip)('scale-out: a new release starting on several processes at once', () => {
  it('applies each pending migration once, whichever process gets there first, with one connection each', async () => {
    const adminUrl = process.env.FOLLOWTHROUGH_TEST_ADMIN_URL!;
    const name = `followthrough_test_${randomBytes(6).toString('hex')}`;
    await withAdminClient(adminUrl, (admin) => admin.query(`CREATE DATABASE "${name}"`));
    try {
      const env = loadEnv({ DATABASE_URL: databaseUrl(adminUrl, name), DB_POOL_SIZE: '1', RUN_MIGRATIONS: 'true' });
      const opened = await Promise.all([1, 2, 3].map(() => openDatabase(env, pino({ level: 'silent' }))));
      try {
        const rows: { name: string; n: number }[] = await opened[0].dataSource.query(`SELECT name, count(*)::int AS n FROM migration GROUP BY name ORDER BY name`);
        expect(rows.map((row) => row.n)).toEqual(MIGRATIONS.map(() => 1));
      } finally {
        await Promise.all(opened.map((database) => database.close()));
      }
    } finally {
      await withAdminClient(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    }
  });
});

(onServer ? describe : describe.skip)('scale-out: two API instances and Jira sync workers on one database', () => {
  const processes: Spawned[] = [];
  const servers: Server[] = [];
  const forwarded: Forwarded[] = [];
  let database: TestDatabase;
  let client: Client;
  let fake: FakeJira;
  let replica: TcpProxy;
  let tap: PgWireTap;
  let token: string;
  const ports = { a: 0, b: 0, r: 0 };
  let apiSettings: Record<string, string>;
  let workerOne: Spawned;

  async function gql<T>(port: number, query: string, variables: Record<string, unknown> = {}, bearer = token): Promise<GraphQLAnswer<T>> {
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLAnswer<T>;
  }

  async function data<T>(port: number, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const answer = await gql<T>(port, query, variables);
    if (answer.errors || !answer.data) throw new Error(`GraphQL errors from :${port}: ${JSON.stringify(answer.errors)}`);
    return answer.data;
  }

  async function metrics(port: number): Promise<string> {
    const response = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    if (response.status !== 200) throw new Error(`/metrics on :${port} answered ${response.status}`);
    return response.text();
  }

  function startApi(port: number, extra: Record<string, string> = {}): Spawned {
    const server = spawnEntry('main', [], { ...apiSettings, PORT: String(port), ...extra });
    processes.push(server);
    return server;
  }

  async function startWorker(name: string): Promise<Spawned> {
    const proxy = await startTaggingProxy(fake.url, name, forwarded);
    servers.push(proxy.server);
    // Polls often and never reconciles, so it makes only the pushes; a long timeout, as one create is held below.
    const settings = { ...database.env, ...jiraEnv(fake, { JIRA_POLL_INTERVAL_MS: '50', JIRA_RECONCILE_INTERVAL_MINUTES: '0', JIRA_TIMEOUT_MS: '10000' }), JIRA_BASE_URL: proxy.url, LOG_LEVEL: 'info' };
    const worker = spawnEntry('worker', [], settings);
    processes.push(worker);
    await waitFor(`worker ${name} to start`, () => {
      if (worker.child.exitCode !== null) throw new Error(`Worker ${name} exited:\n${worker.output()}`);
      return /Jira sync worker \S+ started/.test(worker.output()) ? true : undefined;
    }, STARTUP_MS, 25);
    return worker;
  }

  async function serving(server: Spawned, port: number): Promise<void> {
    await waitFor(`the API on :${port} to serve`, async () => {
      if (server.child.exitCode !== null) throw new Error(`The API on :${port} exited:\n${server.output()}`);
      const answer = await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined);
      return answer?.status === 200 ? true : undefined;
    }, STARTUP_MS, 25);
  }

  async function importThrough(port: number, index: number, text: string): Promise<{ outcome: string; ids: string[] }> {
    const result = await data<{ importPostmortem: { outcome: string; actionItems: { id: string }[] } }>(port, IMPORT, { input: { text, sourceUri: documents[index].name } });
    return { outcome: result.importPostmortem.outcome, ids: result.importPostmortem.actionItems.map((item) => item.id) };
  }

  /** Runs `work` over `items`, `width` at a time. */
  async function inParallel<T, R>(items: T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
    const results: R[] = new Array<R>(items.length);
    let next = 0;
    await Promise.all(Array.from({ length: width }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]);
      }
    }));
    return results;
  }

  async function allSynced(what: string): Promise<void> {
    await waitFor(what, async () => {
      const { rows } = await client.query<{ unsynced: number; items: number; outbox: number }>(
        `SELECT (SELECT count(*)::int FROM jira_sync WHERE state <> 'SYNCED' OR locked_by IS NOT NULL) AS unsynced,
                (SELECT count(*)::int FROM action_item) AS items, (SELECT count(*)::int FROM jira_sync) AS outbox`,
      );
      return rows[0].unsynced === 0 && rows[0].items === rows[0].outbox ? true : undefined;
    }, SYNC_MS, 50);
  }

  async function itemIds(): Promise<string[]> {
    return (await client.query<{ id: string }>(`SELECT id FROM action_item ORDER BY id`)).rows.map((row) => row.id);
  }

  /** Every item has exactly one issue, created by exactly one request. */
  async function expectOneIssuePerItem(): Promise<void> {
    const ids = await itemIds();
    const creates = fake.requests().filter((r) => r.method === CREATE_ISSUE.method && CREATE_ISSUE.path.test(r.path));
    expect(creates.every((r) => r.status === 201)).toBe(true);
    expect(creates.map((r) => itemOfCreate(JSON.stringify(r.body))).sort()).toEqual(ids);
    expect(fake.issues().map((issue) => itemOfCreate(JSON.stringify({ fields: { labels: issue.labels } }))).sort()).toEqual(ids);
    const { rows } = await client.query<{ keys: number; errors: number; attempts: number }>(
      `SELECT count(DISTINCT issue_key)::int AS keys, count(error)::int AS errors, coalesce(sum(attempts), 0)::int AS attempts FROM jira_sync`,
    );
    expect(rows[0]).toEqual({ keys: ids.length, errors: 0, attempts: 0 });
  }

  /** The same read on both instances, answered identically. */
  async function sameOnBoth<T>(query: string, variables: Record<string, unknown> = {}, normalise: (value: T) => unknown = (value) => value): Promise<T> {
    const [a, b] = await Promise.all([data<T>(ports.a, query, variables), data<T>(ports.b, query, variables)]);
    expect(normalise(b)).toEqual(normalise(a));
    return a;
  }

  type Page = { actionItems: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: { id: string }[] } };

  /** Every page of the item list, from one instance. */
  async function allPages(port: number, filter: Record<string, unknown> = {}): Promise<Page['actionItems'][]> {
    const pages: Page['actionItems'][] = [];
    let after: string | null = null;
    do {
      const page: Page = await data<Page>(port, PAGE, { after, filter });
      pages.push(page.actionItems);
      after = page.actionItems.pageInfo.hasNextPage ? page.actionItems.pageInfo.endCursor : null;
    } while (after);
    return pages;
  }

  const withoutAsOf = (review: { reliabilityReview: { markdown: string } }) => ({ ...review.reliabilityReview, markdown: review.reliabilityReview.markdown.replace(/as of \S+/, 'as of …') });

  /** Every read the spec compares: the item pages, rootCauses and failureModes, a past and the current week's review. */
  async function readsFrom(port: number): Promise<unknown> {
    return {
      pages: await allPages(port),
      rootCauses: await data(port, ROOT_CAUSES),
      pastWeek: await data(port, REVIEW, { week: '2023-W10' }),
      thisWeek: withoutAsOf(await data(port, REVIEW)),
    };
  }

  beforeAll(async () => {
    await ensureBuilt();
    database = await createTestDatabase();
    client = new Client({ connectionString: database.env.DATABASE_URL });
    await client.connect();
    fake = await startFakeJira();
    // The "replica": the same database through a proxy that shows the SQL going through it.
    replica = new TcpProxy('127.0.0.1', Number(new URL(database.env.DATABASE_URL).port || 5432));
    await replica.start();
    tap = new PgWireTap(replica);
    const replicaUrl = new URL(database.env.DATABASE_URL);
    replicaUrl.host = `127.0.0.1:${replica.port}`;

    // GRAPHQL_MAX_COST: ROOT_CAUSES reads every root cause's open items, which the default prices at a large deployment's size.
    apiSettings = {
      ...database.env,
      ...jiraEnv(fake, { RUN_WORKER: 'false' }),
      HOST: '127.0.0.1',
      RATE_LIMIT_PER_MINUTE: '0',
      GRAPHQL_MAX_COST: '1000000',
      METRICS_FLAGS_TTL_SECONDS: String(METRICS_TTL_SECONDS),
      LOG_LEVEL: 'warn',
    };
    [ports.a, ports.b, ports.r] = [await freePort(), await freePort(), await freePort()];
    const a = startApi(ports.a);
    const b = startApi(ports.b);
    const r = startApi(ports.r, { DATABASE_REPLICA_URLS: replicaUrl.toString(), DATABASE_REPLICA_RETRY_SECONDS: '1' });
    const made = createAdminToken(database.env);
    [workerOne] = await Promise.all([startWorker('one'), serving(a, ports.a), serving(b, ports.b), serving(r, ports.r)]);
    token = (await made)!;
  }, 180_000);

  afterAll(async () => {
    for (const spawned of processes) await spawned.kill();
    for (const server of servers) await new Promise<void>((closed) => server.close(() => closed()));
    await replica?.stop();
    await fake?.close();
    await client?.end();
    await database?.drop();
  });

  it('imports through both instances at once: each document once, and the one worker creates one issue per item', async () => {
    const split = inParallel(SPLIT.map((_, index) => index), 8, (index) => importThrough(index % 2 === 0 ? ports.a : ports.b, index, documents[index].text));
    // The same document to both instances at the same moment: one creates it, the other finds it unchanged.
    const both = Promise.all(
      BOTH.map((document, offset) => Promise.all([importThrough(ports.a, SPLIT.length + offset, document.text), importThrough(ports.b, SPLIT.length + offset, document.text)])),
    );
    const [splitResults, bothResults] = await Promise.all([split, both]);
    expect(splitResults.map((result) => result.outcome)).toEqual(SPLIT.map(() => 'CREATED'));
    for (const [first, second] of bothResults) {
      expect([first.outcome, second.outcome].sort()).toEqual(['CREATED', 'UNCHANGED']);
      expect(second.ids).toEqual(first.ids);
    }
    const expectedItems = [...SPLIT, ...BOTH].reduce((sum, document) => sum + parsePostmortem(document.text).actionItems.length, 0);
    expect((await itemIds()).length).toBe(expectedItems);
    expect((await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM incident`)).rows[0].n).toBe(SPLIT.length + BOTH.length);

    await allSynced('the worker to push every item');
    await expectOneIssuePerItem();
    expect(new Set(forwarded.map((request) => request.worker))).toEqual(new Set(['one']));
  }, 120_000);

  it('concurrent edits through both instances: one wins per conflict, and each instance reads the other one\'s writes at once', async () => {
    const ids = await itemIds();
    // The same version to both instances at once: exactly one update wins, the other is a CONFLICT.
    for (const id of ids.slice(0, 8)) {
      const { actionItem } = await data<{ actionItem: { version: number } }>(ports.a, ITEM, { id });
      const [viaA, viaB] = await Promise.all(
        (['a', 'b'] as const).map((side) => gql<{ updateActionItem: { title: string; version: number } }>(ports[side], UPDATE, { input: { id, version: actionItem.version, title: `Retitled through ${side} (${id.slice(0, 8)})` } })),
      );
      const outcomes = [viaA, viaB].map((answer) => (answer.data ? 'won' : answer.errors?.[0].extensions?.code));
      expect(outcomes.sort()).toEqual(['CONFLICT', 'won']);
      const winner = (viaA.data ?? viaB.data)!.updateActionItem;
      expect(winner.version).toBe(actionItem.version + 1);
      // Neither instance serves the loser's view or an older one.
      for (const port of [ports.a, ports.b]) expect((await data<{ actionItem: { title: string; version: number } }>(port, ITEM, { id })).actionItem).toMatchObject(winner);
    }

    // A write through one instance, read back through the other at once: the item, its history and the list.
    const open = (await client.query<{ id: string }>(`SELECT id FROM action_item WHERE status = 'OPEN' ORDER BY id LIMIT 8`)).rows.map((row) => row.id);
    expect(open).toHaveLength(8);
    for (const [index, id] of open.entries()) {
      const [writer, reader] = index % 2 === 0 ? [ports.a, ports.b] : [ports.b, ports.a];
      const { actionItem: before } = await data<{ actionItem: { version: number } }>(writer, ITEM, { id });
      const done = await data<{ transitionActionItem: { status: string; version: number } }>(writer, TRANSITION, { id, to: 'WONT_DO', reason: 'covered elsewhere', version: before.version });
      const { actionItem: after } = await data<{ actionItem: { status: string; version: number; history: { field: string; to: string | null }[] } }>(reader, ITEM, { id });
      expect({ id, status: after.status, version: after.version }).toEqual(done.transitionActionItem);
      expect(after.history.slice(-2).map((event) => [event.field, event.to]).sort()).toEqual([['status', 'WONT_DO'], ['wontDoReason', 'covered elsewhere']]);
      const listed = (await allPages(reader, { status: ['WONT_DO'] })).flatMap((page) => page.nodes.map((node) => node.id));
      expect(listed).toContain(id);
    }

    // A token revoked through one instance is refused by the other at once: no per-instance token cache.
    const created = await data<{ createApiToken: { secret: string; token: { id: string } } }>(ports.a, `mutation { createApiToken(input: { name: "short-lived", role: VIEWER }) { secret token { id } } }`);
    const probe = `{ owners(first: 1) { totalCount } }`;
    expect((await gql(ports.b, probe, {}, created.createApiToken.secret)).errors).toBeUndefined();
    await data(ports.b, `mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt } }`, { id: created.createApiToken.token.id });
    expect((await gql(ports.a, probe, {}, created.createApiToken.secret)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    // The pushes of those changes: no issue is created again, and Jira ends with each item's title.
    await allSynced('the worker to push the edits');
    await expectOneIssuePerItem();
    const { rows } = await client.query<{ title: string; issue_key: string; status: string }>(`SELECT a.title, a.status, s.issue_key FROM action_item a JOIN jira_sync s ON s.action_item_id = a.id`);
    for (const row of rows) expect({ title: fake.issue(row.issue_key)?.summary }).toEqual({ title: row.title });
  }, 120_000);

  it('answers the same reads identically from both instances; the metrics flag cache is as stale as METRICS_FLAGS_TTL_SECONDS at most', async () => {
    const [a, b] = [await readsFrom(ports.a), await readsFrom(ports.b)];
    expect(b).toEqual(a);
    const pages = (a as { pages: Page['actionItems'][] }).pages;
    expect(pages.flatMap((page) => page.nodes.map((node) => node.id)).sort()).toEqual(await itemIds());
    expect(pages[0].totalCount).toBe((await itemIds()).length);
    await sameOnBoth(ROOT_CAUSES);

    // /metrics: item gauges are read at each scrape, so both agree at once; flag counts are cached per
    // process for METRICS_FLAGS_TTL_SECONDS, so after a change both agree again within that time.
    const before = await Promise.all([metrics(ports.a), metrics(ports.b)]).then((texts) => texts.map(itemMetrics));
    const flaggedItem = (await allPages(ports.a, { flags: ['UNOWNED'] }))[0].nodes[0];
    const { actionItem } = await data<{ actionItem: { version: number } }>(ports.b, ITEM, { id: flaggedItem.id });
    await data(ports.b, TRANSITION, { id: flaggedItem.id, to: 'WONT_DO', reason: 'out of scope', version: actionItem.version });
    const changedAt = Date.now();
    const afterWrite = await Promise.all([metrics(ports.a), metrics(ports.b)]).then((texts) => texts.map(itemMetrics));
    expect(afterWrite[1].items).toEqual(afterWrite[0].items);
    expect(afterWrite[0].items).not.toEqual(before[0].items);
    // A cached count was computed before the write, so it is reused until TTL after that at the latest: a
    // stale answer to a scrape sent TTL or more after the write would break the bound.
    const converged = await waitFor('both instances\' flag counts to show the change', async () => {
      const sentAt = Date.now();
      const now = (await Promise.all([metrics(ports.a), metrics(ports.b)])).map(itemMetrics);
      if (now.every((one) => one.flaggedTotal < before[0].flaggedTotal)) return now;
      expect(sentAt - changedAt).toBeLessThan(METRICS_TTL_SECONDS * 1000);
      return undefined;
    }, 30_000, 50);
    expect(converged[1].flagged).toEqual(converged[0].flagged);
  }, 120_000);

  it('two workers at once share the jobs: each item is pushed by one of them, none twice', async () => {
    await startWorker('two');
    const known = new Set(await itemIds());
    // The first create waits in Jira until the other worker has created one too: its worker holds its
    // leased jobs meanwhile, so every job created after that can only be taken by the other worker.
    const held = fake.holdNextResponse(CREATE_ISSUE);
    const creates = () => forwarded.filter((r) => r.method === 'POST' && CREATE_ISSUE.path.test(r.path) && !known.has(itemOfCreate(r.body)));
    const imports = inParallel(LATER.map((_, offset) => SPLIT.length + BOTH.length + offset), 4, (index) => importThrough(index % 2 === 0 ? ports.a : ports.b, index, documents[index].text));
    await held.reached;
    const first = creates()[0].worker;
    await waitFor('the other worker to create an issue while the first one waits', () => (creates().some((r) => r.worker !== first) ? true : undefined), SYNC_MS, 25);
    held.release();
    expect((await imports).map((result) => result.outcome)).toEqual(LATER.map(() => 'CREATED'));
    await allSynced('both workers to push every new item');
    await expectOneIssuePerItem();

    const newItems = (await itemIds()).filter((id) => !known.has(id));
    const byWorker = new Map<string, string[]>();
    for (const r of creates()) byWorker.set(r.worker, [...(byWorker.get(r.worker) ?? []), itemOfCreate(r.body)]);
    expect([...byWorker.keys()].sort()).toEqual(['one', 'two']);
    const pushed = [...byWorker.values()].flat();
    expect(pushed.sort()).toEqual(newItems);
    expect(new Set(pushed).size).toBe(pushed.length);
    expect(workerOne.child.exitCode).toBeNull();
  }, 120_000);

  it('a third instance reads its lists from the replica and everything else from the primary, and reads the primary when the replica is cut', async () => {
    const statements = () => tap.statements.length;
    const replicaReads = { pages: await allPages(ports.r), rootCauses: await data(ports.r, ROOT_CAUSES), pastWeek: await data(ports.r, REVIEW, { week: '2023-W10' }) };
    const read = tap.statements.map((statement) => statement.sql);
    expect(read.length).toBeGreaterThan(0);
    expect(read.some((sql) => /FROM "?action_item"?\b/i.test(sql))).toBe(true);
    expect(read.some((sql) => /FROM root_cause\b/i.test(sql))).toBe(true);
    // Only plain reads went there: no transaction, no write, no lock.
    expect(read.filter((sql) => !/^\s*SELECT\b/i.test(sql) || /\b(INSERT|UPDATE|DELETE|BEGIN|START TRANSACTION|FOR UPDATE)\b/i.test(sql))).toEqual([]);
    expect(replica.accepted).toBeGreaterThan(0);
    expect(replica.accepted).toBeLessThanOrEqual(10); // at most the replica pool (DB_POOL_SIZE)
    // The same answers as an instance reading the primary (this replica has no lag).
    expect(replicaReads).toEqual({ pages: await allPages(ports.a), rootCauses: await data(ports.a, ROOT_CAUSES), pastWeek: await data(ports.a, REVIEW, { week: '2023-W10' }) });

    // A mutation, and the single-item lookup that precedes an edit, read and write the primary only: what a
    // mutation returns is what it wrote, whatever a replica's lag.
    const id = (await itemIds())[20];
    const quiet = statements();
    const { actionItem } = await data<{ actionItem: { version: number } }>(ports.r, ITEM, { id });
    const updated = await data<{ updateActionItem: { title: string; version: number } }>(ports.r, UPDATE, { input: { id, version: actionItem.version, title: 'Written through the replica-reading instance' } });
    expect(updated.updateActionItem).toMatchObject({ title: 'Written through the replica-reading instance', version: actionItem.version + 1 });
    expect(tap.statements.slice(quiet)).toEqual([]);
    // The list, from the replica, shows it (no lag here).
    const listed = (await allPages(ports.r)).flatMap((page) => page.nodes).find((node) => node.id === id);
    expect(listed).toMatchObject({ title: 'Written through the replica-reading instance' });
    expect(statements()).toBeGreaterThan(quiet);

    // The replica goes away in the middle of a read (a page and its count): the read runs again on the
    // primary, and the request succeeds. (A read just before leaves idle connections in the replica pool.)
    const firstPage = { after: null, filter: {} };
    const expected = await data(ports.a, PAGE, firstPage);
    expect(await data(ports.r, PAGE, firstPage)).toEqual(expected);
    replica.stall();
    const stalledAt = statements();
    const inFlight = data(ports.r, PAGE, firstPage);
    await waitFor('the read to reach the stalled replica', () => (statements() > stalledAt ? true : undefined), 30_000, 10);
    replica.cut();
    expect(await inFlight).toEqual(expected);

    // While it is gone, reads go to the primary: answers unchanged, no errors.
    const cutAt = statements();
    expect(await readsFrom(ports.r)).toEqual(await readsFrom(ports.a));
    expect(statements()).toBe(cutAt);
    const server = processes.find((spawned) => spawned.output().includes('Read replica failed'));
    expect(server?.output()).toMatch(/Read replica failed; its reads go to the primary/);

    // Back: after DATABASE_REPLICA_RETRY_SECONDS one read tries it again, and the lists return to it.
    replica.restore();
    await waitFor('list reads to go to the replica again', async () => {
      await data(ports.r, ROOT_CAUSES);
      return statements() > cutAt ? true : undefined;
    }, 30_000, 100);
    expect(await readsFrom(ports.r)).toEqual(await readsFrom(ports.a));
  }, 120_000);
});
