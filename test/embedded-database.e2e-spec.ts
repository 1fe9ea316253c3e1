import { existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { EmbeddedDatabaseBusyError, startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { Role } from '../src/auth/role';
import { startTestApp } from './support/test-app';
import type { TestDatabase } from './support/test-database';

describe('embedded PGlite database (no DATABASE_URL)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'followthrough-pglite-test-'));
  const embedded: TestDatabase = { kind: 'pglite', env: { DATA_DIR: dataDir, RUN_MIGRATIONS: 'true' }, drop: () => Promise.resolve() };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('migrates a new data folder, serves the API, and keeps the data across a restart', async () => {
    const first = await startTestApp({ testDatabase: embedded });
    const created = await first.gqlData<{ createIncident: { id: string } }>('mutation { createIncident(input: { title: "Cart leak" }) { id } }');
    await first.gqlData('mutation($id: ID!) { createActionItem(input: { incidentId: $id, title: "Heap alerts", kind: DETECTIVE, dueOn: "2024-06-01" }) { id } }', {
      id: created.createIncident.id,
    });
    expect(first.database.kind).toBe('pglite');
    await first.close();

    const second = await startTestApp({ testDatabase: embedded });
    try {
      const data = await second.gqlData<unknown>('{ actionItems(filter: { overdue: true }) { totalCount nodes { title incident { title } } } }');
      expect(data).toEqual({ actionItems: { totalCount: 1, nodes: [{ title: 'Heap alerts', incident: { title: 'Cart leak' } }] } });
      // The response cache's data version works here too: a repeat is served from memory, a write retires it.
      const read = async () => {
        const response = await second.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', authorization: second.bearer(Role.VIEWER) }, payload: { query: '{ owners { totalCount } }' } });
        return [response.headers['x-cache'], response.json<{ data: { owners: { totalCount: number } } }>().data.owners.totalCount];
      };
      expect(await read()).toEqual(['MISS', 0]);
      expect(await read()).toEqual(['HIT', 0]);
      await second.gqlData('mutation { createOwner(input: { kind: TEAM, name: "payments" }) { id } }');
      expect(await read()).toEqual(['MISS', 1]);
    } finally {
      await second.close();
    }
  });

  it('refuses a data folder another live process holds, and says what to do', async () => {
    const busyDir = mkdtempSync(join(tmpdir(), 'followthrough-pglite-busy-'));
    // The Jest parent process is alive and is not us: it stands in for a second server.
    writeFileSync(join(busyDir, 'followthrough.pid'), String(process.ppid));
    try {
      await expect(startEmbeddedPostgres({ dataDir: busyDir, port: 0, maxConnections: 2 })).rejects.toThrow(EmbeddedDatabaseBusyError);
      await expect(startEmbeddedPostgres({ dataDir: busyDir, port: 0, maxConnections: 2 })).rejects.toThrow(/in use by process \d+.*set DATABASE_URL/);
    } finally {
      rmSync(busyDir, { recursive: true, force: true });
    }
  });
});

describe('a second process on the same data folder', () => {
  it('uses the running holder\'s database through the socket it published (the CLI beside a server)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'followthrough-pglite-shared-'));
    // The Jest parent is alive and is not us: it stands in for a running server that published its socket.
    const lock = { pid: process.ppid, socketDir: '/run/followthrough-test', port: 5999 };
    writeFileSync(join(dataDir, 'followthrough.pid'), JSON.stringify(lock));
    try {
      const shared = await startEmbeddedPostgres({ dataDir, port: 0, maxConnections: 2 });
      await shared.stop();
      expect([shared.url, shared.socket, JSON.parse(readFileSync(join(dataDir, 'followthrough.pid'), 'utf8'))]).toEqual([
        'postgres://postgres@%2Frun%2Ffollowthrough-test:5999/postgres',
        '/run/followthrough-test/.s.PGSQL.5999',
        lock,
      ]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses it to a server or worker (shareRunning: false), naming the holder and what to do (issue 22, finding 11)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'followthrough-pglite-server-'));
    writeFileSync(join(dataDir, 'followthrough.pid'), JSON.stringify({ pid: process.ppid, socketDir: dataDir, port: 5432 }));
    try {
      const refused = startEmbeddedPostgres({ dataDir, port: 0, maxConnections: 2, shareRunning: false });
      await expect(refused).rejects.toThrow(EmbeddedDatabaseBusyError);
      await expect(refused).rejects.toThrow(new RegExp(`in use by process ${process.ppid}: .*Stop process ${process.ppid} first, or give this one its own DATA_DIR, or set DATABASE_URL`));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('a throw-away (memory://) embedded database (issue 22, finding 4)', () => {
  it('is served on a socket in a private 0700 folder, not on TCP, and the folder goes when it stops', async () => {
    const embedded = await startEmbeddedPostgres({ dataDir: 'memory://', port: 0, maxConnections: 2 });
    const folder = dirname(embedded.socket);
    try {
      const client = new Client({ connectionString: embedded.url });
      await client.connect();
      const { rows } = await client.query<{ answer: number }>('SELECT 42 AS answer');
      await client.end();
      expect({ rows, folder: (statSync(folder).mode & 0o777).toString(8), socket: lstatSync(embedded.socket).isSocket(), url: embedded.url }).toEqual({
        rows: [{ answer: 42 }],
        folder: '700',
        socket: true,
        url: expect.stringMatching(/^postgres:\/\/postgres@%2F[^:]+:5432\/postgres$/) as unknown,
      });
    } finally {
      await embedded.stop();
    }
    expect(existsSync(folder)).toBe(false);
  });
});
