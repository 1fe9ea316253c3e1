import { ActionItemStatus, Priority } from '../action-items/action-item-enums';
import { loadEnv } from '../config/env';
import type { AdfDocument } from './adf';
import { browseUrl, createIssueBody, desiredIssue, editIssueBody, itemLabel, itemUrl, statusToPush, type DesiredIssue, type ItemForJira } from './jira-issue-mapper';
import { readJiraSettings, type JiraSettings, type PullField, type PushField } from './jira-settings';
import type { RemoteIssue } from './remote-issue';

function settingsFrom(source: Record<string, string>): JiraSettings {
  const settings = readJiraSettings(loadEnv({ JIRA_BASE_URL: 'https://acme.atlassian.net', JIRA_EMAIL: 'sync@acme.test', JIRA_API_TOKEN: 't', JIRA_PROJECT_KEY: 'PM', ...source }));
  if (!settings) throw new Error('Jira settings expected');
  return settings;
}

const SETTINGS = settingsFrom({ JIRA_TEAM_PROJECTS: 'payments-team=PAY, Checkout=CART', PUBLIC_URL: 'https://followthrough.acme.test/' });
const ITEM_ID = '7f3c2a10-5b1e-4c8a-9d2f-0e6b4a1c9d33';

function withFields(settings: JiraSettings, push: readonly PushField[], pull: readonly PullField[] = [...settings.pullFields]): JiraSettings {
  return { ...settings, pushFields: new Set(push), pullFields: new Set(pull) };
}

/** The heap-growth alert promised after the September 2024 payment gateway outage (examples/). */
function item(overrides: Partial<ItemForJira> = {}): ItemForJira {
  return {
    id: ITEM_ID,
    title: 'Create the heap growth alert for the payment gateway API',
    description: '  Create the heap growth alert for the payment gateway API that was promised in March.\n',
    kind: 'DETECTIVE',
    category: 'alerting',
    priority: Priority.P2,
    status: ActionItemStatus.OPEN,
    dueOn: '2024-09-30',
    sourceSection: 'Action items',
    sourceLines: { start: 31, end: 33 },
    incident: { id: 'inc-1', title: 'Payment gateway API outage, 6 September 2024', startedAt: new Date('2024-09-06T09:40:00Z'), severity: 'SEV1' },
    rootCause: { failureMode: 'memory-leak', serviceName: 'payment-gateway' },
    ownerName: 'payments-team',
    teamName: 'payments-team',
    assigneeAccountId: '5b10ac8d82e05b22cc7d4ef5',
    ...overrides,
  };
}

/** The issue exactly as `desired` would have it, as last seen. */
function remoteFor(desired: DesiredIssue, overrides: Partial<RemoteIssue> = {}): RemoteIssue {
  return {
    id: '10042',
    key: 'PAY-7',
    summary: desired.summary,
    statusName: 'To Do',
    statusCategory: desired.statusCategory,
    dueOn: desired.dueOn,
    assigneeAccountId: desired.assigneeAccountId,
    priorityName: desired.priorityName,
    labels: [...desired.labels],
    descriptionHash: desired.descriptionHash,
    syncedItemStatus: desired.itemStatus,
    updated: '2026-11-21T08:00:00.000+0000',
    ...overrides,
  };
}

const strong = (text: string) => ({ type: 'text', text, marks: [{ type: 'strong' }] });
const text = (value: string) => ({ type: 'text', text: value });
const fact = (label: string, value: string) => ({ type: 'listItem', content: [{ type: 'paragraph', content: [strong(label), text(value)] }] });
const facts = (doc: AdfDocument) => (doc.content[2].content as { content: { content: { text: string }[] }[] }[]).map((li) => li.content[0].content.map((t) => t.text).join(''));

describe('desiredIssue', () => {
  it('describes a realistic item in ADF: text, the postmortem facts, and a link back', () => {
    const desired = desiredIssue(item(), SETTINGS);
    expect(desired.description).toEqual({
      type: 'doc',
      version: 1,
      content: [
        { type: 'paragraph', content: [text('Create the heap growth alert for the payment gateway API that was promised in March.')] },
        { type: 'heading', attrs: { level: 3 }, content: [text('From the postmortem')] },
        {
          type: 'bulletList',
          content: [
            fact('Incident: ', 'Payment gateway API outage, 6 September 2024 (2024-09-06, SEV1)'),
            fact('Measure: ', 'Detective, alerting'),
            fact('Root cause: ', 'memory leak in payment-gateway'),
            fact('Source: ', 'section "Action items", lines 31–33'),
            fact('Owner: ', 'payments-team'),
          ],
        },
        {
          type: 'paragraph',
          content: [
            text('Tracked in Followthrough (flags, recurrences of this root cause, earlier promises of this measure): '),
            {
              type: 'text',
              text: `https://followthrough.acme.test/items/${ITEM_ID}`,
              marks: [{ type: 'link', attrs: { href: `https://followthrough.acme.test/items/${ITEM_ID}` } }],
            },
          ],
        },
      ],
    });
  });

  it('maps the item onto the issue fields', () => {
    const { description: _description, descriptionHash, ...rest } = desiredIssue(item(), SETTINGS);
    expect(descriptionHash).toMatch(/^[0-9a-f]{64}$/);
    expect(rest).toEqual({
      projectKey: 'PAY',
      summary: 'Create the heap growth alert for the payment gateway API',
      labels: ['followthrough', `followthrough-${ITEM_ID}`],
      dueOn: '2024-09-30',
      priorityName: 'High',
      assigneeAccountId: '5b10ac8d82e05b22cc7d4ef5',
      statusCategory: 'new',
      itemStatus: ActionItemStatus.OPEN,
    });
  });

  it.each([
    ['payments-team', 'PAY'],
    ['Payments-Team', 'PAY'],
    ['CHECKOUT', 'CART'],
    ['search-team', 'PM'],
    [null, 'PM'],
    ['', 'PM'],
  ])('sends team %p to project %s', (teamName, projectKey) => {
    expect(desiredIssue(item({ teamName }), SETTINGS).projectKey).toBe(projectKey);
  });

  it('flattens the summary to one line', () => {
    expect(desiredIssue(item({ title: '  Load test\n the gateway\t\tbefore  release ' }), SETTINGS).summary).toBe('Load test the gateway before release');
  });

  it('keeps a 255-character summary and cuts a longer one to 255 with an ellipsis', () => {
    const exact = 'a'.repeat(255);
    expect(desiredIssue(item({ title: exact }), SETTINGS).summary).toBe(exact);
    const cut = desiredIssue(item({ title: `${'a'.repeat(250)} bcdef` }), SETTINGS).summary;
    expect(cut).toBe(`${'a'.repeat(250)} bcd…`);
    expect(cut).toHaveLength(255);
    expect(desiredIssue(item({ title: `${'a'.repeat(253)} bc` }), SETTINGS).summary).toBe(`${'a'.repeat(253)}…`);
  });

  it('labels the issue with the sync label and the per-item label', () => {
    const settings = settingsFrom({ JIRA_LABEL: 'pm-action' });
    expect(desiredIssue(item({ id: 'abc' }), settings).labels).toEqual(['pm-action', 'pm-action-abc']);
    expect(itemLabel(settings, 'abc')).toBe('pm-action-abc');
  });

  it.each([
    [ActionItemStatus.OPEN, 'new'],
    [ActionItemStatus.BLOCKED, 'indeterminate'],
    [ActionItemStatus.WONT_DO, 'done'],
  ])('puts a %s item in status category %s', (status, category) => {
    expect(desiredIssue(item({ status }), SETTINGS)).toMatchObject({ statusCategory: category, itemStatus: status });
  });

  it('uses the priority map', () => {
    const settings = settingsFrom({ JIRA_PRIORITY_MAP: 'P1=Blocker, P2=Critical, P3=Major, P4=Minor' });
    expect(desiredIssue(item({ priority: Priority.P1 }), settings).priorityName).toBe('Blocker');
    expect(desiredIssue(item({ priority: Priority.P4 }), settings).priorityName).toBe('Minor');
  });

  it('states the root cause as the postmortem does, without the service when the incident has none, and not at all when unknown', () => {
    const rootCauseOf = (rootCause: ItemForJira['rootCause']) => facts(desiredIssue(item({ rootCause }), SETTINGS).description).find((line) => line.startsWith('Root cause'));
    expect(rootCauseOf({ failureMode: 'configuration-error', serviceName: 'checkout' })).toBe('Root cause: configuration error in checkout');
    expect(rootCauseOf({ failureMode: 'configuration-error', serviceName: null })).toBe('Root cause: configuration error');
    expect(rootCauseOf({ failureMode: 'unknown', serviceName: 'checkout' })).toBeUndefined();
    expect(rootCauseOf(null)).toBeUndefined();
  });

  it('holds no tally that other imports move on: nothing but the item, its incident and its source', () => {
    // What the worker loads for the same item before and after later postmortems grew its root cause and measure.
    const text = JSON.stringify(desiredIssue(item(), SETTINGS).description);
    expect(text).not.toMatch(/\d+ (incidents|postmortems)|recurring|proposed in/);
  });

  it('leaves out the facts the item does not have', () => {
    const bare = item({
      description: '   ',
      category: null,
      sourceSection: null,
      rootCause: null,
      ownerName: null,
      incident: { id: 'inc-2', title: 'Checkout errors', startedAt: null, severity: null },
    });
    const doc = desiredIssue(bare, SETTINGS).description;
    expect(doc.content[0]).toEqual({ type: 'paragraph', content: [text('Create the heap growth alert for the payment gateway API')] });
    expect(facts(doc)).toEqual(['Incident: Checkout errors', 'Measure: Detective']);
  });

  it('shows the source section without lines when they are unknown, and the incident with only what it has', () => {
    const doc = desiredIssue(item({ sourceLines: null, incident: { id: 'i', title: 'Outage', startedAt: null, severity: 'SEV2' } }), SETTINGS).description;
    expect(facts(doc)).toEqual(expect.arrayContaining(['Source: section "Action items"', 'Incident: Outage (SEV2)']));
  });

  it('hashes the description stably, and differently when its content changes', () => {
    const { descriptionHash } = desiredIssue(item(), SETTINGS);
    expect(desiredIssue(item(), SETTINGS).descriptionHash).toBe(descriptionHash);
    expect(desiredIssue(item({ dueOn: '2025-01-01', priority: Priority.P1, assigneeAccountId: null }), SETTINGS).descriptionHash).toBe(descriptionHash);
    expect(desiredIssue(item({ ownerName: 'Ada Lovelace' }), SETTINGS).descriptionHash).not.toBe(descriptionHash);
    expect(desiredIssue(item({ rootCause: { failureMode: 'memory-leak', serviceName: 'payment processing' } }), SETTINGS).descriptionHash).not.toBe(descriptionHash);
    expect(desiredIssue(item(), settingsFrom({ PUBLIC_URL: 'https://other.acme.test' })).descriptionHash).not.toBe(descriptionHash);
  });
});

describe('browseUrl and itemUrl', () => {
  it('link to the issue in Jira and to the item here', () => {
    expect(browseUrl(SETTINGS, 'PAY-7')).toBe('https://acme.atlassian.net/browse/PAY-7');
    expect(itemUrl(SETTINGS, 'abc')).toBe('https://followthrough.acme.test/items/abc');
  });
});

describe('createIssueBody', () => {
  it('sends every pushed field', () => {
    const desired = desiredIssue(item(), SETTINGS);
    expect(createIssueBody(desired, SETTINGS)).toEqual({
      fields: {
        project: { key: 'PAY' },
        issuetype: { name: 'Task' },
        summary: 'Create the heap growth alert for the payment gateway API',
        labels: ['followthrough', `followthrough-${ITEM_ID}`],
        description: desired.description,
        duedate: '2024-09-30',
        priority: { name: 'High' },
        assignee: { accountId: '5b10ac8d82e05b22cc7d4ef5' },
      },
    });
  });

  it('leaves out a due date and an assignee the item does not have', () => {
    const { fields } = createIssueBody(desiredIssue(item({ dueOn: null, assigneeAccountId: null }), SETTINGS), SETTINGS);
    expect(Object.keys(fields).sort()).toEqual(['description', 'issuetype', 'labels', 'priority', 'project', 'summary']);
  });

  it('sends only the fields JIRA_PUSH_FIELDS names (project, type, summary and labels always)', () => {
    const settings = withFields(settingsFrom({ JIRA_ISSUE_TYPE: 'Story' }), ['summary', 'status']);
    expect(createIssueBody(desiredIssue(item(), settings), settings)).toEqual({
      fields: {
        project: { key: 'PM' },
        issuetype: { name: 'Story' },
        summary: 'Create the heap growth alert for the payment gateway API',
        labels: ['followthrough', `followthrough-${ITEM_ID}`],
      },
    });
  });
});

describe('editIssueBody', () => {
  const desired = desiredIssue(item(), SETTINGS);

  it('is null when the issue already agrees', () => {
    expect(editIssueBody(desired, remoteFor(desired), SETTINGS)).toBeNull();
  });

  it('ignores what Jira has that the item does not push (status, extra labels)', () => {
    const remote = remoteFor(desired, { statusName: 'Done', statusCategory: 'done', labels: ['triaged', ...desired.labels] });
    expect(editIssueBody(desired, remote, SETTINGS)).toBeNull();
  });

  it('sends only the fields that differ', () => {
    const remote = remoteFor(desired, { summary: 'Old summary', dueOn: '2024-10-15' });
    expect(editIssueBody(desired, remote, SETTINGS)).toEqual({ fields: { summary: desired.summary, duedate: '2024-09-30' }, update: {} });
  });

  it('sends every field that differs, in one body', () => {
    const remote = remoteFor(desired, { summary: 'x', descriptionHash: null, dueOn: null, priorityName: 'Low', assigneeAccountId: 'someone-else', labels: [] });
    expect(editIssueBody(desired, remote, SETTINGS)).toEqual({
      fields: {
        summary: desired.summary,
        description: desired.description,
        duedate: '2024-09-30',
        priority: { name: 'High' },
        assignee: { accountId: '5b10ac8d82e05b22cc7d4ef5' },
      },
      update: { labels: [{ add: 'followthrough' }, { add: `followthrough-${ITEM_ID}` }] },
    });
  });

  it('clears the due date and unassigns with null', () => {
    const cleared = desiredIssue(item({ dueOn: null, assigneeAccountId: null }), SETTINGS);
    const remote = remoteFor(desired);
    expect(editIssueBody(cleared, remote, SETTINGS)).toEqual({ fields: { duedate: null, assignee: null }, update: {} });
  });

  it('adds missing labels one by one and never sets the label list', () => {
    const remote = remoteFor(desired, { labels: ['triaged', 'followthrough'] });
    const edit = editIssueBody(desired, remote, SETTINGS);
    expect(edit).toEqual({ fields: {}, update: { labels: [{ add: `followthrough-${ITEM_ID}` }] } });
    expect(edit?.fields).not.toHaveProperty('labels');
  });

  it('sends the description only when its hash differs from the one last written', () => {
    expect(editIssueBody(desired, remoteFor(desired, { descriptionHash: 'f'.repeat(64) }), SETTINGS)).toEqual({ fields: { description: desired.description }, update: {} });
    const reworded = desiredIssue(item({ description: 'Reworded' }), SETTINGS);
    expect(editIssueBody(reworded, remoteFor(desired), SETTINGS)?.fields).toEqual({ description: reworded.description });
  });

  it('respects JIRA_PUSH_FIELDS', () => {
    const remote = remoteFor(desired, { summary: 'x', descriptionHash: null, dueOn: null, priorityName: 'Low', assigneeAccountId: null });
    expect(editIssueBody(desired, remote, withFields(SETTINGS, ['status']))).toBeNull();
    expect(editIssueBody(desired, remote, withFields(SETTINGS, ['priority', 'assignee']))).toEqual({
      fields: { priority: { name: 'High' }, assignee: { accountId: '5b10ac8d82e05b22cc7d4ef5' } },
      update: {},
    });
    expect(editIssueBody(desired, { ...remote, labels: [] }, withFields(SETTINGS, []))).toEqual({
      fields: {},
      update: { labels: [{ add: 'followthrough' }, { add: `followthrough-${ITEM_ID}` }] },
    });
  });

  it('leaves an adopted issue\'s summary, description, priority and labels alone with keepText (issue 22, finding 7)', () => {
    const remote = remoteFor(desired, { summary: 'x', descriptionHash: null, dueOn: null, priorityName: 'Low', assigneeAccountId: null, labels: ['triaged'] });
    expect(editIssueBody(desired, remote, SETTINGS, { keepText: true })).toEqual({
      fields: { duedate: '2024-09-30', assignee: { accountId: '5b10ac8d82e05b22cc7d4ef5' } },
      update: {},
    });
    expect(editIssueBody(desired, { ...remote, dueOn: '2024-09-30', assigneeAccountId: '5b10ac8d82e05b22cc7d4ef5' }, SETTINGS, { keepText: true })).toBeNull();
  });
});

describe('statusToPush', () => {
  const open = desiredIssue(item({ status: ActionItemStatus.OPEN }), SETTINGS);
  const done = desiredIssue(item({ status: ActionItemStatus.DONE }), SETTINGS);
  const wontDo = desiredIssue(item({ status: ActionItemStatus.WONT_DO }), SETTINGS);
  const inProgress = { statusName: 'In Progress', statusCategory: 'indeterminate' };

  it('is null when the categories agree, whatever was synced', () => {
    expect(statusToPush(done, remoteFor(done, { statusName: 'Done', syncedItemStatus: ActionItemStatus.OPEN }), SETTINGS)).toBeNull();
    expect(statusToPush(wontDo, remoteFor(wontDo, { statusName: 'Done', statusCategory: 'done', syncedItemStatus: ActionItemStatus.DONE }), SETTINGS)).toBeNull();
  });

  it('pushes a status the item changed since the two sides agreed', () => {
    const remote = remoteFor(done, { ...inProgress, syncedItemStatus: ActionItemStatus.IN_PROGRESS });
    expect(statusToPush(done, remote, SETTINGS)).toBe('done');
  });

  it('pushes when the two sides never agreed (no synced status)', () => {
    expect(statusToPush(done, remoteFor(done, { ...inProgress, syncedItemStatus: null }), SETTINGS)).toBe('done');
  });

  it('leaves a status Jira changed since they agreed: it flows back instead', () => {
    const remote = remoteFor(open, { ...inProgress, syncedItemStatus: ActionItemStatus.OPEN });
    expect(statusToPush(open, remote, SETTINGS)).toBeNull();
  });

  it('always pushes when status does not flow back', () => {
    const remote = remoteFor(open, { ...inProgress, syncedItemStatus: ActionItemStatus.OPEN });
    expect(statusToPush(open, remote, withFields(SETTINGS, [...SETTINGS.pushFields], ['dueOn', 'assignee']))).toBe('new');
  });

  it('never pushes when status is not pushed', () => {
    const remote = remoteFor(done, { ...inProgress, syncedItemStatus: ActionItemStatus.OPEN });
    expect(statusToPush(done, remote, withFields(SETTINGS, ['summary'], []))).toBeNull();
  });
});
