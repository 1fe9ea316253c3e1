import { startFakeJira, type FakeJira } from './support/fake-jira';
import { createActionItem, createIncident } from './support/factories';
import { itemWithJira, reconcileNow, startSyncedApp, syncNow } from './support/jira-sync';
import type { TestApp } from './support/test-app';

/**
 * linkJiraIssue (issue 22, finding 7): only issues of the configured projects, never one linked to another item,
 * and an adopted issue's text (summary, description, priority, labels) is only written with `overwrite: true`.
 */
const LINK = `mutation($itemId: ID!, $key: String!) { linkJiraIssue(itemId: $itemId, issueKey: $key) { id } }`;
const OVERWRITE = `mutation($itemId: ID!, $key: String!) { linkJiraIssue(itemId: $itemId, issueKey: $key, overwrite: true) { id } }`;
const KEEPS = `query($id: ID!) { actionItem(id: $id) { jira { state keepsIssueText } } }`;
const UPDATE = `mutation($input: UpdateActionItemInput!) { updateActionItem(input: $input) { id version } }`;
const TRANSITION = `mutation($id: ID!, $to: ActionItemStatus!) { transitionActionItem(id: $id, to: $to) { id version } }`;

const writesTo = (fake: FakeJira) => fake.requests().filter((r) => r.method !== 'GET' && !r.path.startsWith('/rest/api/3/search'));

describe('linkJiraIssue adopts only what it may, and leaves an adopted issue as people wrote it', () => {
  let fake: FakeJira;
  let t: TestApp;

  beforeEach(async () => {
    fake = await startFakeJira({ projects: ['PM', 'PAY', 'OPS'] });
    t = await startSyncedApp(fake, { env: { JIRA_TEAM_PROJECTS: 'payments=PAY' } });
  });
  afterEach(async () => {
    await t?.close();
    await fake.close();
  });

  async function newItem(input: Record<string, unknown> = {}) {
    const incident = await createIncident(t);
    return createActionItem(t, { incidentId: incident.id, title: 'Add memory usage alerts', priority: 'P1', ...input });
  }

  /** An issue a person made in Jira, with their own words, labels and priority. */
  function peoplesIssue(projectKey = 'PM') {
    const issue = fake.createIssueInUi({ projectKey, summary: 'Memory alerts for checkout', labels: ['team-payments'] });
    fake.transitionIssue(issue.key, 'In Progress');
    fake.discardWebhooks();
    return fake.issue(issue.key)!;
  }

  const keeps = async (id: string) => (await t.gqlData<{ actionItem: { jira: { state: string; keepsIssueText: boolean } } }>(KEEPS, { id })).actionItem.jira;

  const text = (key: string) => {
    const issue = fake.issue(key)!;
    return { summary: issue.summary, description: issue.description, priority: issue.priority, labels: [...issue.labels].sort() };
  };

  it('refuses an issue of a project this server does not sync, and writes nothing to it', async () => {
    const item = await newItem();
    const foreign = peoplesIssue('OPS');
    const before = text(foreign.key);

    const answer = await t.gql(LINK, { itemId: item.id, key: foreign.key });
    expect(answer.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'issueKey' } });
    expect(answer.errors?.[0].message).toBe(`${foreign.key} is in project OPS, which this server does not sync: link an issue of PAY or PM (JIRA_PROJECT_KEY, JIRA_TEAM_PROJECTS).`);
    await syncNow(t);
    expect(text(foreign.key)).toEqual(before);
    expect(fake.issues().filter((issue) => issue.key !== foreign.key).map((issue) => issue.projectKey)).toEqual(['PM']);

    // A team's project is one of ours.
    const team = peoplesIssue('PAY');
    expect((await t.gql(LINK, { itemId: item.id, key: team.key })).errors).toBeUndefined();
  });

  it('refuses, when the worker reads it, an issue whose key was of our project but that has moved out of it', async () => {
    const item = await newItem();
    const issue = peoplesIssue('PM');
    fake.moveIssue(issue.key, 'OPS');
    const before = text(issue.id);

    expect((await t.gql(LINK, { itemId: item.id, key: issue.key })).errors).toBeUndefined();
    await syncNow(t);
    const after = await itemWithJira(t, item.id);
    expect({ state: after.jira!.state, key: after.jira!.issueKey }).toEqual({ state: 'FAILED', key: null });
    expect(after.jira!.error).toMatch(new RegExp(`^${fake.issue(issue.id)!.key} is in project OPS, which this server does not sync: link an issue of PAY or PM \\(JIRA_PROJECT_KEY, JIRA_TEAM_PROJECTS\\)\\.`));
    expect(text(issue.id)).toEqual(before);
    expect(writesTo(fake)).toEqual([]);
  });

  it('refuses an issue already linked to another item, naming that item, also while that link is still queued', async () => {
    const first = await newItem({ title: 'Alert on heap growth' });
    await syncNow(t);
    const ownKey = (await itemWithJira(t, first.id)).jira!.issueKey!;
    const second = await newItem();

    const taken = await t.gql(LINK, { itemId: second.id, key: ownKey.toLowerCase() });
    expect(taken.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT', issueKey: ownKey, actionItemId: first.id } });
    expect(taken.errors?.[0].message).toBe(
      `${ownKey} is already linked to item ${first.id} ("Alert on heap growth"); an issue mirrors one item. Link that item to another issue first, or pick another issue.`,
    );

    const free = peoplesIssue();
    expect((await t.gql(LINK, { itemId: first.id, key: free.key })).errors).toBeUndefined();
    const queued = await t.gql(LINK, { itemId: second.id, key: free.key });
    expect(queued.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT', issueKey: free.key, actionItemId: first.id } });

    // Linking the item to the issue it already has is no conflict.
    expect((await t.gql(LINK, { itemId: first.id, key: free.key })).errors).toBeUndefined();
    await syncNow(t);
    expect((await itemWithJira(t, second.id)).jira!.issueKey).not.toBe(free.key);
    expect((await itemWithJira(t, first.id)).jira).toMatchObject({ state: 'SYNCED', issueKey: free.key });
  });

  it('by default links and mirrors status, due date and assignee, but never writes the issue\'s summary, description, priority or labels', async () => {
    const item = await newItem({ dueOn: '2024-09-01' });
    const issue = peoplesIssue();
    const before = text(issue.key);

    expect((await t.gql(LINK, { itemId: item.id, key: issue.key })).errors).toBeUndefined();
    await syncNow(t);
    let after = await itemWithJira(t, item.id);
    expect({ state: after.jira!.state, key: after.jira!.issueKey, status: after.status }).toEqual({ state: 'SYNCED', key: issue.key, status: 'IN_PROGRESS' });
    expect(text(issue.key)).toEqual(before);
    expect(fake.issue(issue.key)!.duedate).toBe('2024-09-01');

    // Later changes to the item's text stay here; its status still goes to Jira.
    await t.gqlData(UPDATE, { input: { id: item.id, version: after.version, title: 'Alert on RSS per pod', priority: 'P2' } });
    await t.gqlData(TRANSITION, { id: item.id, to: 'DONE' });
    await syncNow(t);
    expect(text(issue.key)).toEqual(before);
    expect(fake.issue(issue.key)!.statusCategory).toBe('done');

    // It carries none of our labels, yet the reconcile search still brings back what a lost webhook carried.
    fake.clearRequests();
    fake.transitionIssue(issue.key, 'In Progress');
    fake.discardWebhooks();
    await reconcileNow(t);
    after = await itemWithJira(t, item.id);
    expect(after.status).toBe('IN_PROGRESS');
    await syncNow(t);
    expect(writesTo(fake)).toEqual([]);
    expect(await keeps(item.id)).toEqual({ state: 'SYNCED', keepsIssueText: true });
  });

  it('reads kept issues one by one when Jira refuses their search, and finds one deleted meanwhile', async () => {
    const done = await newItem();
    const gone = await newItem({ title: 'Alert on RSS growth' });
    const [doneIssue, goneIssue] = [peoplesIssue(), peoplesIssue()];
    expect((await t.gql(LINK, { itemId: done.id, key: doneIssue.key })).errors).toBeUndefined();
    expect((await t.gql(LINK, { itemId: gone.id, key: goneIssue.key })).errors).toBeUndefined();
    await syncNow(t);
    fake.transitionIssue(doneIssue.key, 'Done');
    fake.deleteIssue(goneIssue.key);
    fake.discardWebhooks();
    fake.failNext(1, { status: 400, method: 'POST', path: /search\/jql/ });

    const report = await reconcileNow(t);
    expect(report.outcomes).toMatchObject({ applied: 1, deleted: 1 });
    expect((await itemWithJira(t, done.id)).status).toBe('DONE');
    expect((await itemWithJira(t, gone.id)).jira).toMatchObject({ state: 'DELETED', error: `${goneIssue.key} was deleted in Jira. retryJiraSync creates a new issue; linkJiraIssue adopts another.` });
    expect(text(doneIssue.key)).toMatchObject({ summary: 'Memory alerts for checkout', labels: ['team-payments'] });
  });

  it('overwrites the issue\'s text only when asked, at linking or afterwards', async () => {
    const asked = await newItem({ title: 'Alert on heap growth' });
    const first = peoplesIssue();
    expect((await t.gql(OVERWRITE, { itemId: asked.id, key: first.key })).errors).toBeUndefined();
    await syncNow(t);
    expect(text(first.key)).toMatchObject({ summary: 'Alert on heap growth', priority: 'Highest', labels: ['followthrough', `followthrough-${asked.id}`, 'team-payments'] });
    expect(await keeps(asked.id)).toEqual({ state: 'SYNCED', keepsIssueText: false });

    const later = await newItem({ title: 'Alert on RSS growth' });
    const second = peoplesIssue();
    expect((await t.gql(LINK, { itemId: later.id, key: second.key })).errors).toBeUndefined();
    await syncNow(t);
    expect(text(second.key).summary).toBe('Memory alerts for checkout');
    expect((await t.gql(OVERWRITE, { itemId: later.id, key: second.key })).errors).toBeUndefined();
    expect(await keeps(later.id)).toEqual({ state: 'PENDING', keepsIssueText: false });
    await syncNow(t);
    expect(text(second.key)).toMatchObject({ summary: 'Alert on RSS growth', priority: 'Highest', labels: ['followthrough', `followthrough-${later.id}`, 'team-payments'] });
    expect(fake.issue(second.key)!.description).toMatchObject({ type: 'doc' });
  });
});
