import { startTestApp, type TestApp } from './support/test-app';

describe('GET /health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('is ok while the database answers, and 503 with the reason when it does not', async () => {
    const ok = await t.app.inject({ method: 'GET', url: '/health' });
    expect([ok.statusCode, ok.json()]).toEqual([200, { status: 'ok', database: { kind: t.testDatabase.kind, ok: true } }]);

    // Take the database away underneath the running service.
    await t.dataSource.destroy();
    const down = await t.app.inject({ method: 'GET', url: '/health' });
    expect([down.statusCode, down.json()]).toEqual([503, { status: 'unavailable', database: { kind: t.testDatabase.kind, ok: false, error: expect.any(String) } }]);
    await t.dataSource.initialize();
  });
});
