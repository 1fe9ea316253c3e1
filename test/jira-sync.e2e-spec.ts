import { startFakeJira, type FakeJira } from './support/fake-jira';
import { createActionItem, createIncident, createOwner } from './support/factories';
import { existsSync } from 'node:fs';
import { importExamples, itemWithJira, reconcileNow, SHARED_SEEDS, startSyncedApp, syncNow, syncRows } from './support/jira-sync';
import type { TestApp } from './support/test-app';

const TRANSITION = `mutation($id: ID!, $to: ActionItemStatus!, $reason: String) { transitionActionItem(id: $id, to: $to, reason: $reason) { id status version } }`;
const UPDATE = `mutation($input: UpdateActionItemInput!) { updateActionItem(input: $input) { id version } }`;
const HISTORY = `query($id: ID!) { actionItem(id: $id) { history { field from to actor reason } } }`;

const writesTo = (fake: FakeJira) => fake.requests().filter((r) => r.method !== 'GET' && !r.path.startsWith('/rest/api/3/search'));

describe('Jira sync against the fake Jira', () => {
  let fake: FakeJira;
  let t: TestApp;

  beforeEach(async () => {
    fake = await startFakeJira();
  });
  afterEach(async () => {
    await t?.close();
    await fake.close();
  });

  /** One item with an issue in Jira, the webhooks of its creation already handled. */
  async function syncedItem(input: Record<string, unknown> = {}) {
    const incident = await createIncident(t);
    const item = await createActionItem(t, { incidentId: incident.id, dueOn: '2024-08-01', ...input });
    await syncNow(t);
    const { jira } = await itemWithJira(t, item.id);
    fake.discardWebhooks();
    fake.clearRequests();
    return { id: item.id, key: jira!.issueKey! };
  }

  const seeds = existsSync(SHARED_SEEDS) ? [['the five example postmortems', undefined], ['the five seed postmortems in ../shared', SHARED_SEEDS]] : [['the five example postmortems', undefined]];
  if (seeds.length === 1) console.log(`The ../shared seeds are not next to this checkout (${SHARED_SEEDS}); only the examples are synced.`);

  it.each(seeds)('imports %s into exactly one issue per item, with ADF descriptions, due dates and labels', async (_, folder) => {
    t = await startSyncedApp(fake);
    const ids = await importExamples(t, folder);
    expect(ids.length).toBeGreaterThanOrEqual(15);
    // The import only queued the pushes: nothing talked to Jira during the requests.
    expect(fake.requests()).toEqual([]);
    expect((await syncRows(t)).map((row) => row.state)).toEqual(ids.map(() => 'PENDING'));

    expect(await syncNow(t)).toBe(ids.length);
    const issues = fake.issues();
    expect(issues).toHaveLength(ids.length);
    for (const id of ids) {
      const item = await itemWithJira(t, id);
      const issue = fake.issue(item.jira!.issueId!)!;
      expect({ state: item.jira!.state, key: item.jira!.issueKey, url: item.jira!.url, error: item.jira!.error }).toEqual({
        state: 'SYNCED',
        key: issue.key,
        url: `${fake.url}/browse/${issue.key}`,
        error: null,
      });
      expect(issue.labels.sort()).toEqual(['followthrough', `followthrough-${id}`]);
      expect(issue.duedate).toBe(item.dueOn);
      expect(issue.description).toMatchObject({ type: 'doc', version: 1 });
      expect(JSON.stringify(issue.description)).toContain(`https://followthrough.example.com/items/${id}`);
    }
    expect(new Set(issues.map((issue) => issue.key)).size).toBe(ids.length);

    // Nothing changed: a second round and a re-import make no call at all.
    fake.clearRequests();
    expect(await syncNow(t)).toBe(0);
    await importExamples(t, folder);
    expect(await syncNow(t)).toBe(0);
    expect(fake.requests()).toEqual([]);
  });

  it('completes the item when its issue moves to Done in Jira, with the issue as evidence, and reopens it when the issue is reopened', async () => {
    t = await startSyncedApp(fake);
    const { id, key } = await syncedItem();

    fake.transitionIssue(key, 'Done');
    expect(await fake.deliverWebhooks()).toEqual([expect.objectContaining({ status: 200 })]);
    let item = await itemWithJira(t, id);
    expect({ status: item.status, evidenceUrl: item.evidenceUrl }).toEqual({ status: 'DONE', evidenceUrl: `${fake.url}/browse/${key}` });
    const history = (await t.gqlData<{ actionItem: { history: { field: string; to: string; actor: string; reason: string }[] } }>(HISTORY, { id })).actionItem.history;
    expect(history.find((event) => event.field === 'status')).toEqual({
      field: 'status',
      from: 'OPEN',
      to: 'DONE',
      actor: expect.stringMatching(/^jira:/),
      reason: `${key} moved to "Done" in Jira by Ada Lovelace.`,
    });

    // The item changed because Jira did: pushing it back would be an echo, so nothing is written.
    await syncNow(t);
    expect(writesTo(fake)).toEqual([]);

    fake.transitionIssue(key, 'To Do');
    await fake.deliverWebhooks();
    item = await itemWithJira(t, id);
    expect({ status: item.status, evidenceUrl: item.evidenceUrl, state: item.jira!.state }).toEqual({ status: 'OPEN', evidenceUrl: null, state: 'PENDING' });
    await syncNow(t);
    expect(writesTo(fake)).toEqual([]);
    expect((await itemWithJira(t, id)).jira!.state).toBe('SYNCED');
  });

  it('moves the issue through its workflow when the item changes here, and the echoed webhooks change nothing', async () => {
    t = await startSyncedApp(fake);
    const { id, key } = await syncedItem();

    await t.gqlData(TRANSITION, { id, to: 'IN_PROGRESS' });
    await t.gqlData(UPDATE, { input: { id, version: 2, title: 'Alert on heap growth per pod', dueOn: '2024-09-15' } });
    await syncNow(t);
    expect(fake.issue(key)).toMatchObject({ status: 'In Progress', summary: 'Alert on heap growth per pod', duedate: '2024-09-15' });
    // Both field changes went in one edit, then one transition.
    expect(writesTo(fake).map((r) => `${r.method} ${r.path.replace(/\?.*/, '')}`)).toEqual([`PUT /rest/api/3/issue/${fake.issue(key)!.id}`, `POST /rest/api/3/issue/${fake.issue(key)!.id}/transitions`]);

    const before = await itemWithJira(t, id);
    const deliveries = await fake.deliverWebhooks();
    expect(deliveries.length).toBeGreaterThan(0);
    expect(deliveries.every((d) => d.status === 200)).toBe(true);
    const after = await itemWithJira(t, id);
    expect({ version: after.version, status: after.status, state: after.jira!.state }).toEqual({ version: before.version, status: 'IN_PROGRESS', state: 'SYNCED' });
  });

  it('applies a duplicated delivery once, ignores a reordered older one, and heals a dropped one by reconciling', async () => {
    t = await startSyncedApp(fake);
    const { id, key } = await syncedItem();

    fake.transitionIssue(key, 'In Progress');
    const duplicated = await fake.deliverWebhooks({ duplicate: true });
    expect(duplicated.map((d) => d.status)).toEqual([200, 200]);
    const history = (await t.gqlData<{ actionItem: { history: { field: string }[] } }>(HISTORY, { id })).actionItem.history;
    expect(history.filter((event) => event.field === 'status')).toHaveLength(1);

    fake.editIssue(key, { duedate: '2024-10-01' });
    fake.editIssue(key, { duedate: '2024-11-01' });
    await fake.deliverWebhooks({ order: 'reversed' });
    expect((await itemWithJira(t, id)).dueOn).toBe('2024-11-01');

    fake.transitionIssue(key, 'Done');
    expect(await fake.deliverWebhooks({ drop: () => true })).toEqual([]);
    expect((await itemWithJira(t, id)).status).toBe('IN_PROGRESS');
    const report = await reconcileNow(t);
    expect(report.outcomes.applied).toBe(1);
    expect((await itemWithJira(t, id)).status).toBe('DONE');
    // Reconciling again finds the same issue unchanged.
    expect((await reconcileNow(t)).outcomes.applied).toBe(0);
  });

  it('refuses a delivery with a bad signature with 401 and changes nothing', async () => {
    t = await startSyncedApp(fake);
    const { id, key } = await syncedItem();
    fake.transitionIssue(key, 'Done');
    expect(await fake.deliverWebhooks({ signWith: 'not-the-secret' })).toEqual([expect.objectContaining({ status: 401, attempts: 1 })]);
    const unsigned = await t.app.inject({ method: 'POST', url: '/webhooks/jira', headers: { 'content-type': 'application/json' }, payload: '{"webhookEvent":"jira:issue_updated"}' });
    expect(unsigned.statusCode).toBe(401);
    expect((await itemWithJira(t, id)).status).toBe('OPEN');
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM jira_webhook_delivery`)).toEqual([{ n: 0 }]);
  });

  it('reports a Jira status the status map does not cover, and does not fight it', async () => {
    t = await startSyncedApp(fake, { env: { JIRA_STATUS_MAP: 'To Do=OPEN, In Progress=IN_PROGRESS, Done=DONE' } });
    const { id, key } = await syncedItem();
    fake.transitionIssue(key, 'In Review');
    await fake.deliverWebhooks();
    const item = await itemWithJira(t, id);
    expect(item.status).toBe('OPEN');
    expect(item.jira!.warning).toBe(`Jira status "In Review" (category indeterminate) of ${key} is not in JIRA_STATUS_MAP; the item's status was left as it was.`);
    await syncNow(t);
    expect(fake.issue(key)!.status).toBe('In Review');
    expect((await t.gqlData<{ jiraSyncStatus: { warnings: number } }>('{ jiraSyncStatus { warnings } }')).jiraSyncStatus.warnings).toBe(1);
  });

  it('takes due date and assignee changes from Jira, and assigns issues to owners Jira knows by email', async () => {
    t = await startSyncedApp(fake);
    const ada = await createOwner(t, { kind: 'PERSON', name: 'Ada L.', email: 'ada@example.com' });
    const { id, key } = await syncedItem({ ownerId: ada.id });
    expect(fake.issue(key)!.assigneeAccountId).toBe('5b10ac8d82e05b22cc7d4ef5');

    fake.editIssue(key, { assigneeAccountId: '5b10a2844c20165700ede21g', duedate: '2024-12-24' });
    await fake.deliverWebhooks();
    const item = await itemWithJira(t, id);
    expect({ owner: item.owner, dueOn: item.dueOn }).toEqual({ owner: { name: 'Grace Hopper' }, dueOn: '2024-12-24' });
  });

  it('reports an issue deleted in Jira, and creates a new one on retryJiraSync', async () => {
    t = await startSyncedApp(fake);
    const { id, key } = await syncedItem();
    fake.deleteIssue(key);
    await fake.deliverWebhooks();
    let item = await itemWithJira(t, id);
    expect({ state: item.jira!.state, error: item.jira!.error }).toEqual({ state: 'DELETED', error: `${key} was deleted in Jira. retryJiraSync creates a new issue; linkJiraIssue adopts another.` });

    await t.gqlData(`mutation($id: ID!) { retryJiraSync(id: $id) { id } }`, { id });
    await syncNow(t);
    item = await itemWithJira(t, id);
    expect(item.jira!.state).toBe('SYNCED');
    expect(item.jira!.issueKey).not.toBe(key);
    expect(fake.issues().filter((issue) => !issue.deleted)).toHaveLength(1);
  });

  it('adopts an existing issue with linkJiraIssue instead of creating one', async () => {
    t = await startSyncedApp(fake);
    const existing = fake.createIssueInUi({ summary: 'Memory alerts for checkout', labels: ['team-payments'] });
    fake.transitionIssue(existing.key, 'In Progress');
    const incident = await createIncident(t);
    const item = await createActionItem(t, { incidentId: incident.id, title: 'Add memory usage alerts' });
    const linked = await t.gql(`mutation($itemId: ID!, $key: String!) { linkJiraIssue(itemId: $itemId, issueKey: $key) { id } }`, { itemId: item.id, key: existing.key.toLowerCase() });
    expect(linked.errors).toBeUndefined();
    await syncNow(t);

    const after = await itemWithJira(t, item.id);
    expect({ state: after.jira!.state, key: after.jira!.issueKey, status: after.status }).toEqual({ state: 'SYNCED', key: existing.key, status: 'IN_PROGRESS' });
    expect(fake.issues()).toHaveLength(1);
    // Its text stays as people wrote it unless overwrite: true (test/jira-adopt.e2e-spec.ts).
    expect(fake.issue(existing.key)).toMatchObject({ summary: 'Memory alerts for checkout', labels: ['team-payments'] });

    const bad = await t.gql(`mutation { linkJiraIssue(itemId: "${item.id}", issueKey: "not a key") { id } }`);
    expect(bad.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});
