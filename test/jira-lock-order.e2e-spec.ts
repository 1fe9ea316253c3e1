import { startFakeJira, type FakeJira } from './support/fake-jira';
import { createActionItem, createIncident } from './support/factories';
import { itemWithJira, startSyncedApp, syncNow } from './support/jira-sync';
import type { TestApp } from './support/test-app';
import { onPostgres } from './support/test-database';

/**
 * An item change locks the item, then writes its Jira outbox row. A webhook for the same item must take the two
 * locks in that order too: in the other order the two transactions wait on each other until PostgreSQL aborts
 * one (the soak saw webhooks answered 503 this way).
 */
const onServer = onPostgres('jira-lock-order', 'the embedded database is one session, where two transactions never wait for each other.');

(onServer ? describe : describe.skip)('Jira webhook and item change on the same item', () => {
  let fake: FakeJira;
  let t: TestApp;
  beforeAll(async () => {
    fake = await startFakeJira();
    t = await startSyncedApp(fake);
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  it('wait for each other instead of deadlocking', async () => {
    const item = await createActionItem(t, { incidentId: (await createIncident(t)).id, dueOn: '2024-08-01' });
    await syncNow(t);
    const key = (await itemWithJira(t, item.id)).jira!.issueKey!;
    fake.discardWebhooks();
    fake.transitionIssue(key, 'Done');

    const change = t.dataSource.createQueryRunner();
    await change.connect();
    await change.startTransaction();
    try {
      await change.query('SELECT id FROM action_item WHERE id = $1 FOR UPDATE', [item.id]);
      const delivered = fake.deliverWebhooks({ retryDelayMs: 10_000 });
      // The webhook's transaction is now waiting for a lock held by `change`.
      await waitFor(async () => {
        const [{ waiting }] = await t.dataSource.query<{ waiting: number }[]>(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        return waiting > 0;
      });
      // What an item change does next: write the item's outbox row. With the webhook holding that row, this waited
      // for the webhook, which waited for the item: a deadlock.
      await change.query('UPDATE jira_sync SET updated_at = now() WHERE action_item_id = $1', [item.id]);
      await change.commitTransaction();
      expect((await delivered).map((result) => [result.status, result.attempts])).toEqual([[200, 1]]);
    } finally {
      if (change.isTransactionActive) await change.rollbackTransaction();
      await change.release();
    }
    expect((await itemWithJira(t, item.id)).status).toBe('DONE');
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the webhook to wait on the lock');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
