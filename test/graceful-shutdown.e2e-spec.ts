import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { parsePostmortem } from '../src/parser/parse-postmortem';
import { authHeaders, createAdminToken, ensureBuilt, freePort, runCli, spawnEntry, waitFor, type Spawned } from './support/built-app';
import { startFakeJira, type FakeJira } from './support/fake-jira';
import { generatePostmortems } from './support/generated-postmortems';
import { jiraEnv } from './support/jira-sync';
import { send, streamedPost, type HttpOutcome } from './support/raw-http';
import { createTestDatabase, type TestDatabase, onPostgres } from './support/test-database';

const onServer = onPostgres('graceful-shutdown', 'it needs a PostgreSQL server the test can read while the service runs.');

const IMPORT = `mutation($input: ImportPostmortemInput!) { importPostmortem(input: $input) { outcome incident { title } actionItems { id } } }`;
const CREATE_ISSUE = { method: 'POST', path: /^\/rest\/api\/3\/issue$/ };
const documents = generatePostmortems(12);

/** A document of a few hundred KB: a long timeline in front of its measures, so parsing and importing take a while. */
function largeDocument(index: number): string {
  const { text } = documents[index];
  const timeline = Array.from({ length: 3000 }, (_, line) => `- ${String(line % 24).padStart(2, '0')}:${String(line % 60).padStart(2, '0')} on-call checked dashboard ${line} of document ${index}, nothing new`);
  return text.replace('## Action items', `## Timeline\n\n${timeline.join('\n')}\n\n## Action items`);
}

const importBody = (text: string) => JSON.stringify({ query: IMPORT, variables: { input: { text } } });

function summary(outcome: HttpOutcome): unknown {
  if ('error' in outcome) return outcome;
  const body = JSON.parse(outcome.body) as { data?: { importPostmortem: { outcome: string; incident: { title: string }; actionItems: unknown[] } }; errors?: unknown };
  const result = body.data?.importPostmortem;
  return { status: outcome.status, errors: body.errors, outcome: result?.outcome, title: result?.incident.title, items: result?.actionItems.length };
}

(onServer ? describe : describe.skip)('SIGTERM drains the work in flight', () => {
  const folder = mkdtempSync(join(tmpdir(), 'followthrough-shutdown-'));
  const databases: TestDatabase[] = [];
  const clients: Client[] = [];
  const processes: Spawned[] = [];
  let fake: FakeJira;

  async function database(): Promise<{ settings: Record<string, string>; client: Client }> {
    const created = await createTestDatabase();
    databases.push(created);
    const client = new Client({ connectionString: created.env.DATABASE_URL });
    await client.connect();
    clients.push(client);
    // The worker polls often and never reconciles, so the only Jira call it makes is the create this spec holds.
    const jira = jiraEnv(fake, { RUN_WORKER: 'true', JIRA_POLL_INTERVAL_MS: '50', JIRA_TIMEOUT_MS: '20000', JIRA_RECONCILE_INTERVAL_MINUTES: '0' });
    return { settings: { ...created.env, ...jira, HOST: '127.0.0.1', LOG_LEVEL: 'info' }, client };
  }

  /** Imports one small document with the CLI: its measures wait in the Jira outbox. */
  async function importWithCli(settings: Record<string, string>, index: number): Promise<void> {
    const file = join(folder, documents[index].name);
    writeFileSync(file, documents[index].text);
    const result = await runCli(['import', file], settings);
    expect({ code: result.code, total: result.stdout.trim().split('\n').at(-1) }).toEqual({ code: 0, total: '1 imported · 0 revised · 0 unchanged · 0 failed' });
  }

  const syncStates = async (client: Client) =>
    (
      await client.query<{ title: string; state: string; issue_key: string | null; locked_by: string | null; create_attempted: boolean }>(
        `SELECT i.title, j.state, j.issue_key, j.locked_by, j.create_attempted_at IS NOT NULL AS create_attempted
           FROM jira_sync j JOIN action_item a ON a.id = j.action_item_id JOIN incident i ON i.id = a.incident_id ORDER BY i.title, a.source_line_start`,
      )
    ).rows;

  beforeAll(() => ensureBuilt(), 180_000);
  // A fake of its own per test: a response one test holds must not catch another test's request.
  beforeEach(async () => {
    fake = await startFakeJira();
  });
  afterEach(async () => {
    for (const spawned of processes.splice(0)) await spawned.kill();
    await fake.close();
  });
  afterAll(async () => {
    for (const client of clients) await client.end();
    for (const created of databases) await created.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('the API server answers every request in flight, finishes the Jira push in flight, starts nothing new, and exits 0', async () => {
    const { settings, client } = await database();
    const port = await freePort();
    Object.assign(settings, { PORT: String(port) });
    const auth = authHeaders(await createAdminToken(settings));
    // Every measure's issue is being created when the signal comes: Jira holds its answers.
    const measures = parsePostmortem(documents[0].text).actionItems.length;
    const held = Array.from({ length: measures }, () => fake.holdNextResponse(CREATE_ISSUE));
    const server = spawnEntry('main', [], settings);
    processes.push(server);
    await waitFor(
      'the server to serve',
      async () => {
        if (server.child.exitCode !== null) throw new Error(`The server exited at start:\n${server.output()}`);
        const answer = await send(port, 'GET', '/health');
        return 'status' in answer && answer.status === 200 ? true : undefined;
      },
      30_000,
      50,
    );
    expect(summary(await send(port, 'POST', '/graphql', importBody(documents[0].text), auth))).toMatchObject({ status: 200, outcome: 'CREATED' });
    await Promise.all(held.map((response) => response.reached));

    // Five large imports the server has accepted: three sent whole, two still sending their bodies when the signal comes.
    const inFlight = [1, 2, 3, 4, 5].map((index) => streamedPost(port, '/graphql', importBody(largeDocument(index)), auth));
    await Promise.all(inFlight.map((request) => request.accepted));
    for (const request of inFlight.slice(0, 3)) request.finish();
    server.child.kill('SIGTERM');

    const turnedAway = await waitFor('a new request to be turned away', async () => {
      const answer = await send(port, 'GET', '/health');
      return 'error' in answer || answer.status === 503 ? answer : undefined;
    });
    const late = await send(port, 'POST', '/graphql', importBody(documents[6].text), auth);
    for (const request of inFlight.slice(3)) request.finish();
    const answers = await Promise.all(inFlight.map((request) => request.answer));
    expect(answers.map(summary)).toEqual(
      [1, 2, 3, 4, 5].map((index) => ({
        status: 200,
        errors: undefined,
        outcome: 'CREATED',
        title: parsePostmortem(documents[index].text).title,
        items: parsePostmortem(documents[index].text).actionItems.length,
      })),
    );
    for (const answer of [turnedAway, late]) expect('error' in answer ? answer.error : String(answer.status)).toMatch(/^(503|ECONNREFUSED|ECONNRESET)$/);
    // Still waiting for Jira's answers to the creates it sent before the signal.
    await waitFor('the worker to begin its shutdown', () => (/Jira sync worker \S+ stopping/.test(server.output()) ? true : undefined));
    expect(server.child.exitCode).toBeNull();

    for (const response of held) response.release();
    expect(await waitFor('the server to exit', () => (server.child.exitCode === null && server.child.signalCode === null ? undefined : server.exited), 5_000)).toEqual({ code: 0, signal: null });

    const titleOf = (index: number) => parsePostmortem(documents[index].text).title!;
    const states = await syncStates(client);
    const pushed = states.filter((row) => row.title === titleOf(0));
    expect(pushed.map((row) => ({ ...row, issue_key: row.issue_key !== null }))).toEqual(
      Array.from({ length: measures }, () => ({ title: titleOf(0), state: 'SYNCED', issue_key: true, locked_by: null, create_attempted: true })),
    );
    // Each issue created once, and nothing else was created.
    expect(fake.issues().map((issue) => issue.key).sort()).toEqual(pushed.map((row) => row.issue_key).sort());
    expect(fake.requests().filter((r) => r.method === 'POST' && CREATE_ISSUE.path.test(r.path))).toHaveLength(measures);
    // What the in-flight imports queued waits for the next worker; the late request wrote nothing.
    const queued = states.filter((row) => row.title !== titleOf(0));
    expect(new Set(queued.map((row) => JSON.stringify({ ...row, title: undefined })))).toEqual(new Set([JSON.stringify({ state: 'PENDING', issue_key: null, locked_by: null, create_attempted: false })]));
    const incidents = (await client.query<{ title: string }>(`SELECT title FROM incident ORDER BY title`)).rows.map((row) => row.title);
    expect(incidents).toEqual([0, 1, 2, 3, 4, 5].map(titleOf).sort());
  }, 60_000);

  it('the worker process finishes the pushes it started, hands back the jobs it had not started, and exits 0', async () => {
    const { settings, client } = await database();
    // Seven measures: the worker leases them all and pushes four at a time; Jira holds the first four creates.
    for (const index of [1, 2]) await importWithCli(settings, index);
    const measures = [1, 2].reduce((sum, index) => sum + parsePostmortem(documents[index].text).actionItems.length, 0);
    expect(measures).toBe(7);
    const held = Array.from({ length: 4 }, () => fake.holdNextResponse(CREATE_ISSUE));
    const worker = spawnEntry('worker', [], settings);
    processes.push(worker);
    await Promise.all(held.map((response) => response.reached));
    const leased = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM jira_sync WHERE locked_by IS NOT NULL`);
    expect(leased.rows[0].n).toBe(measures);

    worker.child.kill('SIGTERM');
    // Released only once the worker has stopped taking jobs, which it says.
    await waitFor('the worker to begin its shutdown', () => (/Jira sync worker \S+ stopping/.test(worker.output()) ? true : undefined));
    expect(worker.child.exitCode).toBeNull();
    for (const response of held) response.release();
    expect(await waitFor('the worker to exit', () => (worker.child.exitCode === null && worker.child.signalCode === null ? undefined : worker.exited), 5_000)).toEqual({ code: 0, signal: null });

    const states = (await syncStates(client)).map(({ state, locked_by, create_attempted, issue_key }) => ({ state, locked_by, create_attempted, issued: issue_key !== null }));
    const count = (state: object) => states.filter((row) => JSON.stringify(row) === JSON.stringify(state)).length;
    expect({
      synced: count({ state: 'SYNCED', locked_by: null, create_attempted: true, issued: true }),
      handedBack: count({ state: 'PENDING', locked_by: null, create_attempted: false, issued: false }),
    }).toEqual({ synced: 4, handedBack: 3 });
    expect(fake.requests().filter((r) => r.method === 'POST' && CREATE_ISSUE.path.test(r.path))).toHaveLength(4);
  }, 60_000);
});
