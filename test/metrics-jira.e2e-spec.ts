import { startFakeJira, type FakeJira } from './support/fake-jira';
import { createActionItem, createIncident } from './support/factories';
import { advance, itemWithJira, startSyncedApp, syncNow } from './support/jira-sync';
import { scrape, seriesOf } from './support/metrics-scrape';
import type { TestApp } from './support/test-app';

const UPDATE = `mutation($input: UpdateActionItemInput!) { updateActionItem(input: $input) { version } }`;
const NO_ATTEMPTS = { synced: 0, retry: 0, failed: 0, deleted: 0, deferred: 0, gone: 0 };
const NO_WEBHOOKS = { applied: 0, unchanged: 0, stale: 0, unlinked: 0, deleted: 0, duplicate: 0, ignored: 0, rejected: 0, failed: 0 };

async function jiraMetrics(t: TestApp) {
  const metrics = await scrape(t);
  return {
    attempts: seriesOf(metrics, 'followthrough_jira_sync_attempts_total'),
    webhooks: seriesOf(metrics, 'followthrough_jira_webhooks_total'),
    items: seriesOf(metrics, 'followthrough_jira_sync_items'),
  };
}

describe('Jira sync metrics', () => {
  let fake: FakeJira;
  let t: TestApp;
  beforeEach(async () => {
    fake = await startFakeJira();
  });
  afterEach(async () => {
    await t?.close();
    await fake.close();
  });

  it('counts push attempts and webhook deliveries by outcome, and items by sync state', async () => {
    t = await startSyncedApp(fake);
    const incident = await createIncident(t);
    const first = await createActionItem(t, { incidentId: incident.id, dueOn: '2024-08-01' });
    const second = await createActionItem(t, { incidentId: incident.id, dueOn: '2024-08-01' });
    fake.failNext(1, { status: 503, retryAfterSeconds: 5 });
    await syncNow(t);
    expect(await jiraMetrics(t)).toEqual({
      attempts: { ...NO_ATTEMPTS, retry: 1, synced: 1 },
      webhooks: NO_WEBHOOKS,
      items: { DELETED: 0, FAILED: 0, PENDING: 1, SYNCED: 1 },
    });

    advance(t, 10_000);
    await syncNow(t);
    // The two creations come back as webhooks older than what the pushes already recorded.
    await fake.deliverWebhooks();
    fake.transitionIssue((await itemWithJira(t, first.id)).jira!.issueKey!, 'Done');
    await fake.deliverWebhooks({ duplicate: true });
    const unsigned = await t.app.inject({ method: 'POST', url: '/webhooks/jira', headers: { 'content-type': 'application/json' }, payload: '{"webhookEvent":"jira:issue_updated"}' });
    expect(unsigned.statusCode).toBe(401);
    // An issue deleted in Jira without its webhook: the next push meets a 404.
    fake.deleteIssue((await itemWithJira(t, second.id)).jira!.issueKey!);
    fake.discardWebhooks();
    await t.gqlData(UPDATE, { input: { id: second.id, version: 1, title: 'Renamed' } });
    await syncNow(t);

    expect(await jiraMetrics(t)).toEqual({
      // The third sync pushes the item Jira completed (its status echo); the 404 marks the other DELETED.
      attempts: { ...NO_ATTEMPTS, retry: 1, synced: 3, deleted: 1 },
      webhooks: { ...NO_WEBHOOKS, stale: 2, applied: 1, duplicate: 1, rejected: 1 },
      items: { DELETED: 1, FAILED: 0, PENDING: 0, SYNCED: 1 },
    });
  });
});
