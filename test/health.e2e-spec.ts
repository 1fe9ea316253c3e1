import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/database/embedded-postgres';
import { createTestDatabase, type TestDatabase } from './support/test-database';
import { TcpProxy } from './support/tcp-proxy';
import { startTestApp, type TestApp } from './support/test-app';

describe('when the database goes away', () => {
  let database: TestDatabase;
  let embedded: EmbeddedPostgres | undefined;
  let proxy: TcpProxy;
  let t: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    if (database.kind === 'pglite') embedded = await startEmbeddedPostgres({ dataDir: 'memory://', port: 0, maxConnections: 10, loopbackTcp: true });
    const target = new URL(database.env.DATABASE_URL ?? embedded!.url);
    proxy = new TcpProxy(target.hostname, Number(target.port));
    await proxy.start();
    target.host = `127.0.0.1:${proxy.port}`;
    t = await startTestApp({ testDatabase: { ...database, env: { DATABASE_URL: target.toString(), RUN_MIGRATIONS: 'true' } } });
  });
  afterAll(async () => {
    await t.close();
    await proxy.stop();
    await embedded?.stop();
    await database.drop();
  });

  const health = async () => {
    const response = await t.app.inject({ method: 'GET', url: '/health' });
    return { status: response.statusCode, body: response.json<unknown>() };
  };
  const countItems = () => t.gql<{ actionItems: { totalCount: number } }>('{ actionItems { totalCount } }');

  it('reports it on /health, fails requests with SERVICE_UNAVAILABLE, and recovers by itself', async () => {
    expect(await health()).toEqual({ status: 200, body: { status: 'ok', database: { kind: 'postgres', ok: true } } });

    proxy.cut();
    expect(await health()).toEqual({ status: 503, body: { status: 'unavailable', database: { kind: 'postgres', ok: false, error: expect.any(String) } } });
    const failed = await countItems();
    expect(failed.errors?.map((e) => [e.extensions.code, e.message])).toEqual([
      ['SERVICE_UNAVAILABLE', 'The database is unavailable right now; the request was not applied. Try again shortly.'],
    ]);

    proxy.restore();
    expect(await health()).toEqual({ status: 200, body: { status: 'ok', database: { kind: 'postgres', ok: true } } });
    expect((await countItems()).data).toEqual({ actionItems: { totalCount: 0 } });
  });
});
