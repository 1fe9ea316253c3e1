import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { parsePostmortem } from '../src/parser/parse-postmortem';
import { ensureBuilt, runCli, spawnEntry, waitFor, type Spawned } from './support/built-app';
import { digestOf, readContent } from './support/database-digest';
import { generatePostmortems } from './support/generated-postmortems';
import { createTestDatabase, type TestDatabase, onPostgres } from './support/test-database';

const DOCUMENTS = 100;
// Killed once this many documents are in, while the next one has written rows it has not committed.
const KILL_AFTER = 30;
const onServer = onPostgres('crash-import', 'it needs a PostgreSQL server (the embedded database is one process with its data).');

(onServer ? describe : describe.skip)('a bulk import killed with SIGKILL', () => {
  const folder = mkdtempSync(join(tmpdir(), 'followthrough-crash-'));
  const documents = generatePostmortems(DOCUMENTS);
  const texts = new Map(documents.map((document) => [join(folder, document.name), document.text]));
  const databases: TestDatabase[] = [];
  const clients: Client[] = [];
  let importer: Spawned | undefined;

  async function database(): Promise<{ settings: Record<string, string>; client: Client }> {
    const created = await createTestDatabase();
    databases.push(created);
    const client = new Client({ connectionString: created.env.DATABASE_URL });
    await client.connect();
    clients.push(client);
    return { settings: { ...created.env, LOG_LEVEL: 'error' }, client };
  }

  beforeAll(async () => {
    for (const [path, text] of texts) writeFileSync(path, text);
    await ensureBuilt();
  }, 180_000);
  afterAll(async () => {
    await importer?.kill();
    for (const client of clients) await client.end();
    for (const created of databases) await created.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('leaves only whole documents, and a second run completes it into what one uninterrupted import gives', async () => {
    const [crashed, reference] = [await database(), await database()];
    // The uninterrupted import to compare with runs meanwhile, into a database of its own.
    const uninterrupted = runCli(['import', folder], reference.settings);
    importer = spawnEntry('cli', ['import', folder], crashed.settings);
    const state = () =>
      crashed.client.query<{ committed: number; writing: boolean }>(
        `SELECT (SELECT count(*)::int FROM postmortem) AS committed,
                EXISTS (SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'followthrough' AND backend_xid IS NOT NULL) AS writing`,
      );
    await waitFor(
      `${KILL_AFTER} documents in and the next one writing (import output: ${importer.output().slice(-500)})`,
      async () => {
        const { committed, writing } = (await state()).rows[0];
        if (committed >= DOCUMENTS) throw new Error('The import finished before it could be killed.');
        return committed >= KILL_AFTER && writing ? true : undefined;
      },
      20_000,
      5,
    );
    importer.child.kill('SIGKILL');
    expect((await importer.exited).signal).toBe('SIGKILL');
    // PostgreSQL rolls the killed connection's transaction back once it sees the socket close.
    await waitFor('the killed import to leave the database', async () => {
      const { rows } = await crashed.client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'followthrough'`);
      return rows[0].n === 0 ? true : undefined;
    });

    const partial = await readContent(crashed.client);
    const committed = partial.counts.postmortem;
    expect(committed).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(committed).toBeLessThan(DOCUMENTS);
    // Documents go in one by one in file order, so what is in is exactly the first ones.
    const firstFiles = [...texts.keys()].sort().slice(0, committed);
    expect(partial.incidents.map((incident) => incident.source_uri)).toEqual(firstFiles);
    for (const incident of partial.incidents) {
      const parsed = parsePostmortem(texts.get(incident.source_uri as string)!);
      const items = incident.items as { sourceText: string; ofThisPostmortem: boolean; measure: string | null; events: { field: string }[]; jira: { state: string } | null }[];
      expect({ file: incident.source_uri, revision: incident.revision, items: items.map((item) => ({ ...pick(item), measured: item.measure !== null })) }).toEqual({
        file: incident.source_uri,
        revision: 1,
        items: parsed.actionItems.map((item) => ({ sourceText: item.text, ofThisPostmortem: true, events: ['created'], jira: 'PENDING', measured: true })),
      });
    }
    const itemCount = partial.incidents.reduce((sum, incident) => sum + (incident.items as unknown[]).length, 0);
    expect({ action_item: partial.counts.action_item, action_item_event: partial.counts.action_item_event, jira_sync: partial.counts.jira_sync, incident: partial.counts.incident }).toEqual({
      action_item: itemCount,
      action_item_event: itemCount,
      jira_sync: itemCount,
      incident: committed,
    });

    const rerun = await runCli(['import', folder], crashed.settings);
    expect({ code: rerun.code, total: rerun.stdout.trim().split('\n').at(-1) }).toEqual({
      code: 0,
      total: `${DOCUMENTS - committed} imported · 0 revised · ${committed} unchanged · 0 failed`,
    });
    const unchanged = rerun.stdout.split('\n').filter((line) => /\.md\s+unchanged\s/.test(line)).map((line) => join(folder, line.trim().split(/\s+/)[0].split('/').pop()!));
    expect(unchanged).toEqual(firstFiles);

    const whole = await uninterrupted;
    expect({ code: whole.code, total: whole.stdout.trim().split('\n').at(-1) }).toEqual({ code: 0, total: `${DOCUMENTS} imported · 0 revised · 0 unchanged · 0 failed` });
    const [completed, expected] = [await readContent(crashed.client), await readContent(reference.client)];
    expect(completed).toEqual(expected);
    expect(digestOf(completed)).toBe(digestOf(expected));
  }, 120_000);
});

function pick(item: { sourceText: string; ofThisPostmortem: boolean; events: { field: string }[]; jira: { state: string } | null }) {
  return { sourceText: item.sourceText, ofThisPostmortem: item.ofThisPostmortem, events: item.events.map((event) => event.field), jira: item.jira?.state ?? null };
}
