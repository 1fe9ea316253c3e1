import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { desiredIssue } from '../src/jira/jira-issue-mapper';
import { loadItemForJira } from '../src/jira/jira-item-loader';
import type { JiraSettings } from '../src/jira/jira-settings';
import { JIRA_SETTINGS } from '../src/jira/jira-settings.provider';
import { startFakeJira, type AdfNode, type FakeJira } from './support/fake-jira';
import { advance, itemWithJira, startSyncedApp, syncNow } from './support/jira-sync';
import type { TestApp } from './support/test-app';

const EXAMPLES = join(__dirname, '..', 'examples');
const MARCH = '2024-03-payment-gateway-leak.md';
const SEPTEMBER = '2024-09-payment-gateway-api-leak.md';
const MAY = '2025-05-payment-processing-leak.md';
const IMPORT = `mutation($input: ImportPostmortemInput!) { importPostmortem(input: $input) { outcome incident { id title } actionItems { id } } }`;
const TRANSITION = `mutation($id: ID!, $to: ActionItemStatus!) { transitionActionItem(id: $id, to: $to) { id } }`;

const writesTo = (fake: FakeJira) => fake.requests().filter((r) => r.method !== 'GET' && !r.path.startsWith('/rest/api/3/search'));
const textOf = (node: AdfNode): string => node.text ?? (node.content ?? []).map(textOf).join(node.type === 'doc' ? '\n' : '');

/**
 * Three payment gateway memory leaks (the examples): March 2024, September 2024, May 2025, one root cause, the
 * memory alert promised in each. Each postmortem is imported a few days after its incident, as people would.
 */
describe('Jira issues of items whose root cause recurs', () => {
  let fake: FakeJira;
  let t: TestApp;

  beforeEach(async () => {
    fake = await startFakeJira();
  });
  afterEach(async () => {
    await t?.close();
    await fake.close();
  });

  async function importAt(at: string, file: string, text = readFileSync(join(EXAMPLES, file), 'utf8')) {
    t.clock.set(new Date(at));
    const { importPostmortem } = await t.gqlData<{ importPostmortem: { outcome: string; incident: { id: string; title: string }; actionItems: { id: string }[] } }>(IMPORT, {
      input: { text, sourceUri: file },
    });
    return { outcome: importPostmortem.outcome, incident: importPostmortem.incident, ids: importPostmortem.actionItems.map((item) => item.id) };
  }

  const keyOf = async (id: string) => (await itemWithJira(t, id)).jira!.issueKey!;

  /** The description the worker would send for the item now. */
  async function descriptionNow(id: string) {
    const loaded = await loadItemForJira(t.dataSource.manager, id);
    return desiredIssue({ ...loaded!.item, assigneeAccountId: null }, t.app.get<JiraSettings>(JIRA_SETTINGS)).description;
  }

  it('keeps a description that later imports cannot make stale, so Done in Jira writes nothing back', async () => {
    t = await startSyncedApp(fake, { now: new Date('2024-03-20T09:00:00Z') });
    const march = await importAt('2024-03-20T09:00:00Z', MARCH);
    await syncNow(t);
    const first = new Map<string, AdfNode | null>();
    for (const id of march.ids) first.set(id, fake.issue(await keyOf(id))!.description);

    // The root cause reaches 2, then 3 incidents; the memory alert is promised in 2, then 3 postmortems.
    await importAt('2024-09-10T09:00:00Z', SEPTEMBER);
    await syncNow(t);
    await importAt('2025-05-25T09:00:00Z', MAY);
    await syncNow(t);

    for (const id of march.ids) {
      const { description } = fake.issue(await keyOf(id))!;
      expect(description).toEqual(first.get(id));
      expect(description).toEqual(await descriptionNow(id));
    }

    await fake.deliverWebhooks();
    await syncNow(t);
    fake.clearRequests();
    const key = await keyOf(march.ids[0]);
    fake.transitionIssue(key, 'Done');
    await fake.deliverWebhooks();
    expect((await itemWithJira(t, march.ids[0])).status).toBe('DONE');
    await syncNow(t);
    expect(writesTo(fake)).toEqual([]);
  });

  it('rewrites the description when a fact it shows changes under the item: the incident of a revised postmortem, a renamed service', async () => {
    t = await startSyncedApp(fake, { now: new Date('2024-03-20T09:00:00Z') });
    const march = await importAt('2024-03-20T09:00:00Z', MARCH);
    await syncNow(t);
    fake.clearRequests();
    const original = readFileSync(join(EXAMPLES, MARCH), 'utf8');
    const retitled = original.replace('Postmortem: Checkout failures caused by a memory leak in the payment gateway', 'Postmortem: Checkout failures from a payment gateway memory leak');
    expect((await importAt('2024-03-21T09:00:00Z', MARCH, retitled)).outcome).toBe('REVISED');
    const { incident } = await t.gqlData<{ incident: { service: { id: string } } }>(`query($id: ID!) { incident(id: $id) { service { id } } }`, { id: march.incident.id });
    await t.gqlData(`mutation($input: UpdateServiceInput!) { updateService(input: $input) { id } }`, { input: { id: incident.service.id, name: 'payments edge' } });
    await syncNow(t);

    for (const id of march.ids) {
      const issue = fake.issue(await keyOf(id))!;
      expect(issue.description).toEqual(await descriptionNow(id));
      expect(textOf(issue.description!)).toMatch(/Checkout failures from a payment gateway memory leak[\s\S]*memory leak in payments edge/);
    }
    expect(writesTo(fake).map((r) => [r.method, Object.keys((r.body as { fields: object }).fields)])).toEqual(march.ids.map(() => ['PUT', ['description']]));
  });

  it('comments once on the issue of each item still open when its root cause recurs, however often the job is retried or the postmortem imported', async () => {
    t = await startSyncedApp(fake, { now: new Date('2024-03-20T09:00:00Z') });
    const march = await importAt('2024-03-20T09:00:00Z', MARCH);
    const [done, ...open] = march.ids;
    await syncNow(t);
    t.clock.set(new Date('2024-08-01T09:00:00Z'));
    await t.gqlData(TRANSITION, { id: done, to: 'DONE' });
    await syncNow(t);
    fake.clearRequests();

    // The first comment's answer is lost (it may have been posted), the next is refused with a 429 (it was not).
    fake.loseNextResponse({ method: 'POST', path: /\/comment$/ }, 3_000);
    fake.failNext(1, { status: 429, retryAfterSeconds: 1, method: 'POST', path: /\/comment$/ });
    const september = await importAt('2024-09-10T09:00:00Z', SEPTEMBER);
    // Imported again as it is, then an edited revision of it, then everything re-linked.
    expect((await importAt('2024-09-11T09:00:00Z', SEPTEMBER)).outcome).toBe('UNCHANGED');
    const edited = `${readFileSync(join(EXAMPLES, SEPTEMBER), 'utf8')}\nReviewed by the payments team on 12 September.\n`;
    expect((await importAt('2024-09-12T09:00:00Z', SEPTEMBER, edited)).outcome).toBe('REVISED');
    await t.gqlData('mutation { recomputeRecurrence { incidents } }');
    for (let round = 0; round < 4; round += 1) {
      await syncNow(t);
      advance(t, 60_000);
    }

    const said = `«${september.incident.title}» on 2024-09-06 had the same root cause`;
    for (const id of open) {
      const comments = fake.comments(await keyOf(id));
      expect(comments.map((comment) => textOf(comment.body))).toEqual([expect.stringContaining(said)]);
      expect(textOf(comments[0].body)).toContain('this item is still open');
      expect((await itemWithJira(t, id)).jira!.state).toBe('SYNCED');
    }
    expect(fake.comments(await keyOf(done))).toEqual([]);
    for (const id of september.ids) expect(fake.comments(await keyOf(id))).toEqual([]);
    // One POST per item reached Jira (the lost one included); the 429 made nothing; the lost one was looked for, and found.
    const posted = fake.requests().filter((r) => r.method === 'POST' && r.path.endsWith('/comment'));
    expect(posted.map((r) => `${r.status}${r.responseLost ? ' lost' : ''}`).sort()).toEqual(['201 lost', ...open.slice(1).map(() => '201'), '429'].sort());
    expect(fake.requests().filter((r) => r.method === 'GET' && /\/comment\?/.test(r.path))).toHaveLength(1);

    // The next recurrence is one more comment on every item still open, the September ones included.
    const may = await importAt('2025-05-25T09:00:00Z', MAY);
    await syncNow(t);
    for (const id of open) expect(fake.comments(await keyOf(id))).toHaveLength(2);
    for (const id of september.ids) expect(fake.comments(await keyOf(id)).map((comment) => textOf(comment.body))).toEqual([expect.stringContaining(`«${may.incident.title}» on 2025-05-20`)]);
    for (const id of may.ids) expect(fake.comments(await keyOf(id))).toEqual([]);
  });

  it('follows people\'s decisions: a recurrence rejected before the worker came owes nothing; confirmed again, it is commented', async () => {
    t = await startSyncedApp(fake, { now: new Date('2024-03-20T09:00:00Z') });
    const march = await importAt('2024-03-20T09:00:00Z', MARCH);
    await syncNow(t);
    const september = await importAt('2024-09-10T09:00:00Z', SEPTEMBER);
    const { incident } = await t.gqlData<{ incident: { rootCauseLinks: { id: string }[] } }>(`query($id: ID!) { incident(id: $id) { rootCauseLinks { id } } }`, { id: september.incident.id });
    const [link] = incident.rootCauseLinks;
    await t.gqlData(`mutation($id: ID!) { rejectRootCauseLink(id: $id) { id } }`, { id: link.id });
    await syncNow(t);
    for (const id of march.ids) expect(fake.comments(await keyOf(id))).toEqual([]);

    await t.gqlData(`mutation($id: ID!) { confirmRootCauseLink(id: $id) { id } }`, { id: link.id });
    await syncNow(t);
    for (const id of march.ids) expect(fake.comments(await keyOf(id)).map((comment) => textOf(comment.body))).toEqual([expect.stringContaining(`«${september.incident.title}»`)]);
  });
});
