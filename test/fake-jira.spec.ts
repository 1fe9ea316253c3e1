/**
 * The fake Jira must behave like Jira Cloud (shared/contracts/jira-contract.md). Each item of the
 * contract's checklist (§12) has a describe block here; the sync service's tests rely on all of it.
 */
import { createHmac } from 'node:crypto';
import { type ChangeItem, DEFAULT_USERS, type FakeJira, SEARCH_REMOVED, type WebhookPayload, startFakeJira } from './support/fake-jira';
import { type CallOptions, type RawResponse, basicAuth, clientFor } from './support/fake-jira/test-client';
import { type WebhookReceiver, startWebhookReceiver } from './support/fake-jira/webhook-receiver';

const [BOT, ADA, GRACE, FORMER] = DEFAULT_USERS.map((u) => u.accountId);
const JIRA_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{4}$/;
const JSON_TYPE = 'application/json;charset=UTF-8';

/** The parts of Jira's JSON these specs read. */
interface StatusJson {
  name: string;
  statusCategory: { key: string };
}
interface IssueJson {
  id: string;
  key: string;
  fields: Record<string, unknown>;
  changelog?: { histories: { author: { accountId: string }; items: ChangeItem[] }[] };
  transitions?: unknown[];
}
interface TransitionJson {
  id: string;
  name: string;
  to: StatusJson;
}
interface SearchJson {
  issues: IssueJson[];
  nextPageToken?: string;
  isLast: boolean;
}
const json = <T>(res: RawResponse): T => res.body as T;

const doc = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
const err = (errors: Record<string, string>, errorMessages: string[] = []) => ({ errorMessages, errors });

let clock: Date;
let fake: FakeJira;
let api: (method: string, path: string, body?: unknown, options?: CallOptions) => Promise<RawResponse>;

async function start(options: Parameters<typeof startFakeJira>[0] = {}): Promise<void> {
  await fake?.close();
  fake = await startFakeJira({ now: () => clock, ...options });
  api = clientFor(fake.url);
}

async function create(fields: Record<string, unknown> = {}): Promise<{ id: string; key: string }> {
  const res = await api('POST', '/rest/api/3/issue', {
    fields: { project: { key: 'PM' }, issuetype: { id: '10001' }, summary: 'Add alerting on queue depth', ...fields },
  });
  expect(res.status).toBe(201);
  return res.body as { id: string; key: string };
}

const issueFields = async (idOrKey: string) => json<IssueJson>(await api('GET', `/rest/api/3/issue/${idOrKey}`)).fields;

beforeEach(async () => {
  clock = new Date('2026-11-21T08:00:00.000Z');
  await start();
});
afterAll(() => fake.close());

describe('§2/§7 auth and errors', () => {
  it('answers missing or wrong credentials with 401 and an ErrorCollection', async () => {
    for (const auth of [null, basicAuth('bot@example.com', 'wrong'), basicAuth('eve@example.com', 'test-token'), 'Bearer nope']) {
      const res = await api('GET', '/rest/api/3/myself', undefined, { auth });
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toBe(JSON_TYPE);
      expect(res.body).toEqual(err({}, ['You are not authenticated. Authentication required to perform this operation.']));
      expect(res.headers['x-aaccountid']).toBeUndefined();
    }
  });

  it('accepts the configured Basic credential and Bearer token, and names the user in X-AAccountId', async () => {
    await start({ email: 'sync@example.com', apiToken: 's3cret', bearerToken: 'oauth-token' });
    const basic = await api('GET', '/rest/api/3/myself', undefined, { auth: basicAuth('sync@example.com', 's3cret') });
    const bearer = await api('GET', '/rest/api/3/myself', undefined, { auth: 'Bearer oauth-token' });
    expect([basic.status, bearer.status]).toEqual([200, 200]);
    expect(basic.headers['x-aaccountid']).toBe((basic.body as { accountId: string }).accountId);
    expect(bearer.body).toEqual(basic.body);
    expect((await api('GET', '/rest/api/3/myself')).status).toBe(401); // the default credential no longer works
  });

  it('answers resources it does not have with a loud 404 ErrorCollection', async () => {
    const res = await api('GET', '/rest/api/3/issue/createmeta');
    expect(res.status).toBe(404);
    expect((await api('GET', '/rest/api/3/field')).body).toEqual(err({}, ['The fake Jira has no resource GET /rest/api/3/field.']));
  });
});

describe('§12.1 create', () => {
  it('returns 201 with a numeric string id, a project key and self; ids start at 10000', async () => {
    const res = await api('POST', '/rest/api/3/issue', { fields: { project: { key: 'PM' }, issuetype: { name: 'Task' }, summary: 'Rotate the keys' } });
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toBe(JSON_TYPE);
    expect(res.body).toEqual({ id: '10000', key: 'PM-1', self: `${fake.url}/rest/api/3/issue/10000` });
  });

  it('is not idempotent: the same POST twice makes two issues', async () => {
    const first = await create();
    const second = await create();
    expect([first.key, second.key]).toEqual(['PM-1', 'PM-2']);
    expect(fake.issues().map((i) => i.summary)).toEqual(['Add alerting on queue depth', 'Add alerting on queue depth']);
  });

  it('requires project, issuetype and summary, each named in errors', async () => {
    const res = await api('POST', '/rest/api/3/issue', { fields: {} });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(err({ project: 'Specify a valid project ID or key', issuetype: 'Specify an issue type', summary: 'You must specify a summary of the issue.' }));
    const unknown = await api('POST', '/rest/api/3/issue', { fields: { project: { key: 'NOPE' }, issuetype: { id: '99' }, summary: 'x' } });
    expect(unknown.body).toEqual(err({ project: 'Specify a valid project ID or key', issuetype: 'Specify a valid issue type' }));
    expect(fake.issues()).toEqual([]);
  });

  it('accepts a rich ADF description and rejects non-ADF with errors.description', async () => {
    const rich = {
      type: 'doc',
      version: 1,
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'From PM-42' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'see', marks: [{ type: 'link', attrs: { href: 'https://example.com/pm/42' } }, { type: 'strong' }] }, { type: 'hardBreak' }] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one', marks: [{ type: 'code' }] }] }] }] },
        { type: 'rule' },
      ],
    };
    const { key } = await create({ description: rich });
    expect(fake.issue(key)!.description).toEqual(rich);
    const message = 'Operation value must be an Atlassian Document (see the Atlassian Document Format)';
    const bad = [
      'plain text',
      { type: 'doc', version: 2, content: [] },
      { type: 'doc', version: 1, content: [{ type: 'text', text: 'text at block level' }] },
      { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: '' }] }] },
      { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link' }] }] }] },
      { type: 'doc', version: 1, content: [{ type: 'bulletList', content: [] }] },
      { type: 'doc', version: 1, content: [{ type: 'marquee' }] },
    ];
    for (const description of bad) {
      const res = await api('POST', '/rest/api/3/issue', { fields: { project: { key: 'PM' }, issuetype: { id: '10001' }, summary: 'x', description } });
      expect([res.status, res.body]).toEqual([400, err({ description: message })]);
    }
  });

  it('rejects labels with spaces, bad due dates, unknown or inactive assignees, unknown priorities and unknown fields', async () => {
    const cases: [Record<string, unknown>, Record<string, string>][] = [
      [{ labels: ['postmortem', 'Severity: high'] }, { labels: "The label 'Severity: high' contains spaces which is invalid." }],
      [{ duedate: '12/01/2026' }, { duedate: 'Error parsing date string: "12/01/2026"' }],
      [{ duedate: '2026-02-30' }, { duedate: 'Error parsing date string: "2026-02-30"' }],
      [{ assignee: { name: 'ada' } }, { assignee: "Specify the assignee by 'accountId' only." }],
      [{ assignee: { accountId: 'nobody' } }, { assignee: "User 'nobody' cannot be assigned issues." }],
      [{ assignee: { accountId: FORMER } }, { assignee: `User '${FORMER}' cannot be assigned issues.` }],
      [{ priority: { name: 'Urgent' } }, { priority: 'The priority selected is invalid.' }],
      [{ customfield_10010: 'x', status: { name: 'Done' } }, {
        customfield_10010: "Field 'customfield_10010' cannot be set. It is not on the appropriate screen, or unknown.",
        status: "Field 'status' cannot be set. It is not on the appropriate screen, or unknown.",
      }],
      [{ summary: 'two\nlines' }, { summary: 'The summary is invalid because it contains newline characters.' }],
    ];
    for (const [fields, errors] of cases) {
      const res = await api('POST', '/rest/api/3/issue', { fields: { project: { key: 'PM' }, issuetype: { id: '10001' }, summary: 'x', ...fields } });
      expect([res.status, res.body]).toEqual([400, err(errors)]);
    }
    expect(fake.issues()).toEqual([]);
  });

  it('takes priority by id or name, assignee by accountId or null, duedate as a date or null', async () => {
    const a = await create({ priority: { id: '2' }, assignee: { accountId: ADA }, duedate: '2026-12-01', labels: ['pm-42', 'postmortem', 'pm-42'] });
    const b = await create({ priority: { name: 'lowest' }, assignee: null, duedate: null });
    expect(fake.issue(a.id)).toMatchObject({ priority: 'High', assigneeAccountId: ADA, duedate: '2026-12-01', labels: ['pm-42', 'postmortem'] });
    expect(fake.issue(b.id)).toMatchObject({ priority: 'Lowest', assigneeAccountId: null, duedate: null, labels: [] });
  });

  it('answers malformed JSON with 400 and a non-JSON media type with 415', async () => {
    const broken = await api('POST', '/rest/api/3/issue', undefined, { rawBody: '{"fields":', headers: { 'Content-Type': 'application/json' } });
    expect([broken.status, broken.body]).toEqual([400, err({}, ['Invalid request payload. Refer to the REST API documentation and try again.'])]);
    const form = await api('POST', '/rest/api/3/issue', undefined, { rawBody: 'summary=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
  });
});

describe('§12.4 get', () => {
  it('returns an IssueBean with every field in Jira shapes', async () => {
    const { id } = await create({ description: doc('From PM-42'), assignee: { accountId: ADA }, labels: ['postmortem'], duedate: '2026-12-01' });
    const res = await api('GET', `/rest/api/3/issue/${id}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(JSON_TYPE);
    const bean = res.body as { fields: Record<string, unknown> };
    expect(bean).toEqual({ expand: expect.any(String), id, self: `${fake.url}/rest/api/3/issue/${id}`, key: 'PM-1', fields: expect.any(Object) });
    expect(bean.fields).toEqual({
      summary: 'Add alerting on queue depth',
      description: doc('From PM-42'),
      status: {
        self: `${fake.url}/rest/api/3/status/10000`, description: '', iconUrl: expect.stringMatching(/^http/), name: 'To Do', id: '10000',
        statusCategory: { self: `${fake.url}/rest/api/3/statuscategory/2`, id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
      },
      assignee: {
        self: `${fake.url}/rest/api/3/user?accountId=${ADA}`, accountId: ADA, accountType: 'atlassian', emailAddress: 'ada@example.com',
        avatarUrls: expect.objectContaining({ '48x48': expect.stringMatching(/^http/) }), displayName: 'Ada Lovelace', active: true, timeZone: 'Etc/UTC',
      },
      reporter: expect.objectContaining({ accountId: BOT }),
      creator: expect.objectContaining({ accountId: BOT }),
      priority: { self: `${fake.url}/rest/api/3/priority/3`, iconUrl: expect.stringMatching(/^http/), name: 'Medium', id: '3' },
      labels: ['postmortem'],
      duedate: '2026-12-01',
      created: '2026-11-21T08:00:00.000+0000',
      updated: '2026-11-21T08:00:00.000+0000',
      statuscategorychangedate: '2026-11-21T08:00:00.000+0000',
      project: expect.objectContaining({ id: '10000', key: 'PM', self: `${fake.url}/rest/api/3/project/10000` }),
      issuetype: expect.objectContaining({ id: '10001', name: 'Task', subtask: false }),
      resolution: null,
      resolutiondate: null,
    });
  });

  it('finds an issue by id or by key in any case, and filters ?fields=', async () => {
    const { id } = await create();
    for (const ref of [id, 'PM-1', 'pm-1']) expect((await api('GET', `/rest/api/3/issue/${ref}`)).status).toBe(200);
    const some = (await api('GET', `/rest/api/3/issue/pm-1?fields=summary,status&fields=labels`)).body as { key: string; fields: object };
    expect(some.key).toBe('PM-1');
    expect(Object.keys(some.fields).sort()).toEqual(['labels', 'status', 'summary']);
    const minus = (await api('GET', `/rest/api/3/issue/${id}?fields=-description,-reporter`)).body as { fields: object };
    expect(Object.keys(minus.fields)).not.toContain('description');
    expect(Object.keys(minus.fields)).toContain('summary');
    expect(Object.keys(((await api('GET', `/rest/api/3/issue/${id}?fields=*navigable`)).body as { fields: object }).fields)).toHaveLength(16);
  });

  it('resolves an old key after a move to the issue with its new key', async () => {
    await start({ projects: ['PM', 'OPS'] });
    const { id } = await create();
    fake.moveIssue('PM-1', 'OPS');
    const res = await api('GET', '/rest/api/3/issue/PM-1?fields=project');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, key: 'OPS-1', fields: { project: { key: 'OPS' } } });
    expect(fake.issue('pm-1')).toMatchObject({ key: 'OPS-1', projectKey: 'OPS' });
  });

  it('deletes with 204 and then answers 404 with an ErrorCollection', async () => {
    const { id } = await create();
    const del = await api('DELETE', `/rest/api/3/issue/${id}`);
    expect([del.status, del.text, del.headers['content-type']]).toEqual([204, '', undefined]);
    const gone = await api('GET', '/rest/api/3/issue/PM-1');
    expect([gone.status, gone.body]).toEqual([404, err({}, ['Issue does not exist or you do not have permission to see it.'])]);
    expect((await api('DELETE', `/rest/api/3/issue/${id}`)).status).toBe(404);
    expect(fake.issues()).toEqual([]);
    expect(fake.issue(id)).toMatchObject({ deleted: true });
  });
});

describe('§12.2 edit', () => {
  it('answers 204 with no body, changes fields, bumps updated and writes the changelog', async () => {
    const { id } = await create({ labels: ['postmortem', 'blocker'] });
    clock = new Date('2026-11-21T09:30:00.000Z');
    const res = await api('PUT', `/rest/api/3/issue/${id}`, {
      fields: { summary: 'Alert on queue depth > 1000', duedate: '2026-12-15', assignee: { accountId: ADA } },
      update: { labels: [{ add: 'triaged' }, { remove: 'blocker' }] },
    });
    expect([res.status, res.text, res.headers['content-type']]).toEqual([204, '', undefined]);
    expect(fake.issue(id)).toMatchObject({ summary: 'Alert on queue depth > 1000', duedate: '2026-12-15', assigneeAccountId: ADA, labels: ['postmortem', 'triaged'] });
    const bean = json<IssueJson>(await api('GET', `/rest/api/3/issue/${id}?expand=changelog&fields=updated`));
    expect(bean.fields.updated).toBe('2026-11-21T09:30:00.000+0000');
    expect(bean.changelog!.histories).toEqual([{
      id: expect.stringMatching(/^\d+$/),
      author: expect.objectContaining({ accountId: BOT }),
      created: '2026-11-21T09:30:00.000+0000',
      items: [
        { field: 'summary', fieldtype: 'jira', fieldId: 'summary', from: null, fromString: 'Add alerting on queue depth', to: null, toString: 'Alert on queue depth > 1000' },
        { field: 'labels', fieldtype: 'jira', fieldId: 'labels', from: null, fromString: 'blocker postmortem', to: null, toString: 'postmortem triaged' },
        { field: 'duedate', fieldtype: 'jira', fieldId: 'duedate', from: null, fromString: null, to: '2026-12-15', toString: '2026-12-15 00:00:00.0' },
        { field: 'assignee', fieldtype: 'jira', fieldId: 'assignee', from: null, fromString: null, to: ADA, toString: 'Ada Lovelace' },
      ],
    }]);
  });

  it('replaces labels through fields, unassigns with null, and returns the issue with returnIssue=true', async () => {
    const { id } = await create({ labels: ['a', 'b'], assignee: { accountId: ADA } });
    const res = await api('PUT', `/rest/api/3/issue/${id}?returnIssue=true`, { fields: { labels: ['c'], assignee: null } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, key: 'PM-1', fields: { labels: ['c'], assignee: null } });
  });

  it('ignores a status in fields (status changes only by transition)', async () => {
    const { id } = await create();
    const res = await api('PUT', `/rest/api/3/issue/${id}`, { fields: { status: { name: 'Done' }, summary: 'renamed' } });
    expect(res.status).toBe(204);
    expect(fake.issue(id)).toMatchObject({ status: 'To Do', summary: 'renamed' });
  });

  it('validates like create, rejects a field in both fields and update, and 404s an unknown issue', async () => {
    const { id } = await create();
    expect((await api('PUT', `/rest/api/3/issue/${id}`, { fields: { description: 'plain' } })).body).toEqual(err({ description: expect.stringContaining('Atlassian Document') }));
    expect((await api('PUT', `/rest/api/3/issue/${id}`, { fields: { labels: ['x'] }, update: { labels: [{ add: 'y' }] } })).status).toBe(400);
    expect((await api('PUT', `/rest/api/3/issue/${id}`, { update: { labels: [{ add: 'has space' }] } })).body).toEqual(err({ labels: "The label 'has space' contains spaces which is invalid." }));
    expect((await api('PUT', `/rest/api/3/issue/${id}`, { fields: { project: { key: 'PM' } } })).status).toBe(400);
    const missing = await api('PUT', '/rest/api/3/issue/PM-99', { fields: { summary: 'x' } });
    expect([missing.status, missing.body]).toEqual([404, err({}, ['Issue does not exist or you do not have permission to see it.'])]);
  });

  it('does not bump updated for an edit that changes nothing', async () => {
    const { id } = await create({ summary: 'same' });
    clock = new Date('2026-11-21T10:00:00.000Z');
    expect((await api('PUT', `/rest/api/3/issue/${id}`, { fields: { summary: 'same' } })).status).toBe(204);
    expect(fake.issue(id)!.updated).toEqual(new Date('2026-11-21T08:00:00.000Z'));
    expect(fake.queuedWebhooks().map((w) => w.webhookEvent)).toEqual(['jira:issue_created']);
  });

  it('keeps updated strictly increasing per issue even when the clock stands still', async () => {
    const { id } = await create();
    await api('PUT', `/rest/api/3/issue/${id}`, { fields: { summary: 'one' } });
    await api('PUT', `/rest/api/3/issue/${id}`, { fields: { summary: 'two' } });
    expect(fake.issue(id)!.updated.toISOString()).toBe('2026-11-21T08:00:00.002Z');
    expect((await issueFields(id)).updated).toEqual(expect.stringMatching(JIRA_TIME));
    expect((await issueFields(id)).updated).toBe('2026-11-21T08:00:00.002+0000');
  });
});

describe('§12.3 workflow', () => {
  const transitionIds = async (id: string) => ((await api('GET', `/rest/api/3/issue/${id}/transitions`)).body as { transitions: { id: string }[] }).transitions.map((t) => t.id);

  it('lists only the transitions valid from the current status, with target categories', async () => {
    const { id } = await create();
    const res = await api('GET', `/rest/api/3/issue/${id}/transitions`);
    const { transitions } = json<{ transitions: TransitionJson[] }>(res);
    expect(transitions.map((t) => [t.id, t.name, t.to.name, t.to.statusCategory.key])).toEqual([
      ['21', 'In Progress', 'In Progress', 'indeterminate'],
      ['31', 'Done', 'Done', 'done'],
      ['51', "Won't Do", "Won't Do", 'done'],
    ]);
    expect(transitions[0]).toEqual({
      id: '21', name: 'In Progress',
      to: {
        self: `${fake.url}/rest/api/3/status/10001`, description: expect.any(String), iconUrl: expect.any(String), name: 'In Progress', id: '10001',
        statusCategory: { self: `${fake.url}/rest/api/3/statuscategory/4`, id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
      },
      hasScreen: false, isGlobal: false, isInitial: false, isAvailable: true, isConditional: false, isLooped: false,
    });
    expect(json<{ transitions: unknown[] }>(await api('GET', `/rest/api/3/issue/${id}/transitions?transitionId=11`)).transitions).toEqual([]);
  });

  it('moves through the workflow: 204, status, resolution, updated and changelog', async () => {
    const { id } = await create();
    expect((await api('POST', `/rest/api/3/issue/${id}/transitions`, { transition: { id: '11' } })).body).toEqual(err({}, ["Transition id '11' is not valid for this issue."]));
    clock = new Date('2026-11-21T08:05:00.000Z');
    const started = await api('POST', `/rest/api/3/issue/${id}/transitions`, { transition: { id: '21' } });
    expect([started.status, started.text]).toEqual([204, '']);
    expect(await transitionIds(id)).toEqual(['11', '41', '31', '51']);
    clock = new Date('2026-11-21T08:10:00.000Z');
    await api('POST', `/rest/api/3/issue/${id}/transitions`, { transition: { id: '41' } });
    await api('POST', `/rest/api/3/issue/${id}/transitions`, { transition: { id: '31' } });
    expect(fake.issue(id)).toMatchObject({ status: 'Done', statusCategory: 'done', resolution: 'Done', updated: new Date('2026-11-21T08:10:00.001Z') });
    const bean = json<IssueJson>(await api('GET', `/rest/api/3/issue/${id}?expand=changelog`));
    expect(bean.fields.resolution).toMatchObject({ id: '10000', name: 'Done' });
    expect(bean.fields.resolutiondate).toBe('2026-11-21T08:10:00.001+0000');
    expect(bean.changelog!.histories.at(-1)!.items).toEqual([
      { field: 'status', fieldtype: 'jira', fieldId: 'status', from: '10002', fromString: 'In Review', to: '10003', toString: 'Done' },
      { field: 'resolution', fieldtype: 'jira', fieldId: 'resolution', from: null, fromString: null, to: '10000', toString: 'Done' },
    ]);
    expect(await transitionIds(id)).toEqual(['61', '51']);
    await api('POST', `/rest/api/3/issue/${id}/transitions`, { transition: { id: '61' } });
    expect(fake.issue(id)).toMatchObject({ status: 'To Do', statusCategory: 'new', resolution: null });
  });

  it("sets a resolution named on the transition, and 400s a body without a transition", async () => {
    const { id } = await create();
    await api('POST', `/rest/api/3/issue/${id}/transitions`, { transition: { id: '51' }, fields: { resolution: { name: 'Duplicate' } } });
    expect(fake.issue(id)).toMatchObject({ status: "Won't Do", statusCategory: 'done', resolution: 'Duplicate' });
    expect((await api('POST', `/rest/api/3/issue/${id}/transitions`, {})).status).toBe(400);
    expect((await api('POST', '/rest/api/3/issue/PM-77/transitions', { transition: { id: '21' } })).status).toBe(404);
  });

  it('lets the UI set any status with a correct category and changelog', async () => {
    const { id } = await create();
    fake.transitionIssue(id, 'In Review', GRACE);
    expect(fake.issue(id)).toMatchObject({ status: 'In Review', statusCategory: 'indeterminate' });
    const bean = json<IssueJson>(await api('GET', `/rest/api/3/issue/${id}?expand=changelog`));
    expect(bean.changelog!.histories[0]).toMatchObject({ author: { accountId: GRACE }, items: [{ field: 'status', fromString: 'To Do', toString: 'In Review' }] });
  });
});

describe('§12.5 search', () => {
  const search = async (params: string) => api('GET', `/rest/api/3/search/jql?${params}`);
  const keysOf = (res: RawResponse) => (res.body as { issues: { key?: string; id: string }[] }).issues.map((i) => i.key ?? i.id);
  const jql = async (query: string) => {
    const res = await api('POST', '/rest/api/3/search/jql', { jql: query, fields: ['summary'], maxResults: 100 });
    expect(res.status).toBe(200);
    return keysOf(res);
  };

  it('returns ids only by default, isLast, and no total', async () => {
    const { id } = await create();
    const res = await search(`jql=${encodeURIComponent('project = PM')}`);
    expect(res.body).toEqual({ issues: [{ id }], isLast: true });
  });

  it('pages by nextPageToken, which is absent on the last page', async () => {
    for (let i = 0; i < 5; i++) {
      await create({ summary: `item ${i}` });
      clock = new Date(clock.getTime() + 60_000);
    }
    const seen: string[] = [];
    let token: string | undefined;
    const pages: boolean[] = [];
    do {
      const res = await api('POST', '/rest/api/3/search/jql', { jql: 'project = PM ORDER BY updated ASC, key ASC', maxResults: 2, fields: ['key'], ...(token ? { nextPageToken: token } : {}) });
      const body = res.body as { issues: { key: string }[]; nextPageToken?: string; isLast: boolean };
      expect(body).not.toHaveProperty('total');
      seen.push(...body.issues.map((i) => i.key));
      pages.push(body.isLast);
      expect('nextPageToken' in body).toBe(!body.isLast);
      token = body.nextPageToken;
    } while (token);
    expect(seen).toEqual(['PM-1', 'PM-2', 'PM-3', 'PM-4', 'PM-5']);
    expect(pages).toEqual([false, false, true]);
    const wrongQuery = await api('POST', '/rest/api/3/search/jql', { jql: 'project = OTHER', nextPageToken: 'garbage' });
    expect(wrongQuery.status).toBe(400);
  });

  it('returns fields for *all, *navigable or a list, and expands from a comma string', async () => {
    await create({ labels: ['postmortem'] });
    const all = json<SearchJson>(await search('jql=project%3DPM&fields=*all'));
    expect(Object.keys(all.issues[0].fields)).toHaveLength(16);
    expect(all.issues[0]).toMatchObject({ id: '10000', key: 'PM-1', self: `${fake.url}/rest/api/3/issue/10000` });
    const some = json<SearchJson>(await search('jql=project%3DPM&fields=summary,labels'));
    expect(some.issues[0].fields).toEqual({ summary: 'Add alerting on queue depth', labels: ['postmortem'] });
    const expanded = json<SearchJson>(await api('POST', '/rest/api/3/search/jql', { jql: 'project = PM', fields: ['status'], expand: 'changelog,transitions' }));
    expect(expanded.issues[0]).toHaveProperty('changelog.histories', []);
    expect(expanded.issues[0].transitions).toHaveLength(3);
  });

  it('supports the JQL subset a sync needs', async () => {
    await start({ projects: ['PM', 'OPS'] });
    await create({ labels: ['postmortem', 'pm-42'] }); // PM-1
    clock = new Date('2026-11-21T09:00:00.000Z');
    await create({ labels: ['postmortem'], assignee: { accountId: ADA } }); // PM-2
    await create({ project: { key: 'OPS' }, summary: 'Queue depth dashboard' }); // OPS-1
    clock = new Date('2026-11-21T09:00:30.000Z');
    fake.transitionIssue('PM-2', 'Done');
    fake.transitionIssue('OPS-1', 'In Progress');

    expect(await jql('project = PM ORDER BY key ASC')).toEqual(['PM-1', 'PM-2']);
    expect(await jql('project in (PM, ops) ORDER BY key DESC')).toEqual(['PM-2', 'PM-1', 'OPS-1']);
    expect(await jql('labels = postmortem AND labels = "pm-42"')).toEqual(['PM-1']);
    expect(await jql('labels in (pm-42, nothing) OR key = OPS-1 ORDER BY key ASC')).toEqual(['OPS-1', 'PM-1']);
    expect(await jql('labels != pm-42 ORDER BY key ASC')).toEqual(['PM-2']); // != skips unlabelled OPS-1
    expect(await jql('labels is EMPTY')).toEqual(['OPS-1']);
    expect(await jql('issuekey in (PM-1, pm-2) ORDER BY key ASC')).toEqual(['PM-1', 'PM-2']);
    expect(await jql('id in (10000, 10002) ORDER BY id ASC')).toEqual(['PM-1', 'OPS-1']);
    expect(await jql('updated >= "2026/11/21 09:00" ORDER BY updated ASC, key ASC')).toEqual(['OPS-1', 'PM-2']);
    expect(await jql('updated > "2026-11-21 09:00" ORDER BY key ASC')).toEqual(['OPS-1', 'PM-2']); // 09:00:30 is after 09:00
    expect(await jql('updated < "2026/11/21 09:00" AND project = PM')).toEqual(['PM-1']);
    expect(await jql('updated <= "2026/11/21" AND project = PM')).toEqual([]);
    expect(await jql(`updated >= ${Date.parse('2026-11-21T09:00:30Z')} ORDER BY key ASC`)).toEqual(['OPS-1', 'PM-2']);
    expect(await jql('statusCategory = done')).toEqual(['PM-2']);
    expect(await jql('statusCategory != Done AND status = "In Progress"')).toEqual(['OPS-1']);
    expect(await jql('(project = PM) AND NOT (status = Done)')).toEqual(['PM-1']);
    expect(await jql(`assignee = ${ADA}`)).toEqual(['PM-2']);
    expect(await jql('project = PM AND assignee is EMPTY')).toEqual(['PM-1']);
    expect(await jql('project = PM AND reporter = currentUser()')).toEqual(['PM-2', 'PM-1']); // no ORDER BY: newest first
    expect(await jql('summary ~ "queue dashboard"')).toEqual(['OPS-1']);
  });

  it('fails loudly on unbounded, unknown or malformed JQL', async () => {
    await create();
    const cases: [string, string][] = [
      ['', 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.'],
      ['ORDER BY updated ASC', 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.'],
      ['project = ', 'Error in the JQL Query: Expecting either a value, list or function but got EOF. (line 1, character 11)'],
      ['project = PM AND', 'Error in the JQL Query: Expecting a field name but got EOF. (line 1, character 17)'],
      ['project PM', "Error in the JQL Query: Expecting operator but got 'PM'. The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'. (line 1, character 9)"],
      ['labels = "open', "Error in the JQL Query: The quoted string 'open' has not been completed. (line 1, character 10)"],
      ['project = PM ORDER BY updated', 'The fake Jira needs an explicit ASC or DESC for ORDER BY updated.'],
      ['project = NOPE', "The value 'NOPE' does not exist for the field 'project'."],
      ['status = Blocked', "The value 'Blocked' does not exist for the field 'status'."],
      ['key = PM-99', "An issue with key 'PM-99' does not exist for field 'key'."],
      ['labels > a', "The operator '>' is not supported by the 'labels' field."],
      ['updated = "2026/11/21 09:00"', "The operator '=' is not supported by the 'updated' field."],
      ['updated > "21/11/2026"', "Date value '21/11/2026' for field 'updated' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'."],
      ['project = PM ORDER BY a ASC, b ASC, c ASC, d ASC, e ASC, f ASC, g ASC, h ASC', 'The ORDER BY clause can contain at most 7 fields.'],
      ['project = PM ORDER BY rank ASC', "Not able to sort using field 'rank'."],
    ];
    for (const [query, message] of cases) {
      const res = await search(`jql=${encodeURIComponent(query)}`);
      expect([query, res.status, res.body]).toEqual([query, 400, err({}, [message])]);
    }
    const sprint = await search(`jql=${encodeURIComponent('sprint = 1')}`);
    expect((sprint.body as { errorMessages: string[] }).errorMessages[0]).toMatch(/^Field 'sprint' does not exist/);
  });

  it('rejects unknown keys and wrong types in the POST body', async () => {
    const unknown = await api('POST', '/rest/api/3/search/jql', { jql: 'project = PM', startAt: 0 });
    expect([unknown.status, unknown.body]).toEqual([400, err({}, ['Unrecognized field "startAt" (class SearchAndReconcileRequestBean), not marked as ignorable'])]);
    expect((await api('POST', '/rest/api/3/search/jql', { jql: 'project = PM', expand: ['changelog'] })).status).toBe(400);
    expect((await search('jql=project%3DPM&maxResults=fifty')).status).toBe(400);
  });

  it('lags behind writes unless the id is in reconcileIssues; GET issue is always current', async () => {
    await start({ searchLagMs: 150 });
    const { id } = await create();
    expect(keysOf(await search('jql=project%3DPM'))).toEqual([]);
    expect(keysOf(await search(`jql=project%3DPM&reconcileIssues=${id}`))).toEqual([id]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await api('PUT', `/rest/api/3/issue/${id}`, { fields: { summary: 'renamed' } });
    const stale = json<SearchJson>(await search('jql=project%3DPM&fields=summary'));
    expect(stale.issues[0].fields.summary).toBe('Add alerting on queue depth');
    const fresh = json<SearchJson>(await api('POST', '/rest/api/3/search/jql', { jql: 'project = PM', fields: ['summary'], reconcileIssues: [Number(id)] }));
    expect(fresh.issues[0].fields.summary).toBe('renamed');
    expect((await issueFields(id)).summary).toBe('renamed');
    await api('DELETE', `/rest/api/3/issue/${id}`);
    expect(keysOf(await search('jql=project%3DPM'))).toEqual([id]); // the index still has it
    expect(keysOf(await search(`jql=project%3DPM&reconcileIssues=${id}`))).toEqual([]);
    await create();
    fake.setSearchLag(60_000);
    await create();
    expect(keysOf(await search('jql=project%3DPM'))).toEqual([id]); // neither new issue yet, the deleted one still
    fake.flushSearchIndex();
    expect(keysOf(await search('jql=project%3DPM'))).toEqual(['10002', '10001']);
  });

  it('answers the removed /search endpoints with exactly the CHANGE-2046 410', async () => {
    for (const [method, path] of [['GET', '/rest/api/3/search?jql=project%3DPM'], ['POST', '/rest/api/3/search'], ['GET', '/rest/api/2/search'], ['POST', '/rest/api/2/search']]) {
      const res = await api(method, path, method === 'POST' ? { jql: 'project = PM' } : undefined);
      expect([res.status, res.headers['content-type'], res.text]).toEqual([410, JSON_TYPE, JSON.stringify(SEARCH_REMOVED)]);
    }
    expect(SEARCH_REMOVED.errorMessages[0]).toContain('https://developer.atlassian.com/changelog/#CHANGE-2046');
  });
});

describe('§12.6 users and projects', () => {
  const find = async (query: string) => ((await api('GET', `/rest/api/3/user/search?${query}`)).body as { accountId: string }[]).map((u) => u.accountId);

  it('searches active users by name or email prefix; hidden emails only match exactly and are never shown', async () => {
    expect(await find('query=ada')).toEqual([ADA]);
    expect(await find('query=LOVE')).toEqual([ADA]);
    expect(await find('query=ada%40exa')).toEqual([ADA]);
    expect(await find('query=grace%40')).toEqual([]);
    expect(await find('query=former')).toEqual([]);
    const grace = (await api('GET', '/rest/api/3/user/search?query=grace%40example.com')).body as object[];
    expect(grace).toEqual([{
      self: `${fake.url}/rest/api/3/user?accountId=${GRACE}`, accountId: GRACE, accountType: 'atlassian', avatarUrls: expect.any(Object),
      displayName: 'Grace Hopper', active: true, timeZone: 'Etc/UTC', locale: 'en_US',
    }]);
    expect(await find(`accountId=${ADA}`)).toEqual([ADA]);
  });

  it('rejects query with accountId, and GDPR-removed parameters', async () => {
    expect((await api('GET', `/rest/api/3/user/search?query=ada&accountId=${ADA}`)).status).toBe(400);
    expect((await api('GET', '/rest/api/3/user/search?username=ada')).status).toBe(400);
    expect((await api('GET', '/rest/api/3/user/search')).status).toBe(400);
  });

  it('gets one user by accountId (inactive too), 404 for an unknown one; myself shows my own email', async () => {
    expect((await api('GET', `/rest/api/3/user?accountId=${FORMER}`)).body).toMatchObject({ accountId: FORMER, active: false, emailAddress: 'former@example.com' });
    const missing = await api('GET', '/rest/api/3/user?accountId=nobody');
    expect([missing.status, missing.body]).toEqual([404, err({}, ['Specified user does not exist or you do not have required permissions'])]);
    expect((await api('GET', '/rest/api/3/myself')).body).toMatchObject({ accountId: BOT, emailAddress: 'bot@example.com', displayName: 'Followthrough Bot' });
  });

  it('gets a project by its case-sensitive key or id', async () => {
    const res = await api('GET', '/rest/api/3/project/PM');
    expect(res.body).toMatchObject({ id: '10000', key: 'PM', issueTypes: [{ id: '10001', name: 'Task' }, { id: '10002', name: 'Bug' }] });
    expect((await api('GET', '/rest/api/3/project/10000')).status).toBe(200);
    const lower = await api('GET', '/rest/api/3/project/pm');
    expect([lower.status, lower.body]).toEqual([404, err({}, ["No project could be found with key 'pm'."])]);
  });
});

describe('comments (POST and GET /rest/api/3/issue/{issueIdOrKey}/comment)', () => {
  interface CommentJson {
    id: string;
    self: string;
    author: { accountId: string };
    body: unknown;
    created: string;
    updated: string;
  }

  it('adds an ADF comment with 201 and the Comment, bumps the issue\'s updated, writes no changelog, and 404s an unknown issue', async () => {
    const { id, key } = await create();
    clock = new Date('2026-11-21T08:30:00.000Z');
    const res = await api('POST', `/rest/api/3/issue/${key.toLowerCase()}/comment`, { body: doc('Incident B had the same root cause.'), properties: [{ key: 'origin', value: { by: 'sync' } }] });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      self: `${fake.url}/rest/api/3/issue/${id}/comment/10000`,
      id: '10000',
      author: expect.objectContaining({ accountId: BOT, displayName: 'Followthrough Bot' }),
      body: doc('Incident B had the same root cause.'),
      updateAuthor: expect.objectContaining({ accountId: BOT }),
      created: '2026-11-21T08:30:00.000+0000',
      updated: '2026-11-21T08:30:00.000+0000',
      jsdPublic: true,
    });
    const issue = json<IssueJson>(await api('GET', `/rest/api/3/issue/${id}?expand=changelog`));
    expect(issue.fields.updated).toBe('2026-11-21T08:30:00.000+0000');
    expect(issue.changelog!.histories).toEqual([]);
    expect(fake.comments(key)).toEqual([{ id: '10000', authorAccountId: BOT, body: doc('Incident B had the same root cause.'), created: new Date('2026-11-21T08:30:00.000Z') }]);
    expect((await api('POST', '/rest/api/3/issue/PM-404/comment', { body: doc('x') })).status).toBe(404);
    expect((await api('GET', '/rest/api/3/issue/PM-404/comment')).status).toBe(404);
  });

  it('requires an ADF body, named in errors.comment, and is not idempotent', async () => {
    const { id } = await create();
    expect(await api('POST', `/rest/api/3/issue/${id}/comment`, {})).toMatchObject({ status: 400, body: err({ comment: 'Comment body can not be empty!' }) });
    expect(await api('POST', `/rest/api/3/issue/${id}/comment`, { body: 'plain text' })).toMatchObject({ status: 400, body: err({ comment: 'Comment body is not valid!' }) });
    expect((await api('POST', `/rest/api/3/issue/${id}/comment`, { body: doc('x'), visibility: { type: 'role', value: 'Administrators' } })).status).toBe(400);
    expect(fake.comments(id)).toEqual([]);
    await api('POST', `/rest/api/3/issue/${id}/comment`, { body: doc('twice') });
    await api('POST', `/rest/api/3/issue/${id}/comment`, { body: doc('twice') });
    expect(fake.comments(id)).toHaveLength(2);
  });

  it('lists comments a page at a time, oldest first or newest first, with total', async () => {
    const { id } = await create();
    for (const text of ['one', 'two', 'three']) {
      clock = new Date(clock.getTime() + 60_000);
      await api('POST', `/rest/api/3/issue/${id}/comment`, { body: doc(text) });
    }
    fake.commentInUi(id, 'four, by a person');
    const texts = (page: unknown) => (page as { comments: { body: { content: { content: { text: string }[] }[] } }[] }).comments.map((c) => c.body.content[0].content[0].text);
    const all = await api('GET', `/rest/api/3/issue/${id}/comment`);
    expect(all.body).toMatchObject({ startAt: 0, maxResults: 100, total: 4 });
    expect(texts(all.body)).toEqual(['one', 'two', 'three', 'four, by a person']);
    expect((all.body as { comments: CommentJson[] }).comments[3].author.accountId).toBe(ADA);
    const newest = await api('GET', `/rest/api/3/issue/${id}/comment?orderBy=-created&startAt=1&maxResults=2`);
    expect(newest.body).toMatchObject({ startAt: 1, maxResults: 2, total: 4 });
    expect(texts(newest.body)).toEqual(['three', 'two']);
    expect((await api('GET', `/rest/api/3/issue/${id}/comment?orderBy=updated`)).status).toBe(400);
  });

  it('counts a comment as a write against the per-issue limit', async () => {
    await start({ perIssueWriteLimit: { writes: 1, windowMs: 60_000 } });
    const { id } = await create();
    expect((await api('POST', `/rest/api/3/issue/${id}/comment`, { body: doc('first') })).status).toBe(201);
    const limited = await api('POST', `/rest/api/3/issue/${id}/comment`, { body: doc('second') });
    expect([limited.status, limited.headers['ratelimit-reason']]).toEqual([429, 'jira-per-issue-on-write']);
    expect(fake.comments(id)).toHaveLength(1);
  });
});

describe('§12.8 rate limits and faults', () => {
  it('injects 429s with Jira rate-limit headers for matching requests only', async () => {
    const { id } = await create();
    fake.failNext(2, { status: 429, retryAfterSeconds: 3, reason: 'jira-per-issue-on-write', method: 'PUT' });
    expect((await api('GET', `/rest/api/3/issue/${id}`)).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const res = await api('PUT', `/rest/api/3/issue/${id}`, { fields: { summary: 'x' } });
      expect(res.status).toBe(429);
      expect(res.body).toEqual(err({}, ['Rate limit exceeded.']));
      expect(res.headers).toMatchObject({
        'retry-after': '3', 'ratelimit-reason': 'jira-per-issue-on-write', 'x-ratelimit-limit': '20', 'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': '2026-11-21T08:00:03Z', 'content-type': JSON_TYPE,
      });
    }
    expect(fake.issue(id)!.summary).toBe('Add alerting on queue depth'); // rejected requests change nothing
    expect((await api('PUT', `/rest/api/3/issue/${id}`, { fields: { summary: 'x' } })).status).toBe(204);
    expect(fake.requests().map((r) => `${r.method} ${r.status}`)).toEqual(['POST 201', 'GET 200', 'PUT 429', 'PUT 429', 'PUT 204']);
  });

  it('injects a 409 conflicting update on an edit', async () => {
    const { id } = await create();
    fake.failNext(1, { status: 409, method: 'PUT' });
    const conflict = await api('PUT', `/rest/api/3/issue/${id}`, { fields: { summary: 'x' } });
    expect([conflict.status, conflict.body]).toEqual([409, err({}, ['The issue could not be updated due to a conflicting update.'])]);
  });

  it('injects 503 with Retry-After, 500 and 502, matched by path', async () => {
    fake.failNext(1, { status: 503, retryAfterSeconds: 7, path: /\/search\/jql/ });
    fake.failNext(1, { status: 500 });
    fake.failNext(1, { status: 502 });
    const unavailable = await api('GET', '/rest/api/3/search/jql?jql=project%3DPM');
    expect([unavailable.status, unavailable.headers['retry-after']]).toEqual([503, '7']);
    const internal = await api('GET', '/rest/api/3/myself');
    expect([internal.status, internal.headers['retry-after']]).toEqual([500, undefined]);
    expect((await api('GET', '/rest/api/3/myself')).status).toBe(502);
    expect((await api('GET', '/rest/api/3/myself')).status).toBe(200);
  });

  it('enforces a per-issue write limit when enabled (20 writes / 2 s)', async () => {
    await start({ perIssueWriteLimit: true });
    const a = await create();
    const b = await create();
    for (let i = 0; i < 20; i++) expect((await api('PUT', `/rest/api/3/issue/${a.id}`, { fields: { summary: `v${i}` } })).status).toBe(204);
    const limited = await api('PUT', `/rest/api/3/issue/${a.id}`, { fields: { summary: 'one more' } });
    expect(limited.status).toBe(429);
    expect(limited.headers).toMatchObject({ 'ratelimit-reason': 'jira-per-issue-on-write', 'retry-after': expect.stringMatching(/^[12]$/) });
    expect((await api('POST', `/rest/api/3/issue/${a.id}/transitions`, { transition: { id: '21' } })).status).toBe(429);
    expect((await api('PUT', `/rest/api/3/issue/${b.id}`, { fields: { summary: 'other issue' } })).status).toBe(204);
    fake.setPerIssueWriteLimit({ writes: 1, windowMs: 60_000 });
    expect((await api('DELETE', `/rest/api/3/issue/${b.id}`)).status).toBe(204);
    expect((await api('PUT', `/rest/api/3/issue/${a.id}`, { fields: { summary: 'first in the new window' } })).status).toBe(204);
    const custom = await api('PUT', `/rest/api/3/issue/${a.id}`, { fields: { summary: 'second' } });
    expect(custom.headers).toMatchObject({ 'x-ratelimit-limit': '1', 'retry-after': '60' });
    expect((await api('GET', `/rest/api/3/issue/${a.id}`)).status).toBe(200);
    fake.setPerIssueWriteLimit(false);
    expect((await api('PUT', `/rest/api/3/issue/${a.id}`, { fields: { summary: 'one more' } })).status).toBe(204);
  });

  it('injects refusals (400, 401, 403) and a 504 as ErrorCollections', async () => {
    for (const status of [400, 401, 403, 504] as const) fake.failNext(1, { status, method: 'POST' });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await api('POST', '/rest/api/3/issue', { fields: { project: { key: 'PM' }, issuetype: { id: '10001' }, summary: 'refused' } });
      expect(res.body).toEqual(err({}, [expect.any(String)]));
      statuses.push(res.status);
    }
    expect(statuses).toEqual([400, 401, 403, 504]);
    expect(fake.issues()).toEqual([]);
  });

  it('refuses connections (nothing listens) while refusing, then listens on the same port again', async () => {
    await fake.setRefusing(true);
    await expect(api('GET', '/rest/api/3/myself')).rejects.toThrow(/ECONNREFUSED/);
    expect(fake.requests()).toEqual([]);
    await fake.setRefusing(false);
    expect((await api('GET', '/rest/api/3/myself')).status).toBe(200);
  });

  it('drops every connection while down', async () => {
    fake.setDown(true);
    await expect(api('GET', '/rest/api/3/myself')).rejects.toThrow(/socket hang up|ECONNRESET/);
    fake.setDown(false);
    expect((await api('GET', '/rest/api/3/myself')).status).toBe(200);
  });

  it('processes a request whose response it then loses, so the client times out', async () => {
    fake.loseNextResponse({ method: 'POST', path: /\/issue$/ }, 400);
    const attempt = api('POST', '/rest/api/3/issue', { fields: { project: { key: 'PM' }, issuetype: { id: '10001' }, summary: 'lost' } }, { timeoutMs: 150 });
    await expect(attempt).rejects.toThrow('client timeout');
    expect(fake.issues().map((i) => i.key)).toEqual(['PM-1']);
    expect(fake.requests()).toEqual([{ method: 'POST', path: '/rest/api/3/issue', status: 201, body: expect.any(Object), responseLost: true }]);
    expect((await create()).key).toBe('PM-2'); // the retry makes a duplicate, as real Jira would
  });
});

describe('§12.9–10 webhooks', () => {
  let receiver: WebhookReceiver;
  beforeEach(async () => {
    receiver = await startWebhookReceiver();
    fake.setWebhook({ url: receiver.url, secret: 'It is a secret' });
  });
  afterEach(() => receiver.close());

  it('sends signed issue events with Atlassian headers and the issue as it was at the event', async () => {
    const { id } = await create({ labels: ['postmortem'] });
    clock = new Date('2026-11-21T08:01:00.000Z');
    await api('POST', `/rest/api/3/issue/${id}/transitions`, { transition: { id: '31' } });
    expect(fake.queuedWebhooks().map((w) => [w.webhookEvent, w.issueId, w.timestamp])).toEqual([
      ['jira:issue_created', id, Date.parse('2026-11-21T08:00:00Z')],
      ['jira:issue_updated', id, Date.parse('2026-11-21T08:01:00Z')],
    ]);
    const results = await fake.deliverWebhooks();
    expect(results.map((r) => [r.status, r.attempts])).toEqual([[200, 1], [200, 1]]);
    expect(fake.queuedWebhooks()).toEqual([]);
    const [created, updated] = receiver.received;
    expect(created.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8', 'user-agent': 'Atlassian Webhook HTTP Client',
      'x-atlassian-webhook-identifier': results[0].identifier, 'x-atlassian-webhook-flow': 'Primary',
      'x-hub-signature': `sha256=${createHmac('sha256', 'It is a secret').update(created.raw).digest('hex')}`,
    });
    expect(created.headers['x-atlassian-webhook-retry']).toBeUndefined();
    expect(created.body).toMatchObject({ webhookEvent: 'jira:issue_created', issue_event_type_name: 'issue_created' });
    expect(created.body).not.toHaveProperty('changelog');
    expect(updated.body).toEqual({
      timestamp: Date.parse('2026-11-21T08:01:00Z'),
      webhookEvent: 'jira:issue_updated',
      issue_event_type_name: 'issue_generic',
      user: { self: `${fake.url}/rest/api/2/user?accountId=${BOT}`, accountId: BOT, accountType: 'atlassian', avatarUrls: expect.any(Object), displayName: 'Followthrough Bot', active: true, timeZone: 'Etc/UTC' },
      issue: {
        id, key: 'PM-1', self: `${fake.url}/rest/api/2/issue/${id}`,
        fields: expect.objectContaining({
          summary: 'Add alerting on queue depth', labels: ['postmortem'], duedate: null, assignee: null, updated: '2026-11-21T08:01:00.000+0000',
          status: expect.objectContaining({ name: 'Done', statusCategory: expect.objectContaining({ id: 3, key: 'done' }) }),
          priority: expect.objectContaining({ name: 'Medium' }), project: expect.objectContaining({ key: 'PM' }), issuetype: expect.objectContaining({ name: 'Task' }),
        }),
      },
      changelog: {
        id: expect.any(Number),
        items: [
          { field: 'status', fieldtype: 'jira', fieldId: 'status', from: '10000', fromString: 'To Do', to: '10003', toString: 'Done' },
          { field: 'resolution', fieldtype: 'jira', fieldId: 'resolution', from: null, fromString: null, to: '10000', toString: 'Done' },
        ],
      },
    });
  });

  it('sends a comment as jira:issue_updated (issue_commented) with the comment, v2-shaped, and no changelog', async () => {
    const { id, key } = await create();
    fake.discardWebhooks();
    clock = new Date('2026-11-21T08:02:00.000Z');
    await api('POST', `/rest/api/3/issue/${id}/comment`, { body: doc('Incident B had the same root cause.') });
    await fake.deliverWebhooks();
    expect(receiver.received).toHaveLength(1);
    const { body } = receiver.received[0];
    expect(body).toEqual({
      timestamp: Date.parse('2026-11-21T08:02:00Z'),
      webhookEvent: 'jira:issue_updated',
      issue_event_type_name: 'issue_commented',
      user: expect.objectContaining({ accountId: BOT }),
      issue: { id, key, self: `${fake.url}/rest/api/2/issue/${id}`, fields: expect.objectContaining({ updated: '2026-11-21T08:02:00.000+0000' }) },
      comment: {
        self: `${fake.url}/rest/api/2/issue/${id}/comment/10000`, id: '10000', author: expect.objectContaining({ accountId: BOT }), updateAuthor: expect.objectContaining({ accountId: BOT }),
        body: 'Incident B had the same root cause.', created: '2026-11-21T08:02:00.000+0000', updated: '2026-11-21T08:02:00.000+0000', jsdPublic: true,
      },
    });
  });

  it('queues events for UI actions too: edits, assignment, moves, deletes and UI-created issues', async () => {
    await start({ projects: ['PM', 'OPS'], webhook: { url: receiver.url } });
    const adopted = fake.createIssueInUi({ summary: 'Made by a person', labels: ['postmortem'] });
    expect(adopted).toMatchObject({ key: 'PM-1', status: 'To Do', labels: ['postmortem'], deleted: false });
    fake.editIssue('PM-1', { assigneeAccountId: GRACE }, ADA);
    fake.editIssue('PM-1', { summary: 'Renamed', duedate: '2027-01-31', labels: [] });
    fake.moveIssue('PM-1', 'OPS');
    fake.deleteIssue('OPS-1');
    await fake.deliverWebhooks();
    const bodies = receiver.received.map((r) => r.body as unknown as WebhookPayload);
    expect(bodies.map((b) => [b.webhookEvent, b.issue_event_type_name, b.user.accountId, b.issue.key])).toEqual([
      ['jira:issue_created', 'issue_created', ADA, 'PM-1'],
      ['jira:issue_updated', 'issue_assigned', ADA, 'PM-1'],
      ['jira:issue_updated', 'issue_updated', ADA, 'PM-1'],
      ['jira:issue_updated', 'issue_moved', ADA, 'OPS-1'],
      ['jira:issue_deleted', 'issue_deleted', ADA, 'OPS-1'],
    ]);
    expect(bodies[2].changelog!.items.map((i) => [i.field, i.fromString, i.toString])).toEqual([
      ['summary', 'Made by a person', 'Renamed'], ['labels', 'postmortem', ''], ['duedate', null, '2027-01-31 00:00:00.0'],
    ]);
    expect(bodies[3].changelog!.items.map((i) => [i.field, i.fromString, i.toString])).toEqual([['Key', 'PM-1', 'OPS-1'], ['project', 'PM', 'OPS']]);
    expect(bodies[4]).not.toHaveProperty('changelog');
    expect(receiver.received[0].headers['x-hub-signature']).toBeUndefined(); // no secret, no signature
  });

  it('retries 408/409/425/429/5xx with the same identifier and a retry count, up to 5 times', async () => {
    await create();
    receiver.respondWith([503, 429]);
    const [result] = await fake.deliverWebhooks();
    expect(result).toEqual({ identifier: expect.any(String), status: 200, attempts: 3 });
    expect(receiver.received.map((r) => [r.headers['x-atlassian-webhook-identifier'], r.headers['x-atlassian-webhook-retry']])).toEqual([
      [result.identifier, undefined], [result.identifier, '1'], [result.identifier, '2'],
    ]);
    await create();
    receiver.respondWith([500, 500, 500, 500, 500, 500, 500]);
    expect((await fake.deliverWebhooks({ retryDelayMs: 1 }))[0]).toMatchObject({ status: 500, attempts: 6 });
  });

  it('never retries other 4xx, and reports a dead receiver as status 0', async () => {
    await create();
    await create();
    receiver.respondWith([401, 404]);
    expect((await fake.deliverWebhooks()).map((r) => [r.status, r.attempts])).toEqual([[401, 1], [404, 1]]);
    await create();
    const dead = receiver.url;
    await receiver.close();
    fake.setWebhook({ url: dead });
    expect((await fake.deliverWebhooks({ retryDelayMs: 1 })).map((r) => [r.status, r.attempts])).toEqual([[0, 6]]);
    receiver = await startWebhookReceiver(); // for afterEach
  });

  it('delivers duplicates, reversed order, drops, and bad signatures on request', async () => {
    const { id } = await create();
    clock = new Date('2026-11-21T08:02:00.000Z');
    await api('PUT', `/rest/api/3/issue/${id}`, { fields: { summary: 'second' } });
    clock = new Date('2026-11-21T08:03:00.000Z');
    await api('PUT', `/rest/api/3/issue/${id}`, { fields: { summary: 'third' } });
    const results = await fake.deliverWebhooks({ order: 'reversed', duplicate: true, drop: (event) => event.webhookEvent === 'jira:issue_created', signWith: 'wrong' });
    expect(results).toHaveLength(4);
    const got = receiver.received.map((r) => [r.headers['x-atlassian-webhook-identifier'], ...['summary', 'updated'].map((f) => (r.body as unknown as WebhookPayload).issue.fields[f])]);
    expect(got).toEqual([
      [results[0].identifier, 'third', '2026-11-21T08:03:00.000+0000'], [results[0].identifier, 'third', '2026-11-21T08:03:00.000+0000'],
      [results[2].identifier, 'second', '2026-11-21T08:02:00.000+0000'], [results[2].identifier, 'second', '2026-11-21T08:02:00.000+0000'],
    ]);
    expect(receiver.received[0].headers['x-hub-signature']).toBe(`sha256=${createHmac('sha256', 'wrong').update(receiver.received[0].raw).digest('hex')}`);
    expect(fake.queuedWebhooks()).toEqual([]);
  });

  it('discards queued events and refuses to deliver without a target', async () => {
    await create();
    fake.discardWebhooks();
    expect(fake.queuedWebhooks()).toEqual([]);
    await create();
    fake.setWebhook(null);
    await expect(fake.deliverWebhooks()).rejects.toThrow(/no webhook target/);
  });
});
