import { startFakeJira, type FakeJira } from './support/fake-jira';
import { createActionItem, createIncident } from './support/factories';
import { advance, importExamples, itemWithJira, startSyncedApp, syncNow, syncRows } from './support/jira-sync';
import type { TestApp } from './support/test-app';
import { onPostgres } from './support/test-database';

const sharedOutbox = onPostgres('jira-faults, two workers sharing the outbox', 'the embedded database is one session, in one process.');

const UPDATE = `mutation($input: UpdateActionItemInput!) { updateActionItem(input: $input) { id version } }`;
const RETRY = `mutation($id: ID!) { retryJiraSync(id: $id) { id } }`;

/** Issues whose per-item label occurs more than once: duplicates. */
function duplicatedItems(fake: FakeJira): string[] {
  const labels = fake.issues().flatMap((issue) => issue.labels.filter((label) => label.startsWith('followthrough-')));
  return labels.filter((label, index) => labels.indexOf(label) !== index);
}

/** Every item has exactly one live issue, and its fields agree with the item: nothing lost, nothing doubled. */
async function expectConverged(t: TestApp, fake: FakeJira, itemIds: string[]): Promise<void> {
  expect(duplicatedItems(fake)).toEqual([]);
  expect(fake.issues()).toHaveLength(itemIds.length);
  for (const id of itemIds) {
    const item = await itemWithJira(t, id);
    const issue = fake.issue(item.jira!.issueId!)!;
    expect({ state: item.jira!.state, label: issue.labels.includes(`followthrough-${id}`), due: issue.duedate }).toEqual({ state: 'SYNCED', label: true, due: item.dueOn });
  }
}

describe('Jira sync under faults: zero lost updates, zero duplicate issues', () => {
  let fake: FakeJira;
  let t: TestApp;

  beforeEach(async () => {
    fake = await startFakeJira();
  });
  afterEach(async () => {
    await t?.close();
    await fake.close();
  });

  async function newItem(title = 'Alert on heap growth') {
    const incident = await createIncident(t);
    return createActionItem(t, { incidentId: incident.id, title, dueOn: '2024-08-01' });
  }

  it('keeps working while Jira is down: the mutation succeeds, the push backs off and lands when Jira is back', async () => {
    t = await startSyncedApp(fake);
    fake.setDown(true);
    const item = await newItem();
    await t.gqlData(UPDATE, { input: { id: item.id, version: item.version, dueOn: '2024-09-01' } });

    await syncNow(t);
    let [row] = await syncRows(t);
    expect({ state: row.state, attempts: row.attempts }).toEqual({ state: 'PENDING', attempts: 1 });
    expect(row.error).toMatch(/^Attempt 1 of 4 failed: POST \/rest\/api\/3\/issue: .*; next try at /);
    // Backoff: nothing is due until the delay has passed (base 1 s, jittered into [0.5 s, 1 s]).
    const delay = row.next_attempt_at.getTime() - t.clock.now().getTime();
    expect(delay).toBeGreaterThanOrEqual(500);
    expect(delay).toBeLessThanOrEqual(1_000);
    expect(await syncNow(t)).toBe(0);

    // The create may have reached Jira before the line dropped: the next attempt searches for it first,
    // once the search index can be trusted (5 s here), and that search fails too while Jira is down.
    advance(t, 1_000);
    await syncNow(t);
    [row] = await syncRows(t);
    expect({ attempts: row.attempts, error: row.error }).toEqual({ attempts: 1, error: 'Waiting: waiting for Jira search to show a create whose answer was lost.' });
    advance(t, 5_000);
    await syncNow(t);
    [row] = await syncRows(t);
    expect(row.attempts).toBe(2);

    fake.setDown(false);
    advance(t, 2_000);
    await syncNow(t);
    await expectConverged(t, fake, [item.id]);
    expect(fake.issues()[0].duedate).toBe('2024-09-01');
  });

  it('gives up after the last attempt, shows the error on the item, and retryJiraSync tries again', async () => {
    t = await startSyncedApp(fake);
    fake.setDown(true);
    const item = await newItem();
    for (let attempt = 0; attempt < 4; attempt += 1) {
      await syncNow(t);
      advance(t, 60_000);
    }
    let shown = await itemWithJira(t, item.id);
    expect({ state: shown.jira!.state, attempts: shown.jira!.attempts }).toEqual({ state: 'FAILED', attempts: 4 });
    expect(shown.jira!.error).toMatch(/gave up after 4 attempts; retryJiraSync tries again\)$/);

    fake.setDown(false);
    await t.gqlData(RETRY, { id: item.id });
    await syncNow(t);
    shown = await itemWithJira(t, item.id);
    expect({ state: shown.jira!.state, error: shown.jira!.error }).toEqual({ state: 'SYNCED', error: null });
    await expectConverged(t, fake, [item.id]);
  });

  it('waits as long as a 429 says in Retry-After before trying again', async () => {
    t = await startSyncedApp(fake);
    const item = await newItem();
    fake.failNext(1, { status: 429, retryAfterSeconds: 30, reason: 'jira-burst-based' });
    await syncNow(t);
    const [row] = await syncRows(t);
    const wait = row.next_attempt_at.getTime() - t.clock.now().getTime();
    expect(wait).toBeGreaterThanOrEqual(30_000);
    expect(wait).toBeLessThan(30_000 + 1_000);
    expect(row.error).toContain('Jira answered 429');

    fake.clearRequests();
    advance(t, 29_000);
    expect(await syncNow(t)).toBe(0);
    expect(fake.requests()).toEqual([]);
    advance(t, 2_000);
    await syncNow(t);
    await expectConverged(t, fake, [item.id]);
  });

  it('honours Retry-After on a 503 too, and retries 500s with backoff', async () => {
    t = await startSyncedApp(fake);
    const item = await newItem();
    fake.failNext(1, { status: 503, retryAfterSeconds: 5 });
    fake.failNext(2, { status: 500 });
    await syncNow(t);
    const [after503] = await syncRows(t);
    expect(after503.next_attempt_at.getTime() - t.clock.now().getTime()).toBeGreaterThanOrEqual(5_000);
    for (let round = 0; round < 3; round += 1) {
      advance(t, 6_000);
      await syncNow(t);
    }
    await expectConverged(t, fake, [item.id]);
    // After the 503 the create may have happened, so the retries search for it first (and meet the 500s).
    const calls = fake.requests().map((r) => `${r.method} ${r.path.replace(/\?.*/, '')} ${r.status}`);
    expect(calls.slice(0, 5)).toEqual(['POST /rest/api/3/issue 503', 'POST /rest/api/3/search/jql 500', 'POST /rest/api/3/search/jql 500', 'POST /rest/api/3/search/jql 200', 'POST /rest/api/3/issue 201']);
  });

  it('finds the issue a timed-out create made instead of creating a second one', async () => {
    t = await startSyncedApp(fake);
    const item = await newItem();
    fake.loseNextResponse({ method: 'POST', path: /^\/rest\/api\/3\/issue$/ }, 3_000);
    await syncNow(t);
    // Jira made the issue; we never heard back.
    expect(fake.issues()).toHaveLength(1);
    let [row] = await syncRows(t);
    expect({ state: row.state, issue: row.issue_id, error: row.error }).toEqual({ state: 'PENDING', issue: null, error: expect.stringContaining('no answer within 1500 ms') });

    // The retry comes before Jira's search can be trusted to show that issue: it waits instead of creating.
    advance(t, 1_000);
    await syncNow(t);
    [row] = await syncRows(t);
    expect(row.error).toBe('Waiting: waiting for Jira search to show a create whose answer was lost.');
    expect(fake.issues()).toHaveLength(1);

    advance(t, 5_000);
    await syncNow(t);
    await expectConverged(t, fake, [item.id]);
    expect(fake.requests().filter((r) => r.method === 'POST' && r.path === '/rest/api/3/issue')).toHaveLength(1);
  });

  const CREATE = { method: 'POST', path: /^\/rest\/api\/3\/issue$/ };
  const calls = (fake: FakeJira) => fake.requests().map((r) => `${r.method} ${r.path.replace(/\?.*/, '')} ${r.status}`);
  const searched = (fake: FakeJira) => fake.requests().some((r) => r.path.startsWith('/rest/api/3/search'));

  it('creates again after the Retry-After of a 429, which made nothing: no label search, no JIRA_SEARCH_SETTLE_MS wait', async () => {
    t = await startSyncedApp(fake, { env: { JIRA_SEARCH_SETTLE_MS: '30000' } });
    const item = await newItem();
    fake.failNext(1, { status: 429, retryAfterSeconds: 2, ...CREATE });
    await syncNow(t);
    advance(t, 1_000);
    expect(await syncNow(t)).toBe(0);
    advance(t, 2_000);
    await syncNow(t);
    await expectConverged(t, fake, [item.id]);
    expect(calls(fake)).toEqual(['POST /rest/api/3/issue 429', 'POST /rest/api/3/issue 201', `GET /rest/api/3/issue/${fake.issues()[0].id} 200`]);
  });

  it.each([400, 401, 403] as const)('creates at once on retryJiraSync after a create answered %i, which made nothing', async (status) => {
    t = await startSyncedApp(fake, { env: { JIRA_SEARCH_SETTLE_MS: '30000' } });
    const item = await newItem();
    fake.failNext(1, { status, ...CREATE });
    await syncNow(t);
    const shown = await itemWithJira(t, item.id);
    expect({ state: shown.jira!.state, error: shown.jira!.error }).toEqual({ state: 'FAILED', error: expect.stringContaining(`Jira answered ${status}`) });
    await t.gqlData(RETRY, { id: item.id });
    await syncNow(t);
    await expectConverged(t, fake, [item.id]);
    expect(searched(fake)).toBe(false);
  });

  it('creates again without searching when the connection was refused, so the create was never sent', async () => {
    t = await startSyncedApp(fake, { env: { JIRA_SEARCH_SETTLE_MS: '30000' } });
    const item = await newItem();
    await fake.setRefusing(true);
    await syncNow(t);
    const [refused] = await syncRows(t);
    await fake.setRefusing(false);
    advance(t, 1_000);
    await syncNow(t);
    await expectConverged(t, fake, [item.id]);
    expect(searched(fake)).toBe(false);
    expect(refused.error).toMatch(/^Attempt 1 of 4 failed: POST \/rest\/api\/3\/issue: ECONNREFUSED; next try at /);
  });

  it.each([500, 502, 504] as const)('still waits JIRA_SEARCH_SETTLE_MS and searches the label after a create answered %i, which may have made the issue', async (status) => {
    t = await startSyncedApp(fake, { env: { JIRA_SEARCH_SETTLE_MS: '30000' } });
    const item = await newItem();
    fake.failNext(1, { status, ...CREATE });
    await syncNow(t);
    advance(t, 1_000);
    await syncNow(t);
    const [row] = await syncRows(t);
    expect(row.error).toBe('Waiting: waiting for Jira search to show a create whose answer was lost.');
    advance(t, 30_000);
    await syncNow(t);
    await expectConverged(t, fake, [item.id]);
    expect(calls(fake).slice(0, 3)).toEqual([`POST /rest/api/3/issue ${status}`, 'POST /rest/api/3/search/jql 200', 'POST /rest/api/3/issue 201']);
  });

  it('creates again when the lost create did not reach Jira after all', async () => {
    t = await startSyncedApp(fake);
    const item = await newItem();
    fake.setDown(true);
    await syncNow(t);
    fake.setDown(false);
    advance(t, 10_000);
    await syncNow(t);
    await expectConverged(t, fake, [item.id]);
  });

  it('spaces writes to one issue so that a burst of changes stays under the per-issue limit', async () => {
    t = await startSyncedApp(fake, { env: { JIRA_WRITE_SPACING_MS: '250' } });
    fake.setPerIssueWriteLimit({ writes: 1, windowMs: 200 });
    const item = await newItem();
    await syncNow(t);
    await t.gqlData(UPDATE, { input: { id: item.id, version: item.version, title: 'Alert on heap growth per pod' } });
    await t.gqlData(`mutation($id: ID!) { transitionActionItem(id: $id, to: DONE) { id } }`, { id: item.id });
    await syncNow(t);
    expect(fake.requests().filter((r) => r.status === 429)).toEqual([]);
    expect(fake.issues()[0]).toMatchObject({ summary: 'Alert on heap growth per pod', statusCategory: 'done' });
  });

  // Two workers share an outbox only on a PostgreSQL server: the embedded database is one session, in one process.
  (sharedOutbox ? it : it.skip)('lets two workers share the outbox without pushing any item twice', async () => {
    t = await startSyncedApp(fake);
    const second = await startSyncedApp(fake, { testDatabase: t.testDatabase });
    try {
      const ids = await importExamples(t);
      const [first, other] = await Promise.all([syncNow(t), syncNow(second)]);
      expect(first + other).toBe(ids.length);
      expect(first).toBeGreaterThan(0);
      expect(other).toBeGreaterThan(0);
      expect(fake.requests().filter((r) => r.method === 'POST' && r.path === '/rest/api/3/issue')).toHaveLength(ids.length);
      await expectConverged(t, fake, ids);
    } finally {
      await second.close();
    }
  });
});
