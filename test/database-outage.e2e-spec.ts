import { Client } from 'pg';
import { JiraSyncWorker } from '../src/jira/jira-sync.worker';
import { parsePostmortem } from '../src/parser/parse-postmortem';
import { waitFor } from './support/built-app';
import { startFakeJira, type FakeJira } from './support/fake-jira';
import { generatePostmortems } from './support/generated-postmortems';
import { jiraEnv } from './support/jira-sync';
import { TcpProxy } from './support/tcp-proxy';
import { startTestApp, type TestApp } from './support/test-app';
import { createTestDatabase, type TestDatabase, onPostgres } from './support/test-database';

const onServer = onPostgres('database-outage', 'it puts a proxy between the service and a PostgreSQL server.');

const QUERY = `{ incidents(first: 50) { totalCount nodes { title actionItems { title owner { name } } } } }`;
const IMPORT = `mutation($input: ImportPostmortemInput!) { importPostmortem(input: $input) { outcome actionItems { id } } }`;
// Short bounds, so that an unanswered database fails requests in about a second.
const TIMEOUTS = { DB_QUERY_TIMEOUT_MS: '1000', DB_CONNECT_TIMEOUT_MS: '1000' };
const documents = generatePostmortems(4);
// An import whose transaction runs long enough to be caught in the middle.
const MANY_MEASURES = documents[3].text.replace('## Action items\n', `## Action items\n\n${Array.from({ length: 80 }, (_, n) => `- [ ] Add check ${n} to the release checklist`).join('\n')}\n`);

(onServer ? describe : describe.skip)('when the database becomes unreachable and comes back', () => {
  let database: TestDatabase;
  let direct: Client;
  let proxy: TcpProxy;
  let fake: FakeJira;
  let t: TestApp;
  let imported = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    direct = new Client({ connectionString: database.env.DATABASE_URL });
    await direct.connect();
    const target = new URL(database.env.DATABASE_URL);
    proxy = new TcpProxy(target.hostname, Number(target.port));
    await proxy.start();
    target.host = `127.0.0.1:${proxy.port}`;
    fake = await startFakeJira();
    const jira = jiraEnv(fake, { JIRA_POLL_INTERVAL_MS: '50', JIRA_RECONCILE_INTERVAL_MINUTES: '0' });
    t = await startTestApp({ testDatabase: database, env: { ...jira, ...TIMEOUTS, DATABASE_URL: target.toString() } });
    // The worker runs as in the server, on its own timer, through the same outage.
    t.app.get(JiraSyncWorker).start();
  });
  // A failed test must not leave the next one without a database.
  afterEach(() => proxy.restore());
  afterAll(async () => {
    await t?.close();
    await proxy?.stop();
    await fake?.close();
    await direct?.end();
    await database?.drop();
  });

  const health = async () => {
    const response = await t.app.inject({ method: 'GET', url: '/health' });
    return { status: response.statusCode, body: response.json<unknown>() };
  };

  async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
    const started = Date.now();
    const result = await work();
    return { result, ms: Date.now() - started };
  }

  /** Imports the next document and waits until the worker has pushed all its measures. */
  async function importAndSync(): Promise<void> {
    const { importPostmortem } = await t.gqlData<{ importPostmortem: { outcome: string; actionItems: { id: string }[] } }>(IMPORT, { input: { text: documents[imported++].text } });
    expect(importPostmortem.outcome).toBe('CREATED');
    await waitFor('the worker to push the new measures', async () => {
      const { rows } = await direct.query<{ state: string }>(`SELECT state FROM jira_sync WHERE action_item_id = ANY($1::uuid[])`, [importPostmortem.actionItems.map((item) => item.id)]);
      return rows.length === importPostmortem.actionItems.length && rows.every((row) => row.state === 'SYNCED') ? true : undefined;
    });
  }

  async function expectUnavailable(message: RegExp): Promise<void> {
    const checks = [
      timed(health),
      timed(() => t.gql(QUERY)),
      timed(() => t.gql(IMPORT, { input: { text: documents[3].text } })),
    ] as const;
    const [probe, query, mutation] = await Promise.all(checks);
    expect(probe.result).toEqual({ status: 503, body: { status: 'unavailable', database: { kind: 'postgres', ok: false, error: expect.stringMatching(/^PostgreSQL /) } } });
    // One error, or one per field that reached the database first: each says the same.
    for (const { result } of [query, mutation]) {
      expect(result.data).toBeNull();
      expect(result.errors?.length).toBeGreaterThan(0);
      for (const error of result.errors ?? []) expect([error.extensions.code, error.message]).toEqual(['SERVICE_UNAVAILABLE', expect.stringMatching(message)]);
    }
    // Failing fast: within the connect and query bounds, not at some TCP timeout minutes later.
    expect(Math.max(probe.ms, query.ms, mutation.ms)).toBeLessThan(3_000);
  }

  async function expectRecovered(): Promise<void> {
    await waitFor('/health to answer 200 again', async () => ((await health()).status === 200 ? true : undefined));
    expect(await health()).toEqual({ status: 200, body: { status: 'ok', database: { kind: 'postgres', ok: true } } });
    await importAndSync();
    const { incidents } = await t.gqlData<{ incidents: { totalCount: number } }>(QUERY);
    expect(incidents.totalCount).toBe(imported);
  }

  it('connections dropped and refused: 503 and SERVICE_UNAVAILABLE at once, then everything works again without a restart', async () => {
    await importAndSync();
    proxy.cut();
    await expectUnavailable(/^The database is unavailable right now/);
    proxy.restore();
    await expectRecovered();
  });

  it('a partition (nothing answers): the same within the query timeout, then everything works again', async () => {
    // It begins in the middle of an import's transaction.
    const inFlight = t.gql(IMPORT, { input: { text: MANY_MEASURES } });
    await waitFor('the import to have written rows', async () => {
      const { rows } = await direct.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'followthrough' AND backend_xid IS NOT NULL`);
      return rows.length > 0 ? true : undefined;
    }, 10_000, 2);
    proxy.stall();
    const interrupted = await inFlight;
    expect(interrupted.errors?.map((error) => [error.extensions.code, error.message])).toEqual([['SERVICE_UNAVAILABLE', expect.stringMatching(/^The database did not answer in time/)]]);
    // A request that got a pooled connection waits out the query timeout; one that needed a new connection, the connect timeout.
    // Requests that come while every connection waits on an unanswered query find none free.
    await expectUnavailable(/^(The database (did not answer in time|is unavailable right now)|No database connection came free)/);
    proxy.restore();
    await expectRecovered();
    // The connections that timed out were dropped, not lent out again: nothing they had sent ran late. So the
    // interrupted import was rolled back whole and holds no lock, importing it again gives one complete
    // incident, and no session is left inside a transaction where later writes would never commit.
    expect((await t.gqlData<{ importPostmortem: { outcome: string } }>(IMPORT, { input: { text: MANY_MEASURES } })).importPostmortem.outcome).toBe('CREATED');
    const incidents = await direct.query<{ items: number; postmortems: number }>(
      `SELECT (SELECT count(*)::int FROM action_item a WHERE a.incident_id = i.id) AS items, (SELECT count(*)::int FROM postmortem p WHERE p.incident_id = i.id) AS postmortems FROM incident i`,
    );
    expect(incidents.rows.map((row) => row.postmortems)).toEqual(Array.from({ length: imported + 1 }, () => 1));
    expect(incidents.rows.filter((row) => row.items === parsePostmortem(MANY_MEASURES).actionItems.length)).toHaveLength(1);
    await waitFor('no session to be left in a transaction', async () => {
      const { rows } = await direct.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'followthrough' AND state LIKE 'idle in transaction%'`);
      return rows.length === 0 ? true : undefined;
    }, 2_000);
  });
});
