import pino from 'pino';
import { ReplicaPools } from '../src/database/replica-pools';
import type { ReplicaScope } from '../src/database/read-routing';
import { DEFAULT_ADMIN_URL, onPostgres } from './support/test-database';

/** Two "replicas" that are the same server under two labels: enough to see which one a scope is sent to. */
const onServer = onPostgres('replica-routing', 'replicas are PostgreSQL servers (the embedded database has none).');

(onServer ? describe : describe.skip)('replica routing within one request', () => {
  const url = process.env.TEST_DATABASE_URL ?? DEFAULT_ADMIN_URL;
  let pools: ReplicaPools;
  beforeEach(() => {
    pools = new ReplicaPools([{ url, label: 'a' }, { url, label: 'b' }], { max: 2, connectionTimeoutMillis: 3000 }, 100, pino({ level: 'silent' }));
  });
  afterEach(() => pools.end());

  async function replicaOf(scope: ReplicaScope): Promise<number | 'primary'> {
    const leased = await pools.connect(scope);
    if (!leased) return 'primary';
    leased[1]();
    return scope.pinned!;
  }

  it('keeps a request on its replica, and on the primary once its replica failed, never moving to another replica', async () => {
    const scope: ReplicaScope = {};
    const first = await replicaOf(scope);
    expect(await replicaOf(scope)).toBe(first);

    // Its replica fails under a read: that read is retried on the primary, and so are the request's later reads,
    // although the other replica answers (it may have replayed less: the request would go back in time).
    const leased = (await pools.connect(scope))!;
    expect(pools.shouldRetryOnPrimary(leased[0], Object.assign(new Error('connection reset'), { code: 'ECONNRESET' }))).toBe(true);
    leased[1]();
    expect(await replicaOf(scope)).toBe('primary');
    expect(scope.onPrimary).toBe(true);

    // A new request takes the replica that answers; once the failed one is back, the first request still stays put.
    expect(await replicaOf({})).toBe(first === 0 ? 1 : 0);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await replicaOf(scope)).toBe('primary');
    const later = new Set([await replicaOf({}), await replicaOf({})]);
    expect(later).toEqual(new Set([0, 1]));
  });
});
