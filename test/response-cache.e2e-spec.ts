import { Client } from 'pg';
import { Role } from '../src/auth/role';
import { createActionItem, createIncident, createOwner } from './support/factories';
import { startTestApp, TEST_NOW, type TestApp } from './support/test-app';

const DASHBOARD = '{ actionItems(first: 10, filter: { overdue: true }, orderBy: { field: DUE_ON }) { totalCount nodes { id title dueOn owner { name } flags { code } } } }';

interface Answer {
  cache: string | undefined;
  body: string;
  status: number;
  queries: number;
}

/** Asks through the HTTP stack and reports the X-Cache header, the raw body and the SQL statements it cost. */
async function ask(t: TestApp, query: string, authorization = t.bearer(Role.VIEWER)): Promise<Answer> {
  let queries = 0;
  const stop = t.database.queries.onQuery(() => queries++);
  try {
    const response = await t.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', authorization }, payload: JSON.stringify({ query }) });
    return { cache: response.headers['x-cache'] as string | undefined, body: response.body, status: response.statusCode, queries };
  } finally {
    stop();
  }
}

describe('GraphQL response cache', () => {
  let t: TestApp;
  let itemId: string;
  let version: number;
  beforeAll(async () => {
    t = await startTestApp();
    const incident = await createIncident(t, { title: 'Cart leak' });
    const owner = await createOwner(t, { name: 'payments', kind: 'TEAM' });
    const item = await createActionItem(t, { incidentId: incident.id, title: 'Alert on heap growth', ownerId: owner.id, dueOn: '2024-06-20' });
    await createActionItem(t, { incidentId: incident.id, title: 'Load test checkout', dueOn: '2024-07-05' });
    itemId = item.id;
    version = item.version;
  });
  afterAll(() => t.close());

  it('answers a repeated dashboard read from memory: the same bytes, no SQL beyond the token and the data version', async () => {
    const first = await ask(t, DASHBOARD);
    expect(first).toMatchObject({ cache: 'MISS', status: 200 });
    expect(JSON.parse(first.body).data.actionItems.totalCount).toBe(1);
    const second = await ask(t, DASHBOARD);
    expect(second).toMatchObject({ cache: 'HIT', status: 200, body: first.body, queries: 2 });
    expect(first.queries).toBeGreaterThan(2);
  });

  it('computes again after a change committed through GraphQL', async () => {
    await ask(t, DASHBOARD);
    const updated = await t.gqlData<{ updateActionItem: { version: number } }>(
      'mutation($input: UpdateActionItemInput!) { updateActionItem(input: $input) { version } }',
      { input: { id: itemId, version, title: 'Alert on heap growth above 80%' } },
    );
    version = updated.updateActionItem.version;
    const after = await ask(t, DASHBOARD);
    expect(after.cache).toBe('MISS');
    expect(after.body).toContain('Alert on heap growth above 80%');
    expect((await ask(t, DASHBOARD)).cache).toBe('HIT');
  });

  it('computes again after a change committed by another process on the same database', async () => {
    await ask(t, DASHBOARD);
    const other = new Client({ connectionString: t.databaseEnv.DATABASE_URL });
    await other.connect();
    try {
      await other.query(`UPDATE owner SET name = 'payments-team' WHERE name = 'payments'`);
    } finally {
      await other.end();
    }
    const after = await ask(t, DASHBOARD);
    expect(after.cache).toBe('MISS');
    expect(after.body).toContain('payments-team');
  });

  it('holds an answer no longer than GRAPHQL_CACHE_SECONDS, nor into a new day', async () => {
    try {
      await t.dataSource.query(`UPDATE owner SET name = name`); // a new version, so the next answer is stored now
      t.clock.set(new Date(TEST_NOW.getTime() + 1_000));
      expect((await ask(t, DASHBOARD)).cache).toBe('MISS');
      t.clock.set(new Date(TEST_NOW.getTime() + 60_000)); // 59 s later: still served
      expect((await ask(t, DASHBOARD)).cache).toBe('HIT');
      t.clock.set(new Date(TEST_NOW.getTime() + 61_000)); // 60 s: computed again
      expect((await ask(t, DASHBOARD)).cache).toBe('MISS');
      // Ten days on, the item due on 2024-07-05 is overdue too: the answer must say so at once.
      t.clock.set(new Date(TEST_NOW.getTime() + 10 * 86_400_000));
      const later = await ask(t, DASHBOARD);
      expect(later.cache).toBe('MISS');
      expect(JSON.parse(later.body).data.actionItems.totalCount).toBe(2);
    } finally {
      t.clock.set(TEST_NOW);
    }
  });

  it('never serves a stored answer to a request the guard refuses, and keeps roles apart', async () => {
    await ask(t, DASHBOARD);
    const anonymous = await ask(t, DASHBOARD, '');
    expect(anonymous.cache).toBeUndefined();
    expect(JSON.parse(anonymous.body).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const unknown = await ask(t, DASHBOARD, 'Bearer ft_unknownunknownunknownunknownunknownunknown0');
    expect(JSON.parse(unknown.body).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await ask(t, DASHBOARD, t.bearer(Role.EDITOR))).cache).toBe('MISS');
    expect((await ask(t, DASHBOARD, t.bearer(Role.EDITOR))).cache).toBe('HIT');
  });

  it('keeps no answer with errors, and leaves mutations and single-item lookups alone', async () => {
    const tooLarge = '{ actionItems(first: 1000) { totalCount } }';
    expect((await ask(t, tooLarge)).cache).toBe('MISS');
    const again = await ask(t, tooLarge);
    expect(again.cache).toBe('MISS');
    expect(JSON.parse(again.body).errors).toHaveLength(1);
    const lookup = `{ actionItem(id: "${itemId}") { title } }`;
    expect((await ask(t, lookup)).cache).toBeUndefined();
    expect((await ask(t, lookup)).cache).toBeUndefined();
    const mutation = await ask(t, 'mutation { createOwner(input: { kind: TEAM, name: "sre" }) { id } }', t.bearer(Role.EDITOR));
    expect(mutation.cache).toBeUndefined();
    expect(JSON.parse(mutation.body).data.createOwner.id).toBeDefined();
  });

  it('counts hits and misses in /metrics', async () => {
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: t.bearer(Role.VIEWER) } });
    const count = (outcome: string) => Number(new RegExp(`^followthrough_graphql_cache_lookups_total\\{outcome="${outcome}"\\} (\\d+)$`, 'm').exec(metrics.body)?.[1]);
    expect(count('hit')).toBeGreaterThanOrEqual(5);
    expect(count('miss')).toBeGreaterThanOrEqual(8);
  });
});

describe('GraphQL response cache turned off', () => {
  it('computes every answer when GRAPHQL_CACHE_SECONDS=0', async () => {
    const t = await startTestApp({ env: { GRAPHQL_CACHE_SECONDS: '0' } });
    try {
      await ask(t, DASHBOARD); // the token's first use also records when it was used
      const second = await ask(t, DASHBOARD);
      const third = await ask(t, DASHBOARD);
      expect([second.cache, third.cache]).toEqual([undefined, undefined]);
      expect(third.body).toBe(second.body);
      expect(third.queries).toBe(second.queries);
      expect(third.queries).toBeGreaterThan(2);
    } finally {
      await t.close();
    }
  });
});

describe('data_version', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const current = async () => Number((await t.dataSource.query<{ version: string }[]>('SELECT version FROM data_version'))[0].version);

  it('moves on once per committed transaction, however many rows it wrote, and not for a rolled-back one', async () => {
    const before = await current();
    await t.dataSource.transaction(async (manager) => {
      for (let n = 0; n < 20; n++) await manager.query(`INSERT INTO owner (kind, name) VALUES ('TEAM', $1)`, [`bulk-${n}`]);
      await manager.query(`UPDATE owner SET name = name || '!' WHERE name LIKE 'bulk-%'`);
    });
    expect(await current()).toBe(before + 1);
    await expect(
      t.dataSource.transaction(async (manager) => {
        await manager.query(`INSERT INTO owner (kind, name) VALUES ('TEAM', 'rolled-back')`);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await current()).toBe(before + 1);
    await t.dataSource.query(`DELETE FROM owner WHERE name LIKE 'bulk-%'`);
    expect(await current()).toBe(before + 2);
  });

  it('is moved by every table an answer can show: a new table must join the trigger list or this list', async () => {
    // Tables no GraphQL dashboard read shows (tokens are admin-only and never cached).
    const unseen = ['api_token', 'data_version', 'jira_reconcile_cursor', 'jira_webhook_delivery', 'migration'];
    const tables: { name: string; triggers: string[] }[] = await t.dataSource.query(`
      SELECT c.relname AS name, array_remove(array_agg(tg.tgname::text ORDER BY tg.tgname), NULL) AS triggers
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_trigger tg ON tg.tgrelid = c.oid AND NOT tg.tgisinternal OR (tg.tgrelid = c.oid AND tg.tgconstraint <> 0 AND tg.tgname LIKE '%data_version')
      WHERE n.nspname = 'public' AND c.relkind = 'r'
      GROUP BY c.relname ORDER BY c.relname`);
    const missing = tables.filter((table) => !unseen.includes(table.name) && !(table.triggers.includes(`${table.name}_data_version`) && table.triggers.includes(`${table.name}_data_version_truncate`)));
    expect(missing.map((table) => table.name)).toEqual([]);
    expect(tables.length).toBeGreaterThan(unseen.length + 5);
  });
});
