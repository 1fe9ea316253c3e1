import { ActionItemStatus } from '../action-items/action-item-enums';
import { loadEnv } from '../config/env';
import { decidePull, type PullDecision, type PullInput } from './jira-pull-decision';
import { readJiraSettings, type JiraSettings, type PullField } from './jira-settings';
import type { JiraUser, RemoteIssue } from './remote-issue';

const SETTINGS = (() => {
  const settings = readJiraSettings(
    loadEnv({
      JIRA_BASE_URL: 'https://acme.atlassian.net/',
      JIRA_EMAIL: 'sync@acme.test',
      JIRA_API_TOKEN: 't',
      JIRA_PROJECT_KEY: 'PM',
      JIRA_STATUS_MAP: "category:new=OPEN, category:indeterminate=IN_PROGRESS, category:done=DONE, Won't Do=WONT_DO, Blocked=BLOCKED",
    }),
  );
  if (!settings) throw new Error('Jira settings expected');
  return settings;
})();

function pulling(fields: readonly PullField[]): JiraSettings {
  return { ...SETTINGS, pullFields: new Set(fields) };
}

const TO_DO = { statusName: 'To Do', statusCategory: 'new' };
const IN_PROGRESS = { statusName: 'In Progress', statusCategory: 'indeterminate' };
const DONE = { statusName: 'Done', statusCategory: 'done' };
const ADA: JiraUser = { accountId: 'acc-ada', displayName: 'Ada Lovelace', emailAddress: 'ada@acme.test' };

/** The issue as last seen: open, due 1 December, unassigned, agreeing with an OPEN item. */
const BASE: RemoteIssue = {
  id: '10042',
  key: 'PM-7',
  summary: 'Create the heap growth alert',
  ...TO_DO,
  dueOn: '2026-12-01',
  assigneeAccountId: null,
  priorityName: 'High',
  labels: ['followthrough', 'followthrough-abc'],
  descriptionHash: 'hash-we-wrote',
  syncedItemStatus: ActionItemStatus.OPEN,
  updated: '2026-11-21T08:00:00.000+0000',
};

const LATER = '2026-11-21T08:05:00.000+0000';

function input(incoming: Partial<RemoteIssue>, overrides: Partial<PullInput> = {}): PullInput {
  return {
    item: { status: ActionItemStatus.OPEN, dueOn: '2026-12-01' },
    base: BASE,
    incoming: { ...BASE, descriptionHash: null, syncedItemStatus: null, updated: LATER, ...incoming },
    incomingAssignee: null,
    changedBy: 'Ada Lovelace',
    ...overrides,
  };
}

const NOTHING = { stale: false, status: null, dueOn: undefined, assignee: undefined, warning: null };

describe('decidePull: staleness', () => {
  it.each([
    ['2026-11-21T07:59:59.999+0000', 'earlier', true],
    ['2026-11-21T08:00:00.000+0000', 'equal', true],
    ['2026-11-21T05:00:00.000-0300', 'the same instant at -0300', true],
    ['2026-11-21T13:30:00.000+0530', 'the same instant at +0530', true],
    ['2026-11-21T08:00:00.001+0000', '1 ms later', false],
    ['2026-11-21T05:00:00.001-0300', 'later, though its wall clock reads earlier', false],
    ['2026-11-21T13:29:59.999+0530', 'earlier, though its wall clock reads later', true],
  ])('updated %s against a base of 08:00:00.000+0000 (%s) → stale: %s', (updated, _label, stale) => {
    expect(decidePull(input({ ...DONE, updated }), SETTINGS).stale).toBe(stale);
  });

  it('changes nothing when stale and keeps the base', () => {
    expect(decidePull(input({ ...DONE, dueOn: null, updated: BASE.updated }, { incomingAssignee: ADA }), SETTINGS)).toEqual({ ...NOTHING, stale: true, remote: BASE });
  });

  it('is never stale without a base timestamp or a base', () => {
    expect(decidePull(input({ updated: '2020-01-01T00:00:00.000+0000' }, { base: { ...BASE, updated: '' } }), SETTINGS).stale).toBe(false);
    expect(decidePull(input({ updated: '2020-01-01T00:00:00.000+0000' }, { base: null }), SETTINGS).stale).toBe(false);
  });
});

describe('decidePull: status', () => {
  it('closes the item when the issue is Done in Jira, with the issue as evidence', () => {
    expect(decidePull(input(DONE), SETTINGS)).toEqual({
      ...NOTHING,
      status: { to: ActionItemStatus.DONE, reason: 'PM-7 moved to "Done" in Jira by Ada Lovelace.', evidenceUrl: 'https://acme.atlassian.net/browse/PM-7' },
      remote: { ...BASE, ...DONE, updated: LATER, descriptionHash: 'hash-we-wrote', syncedItemStatus: ActionItemStatus.DONE },
    });
  });

  it('reopens a done item without evidence, and says nothing of who when unknown', () => {
    const decision = decidePull(
      input(TO_DO, { base: { ...BASE, ...DONE, syncedItemStatus: ActionItemStatus.DONE }, item: { status: ActionItemStatus.DONE, dueOn: '2026-12-01' }, changedBy: null }),
      SETTINGS,
    );
    expect(decision.status).toEqual({ to: ActionItemStatus.OPEN, reason: 'PM-7 moved to "To Do" in Jira.', evidenceUrl: null });
    expect(decision.remote.syncedItemStatus).toBe(ActionItemStatus.OPEN);
  });

  it('takes a status named in the map over its category, without evidence for WONT_DO', () => {
    expect(decidePull(input({ statusName: "Won't Do", statusCategory: 'done' }), SETTINGS).status).toEqual({
      to: ActionItemStatus.WONT_DO,
      reason: 'PM-7 moved to "Won\'t Do" in Jira by Ada Lovelace.',
      evidenceUrl: null,
    });
  });

  it('warns about a status the map does not cover, changes nothing and keeps the synced status', () => {
    const settings = { ...SETTINGS, statusRules: SETTINGS.statusRules.filter((rule) => rule.category !== 'indeterminate') };
    const decision = decidePull(input({ statusName: 'In Review', statusCategory: 'indeterminate' }), settings);
    expect(decision).toEqual({
      ...NOTHING,
      warning: 'Jira status "In Review" (category indeterminate) of PM-7 is not in JIRA_STATUS_MAP; the item\'s status was left as it was.',
      remote: { ...BASE, statusName: 'In Review', statusCategory: 'indeterminate', updated: LATER, syncedItemStatus: ActionItemStatus.OPEN },
    });
  });

  it('names an unknown category as unknown in the warning', () => {
    expect(decidePull(input({ statusName: 'Limbo', statusCategory: '' }), SETTINGS).warning).toBe(
      'Jira status "Limbo" (category unknown) of PM-7 is not in JIRA_STATUS_MAP; the item\'s status was left as it was.',
    );
  });

  it('does not undo a status change of ours that is still to be pushed (Jira kept its status)', () => {
    const item = { status: ActionItemStatus.DONE, dueOn: '2026-12-01' };
    const decision = decidePull(input({ summary: 'Edited in Jira' }, { item }), SETTINGS);
    expect(decision.status).toBeNull();
    expect(decision.remote.syncedItemStatus).toBe(ActionItemStatus.OPEN);
  });

  it('takes a status Jira changed even when the item changed too (Jira is newer)', () => {
    const item = { status: ActionItemStatus.DONE, dueOn: '2026-12-01' };
    expect(decidePull(input(IN_PROGRESS, { item }), SETTINGS).status?.to).toBe(ActionItemStatus.IN_PROGRESS);
  });

  it('sees a move between two statuses of one category as a change', () => {
    const base = { ...BASE, statusName: 'In Progress', statusCategory: 'indeterminate', syncedItemStatus: ActionItemStatus.IN_PROGRESS };
    const item = { status: ActionItemStatus.IN_PROGRESS, dueOn: '2026-12-01' };
    expect(decidePull(input({ statusName: 'Blocked', statusCategory: 'indeterminate' }, { base, item }), SETTINGS).status?.to).toBe(ActionItemStatus.BLOCKED);
  });

  it('changes nothing when Jira moved to a status the item already has', () => {
    const item = { status: ActionItemStatus.DONE, dueOn: '2026-12-01' };
    const decision = decidePull(input(DONE, { item }), SETTINGS);
    expect(decision.status).toBeNull();
    expect(decision.remote.syncedItemStatus).toBe(ActionItemStatus.DONE);
  });

  it('does not pull status unless JIRA_PULL_FIELDS has it', () => {
    const decision = decidePull(input(DONE), pulling(['dueOn', 'assignee']));
    expect(decision.status).toBeNull();
    expect(decision.remote.syncedItemStatus).toBe(ActionItemStatus.OPEN);
  });
});

describe('decidePull: syncedItemStatus', () => {
  const cases: [string, ActionItemStatus, Partial<RemoteIssue>, readonly PullField[], ActionItemStatus | null][] = [
    ['moves to the pulled status', ActionItemStatus.OPEN, DONE, ['status'], ActionItemStatus.DONE],
    ['moves to the item status when both already agree', ActionItemStatus.IN_PROGRESS, IN_PROGRESS, [], ActionItemStatus.IN_PROGRESS],
    ['stays when they disagree and nothing is pulled', ActionItemStatus.BLOCKED, DONE, [], ActionItemStatus.OPEN],
    ['stays when they disagree because ours changed', ActionItemStatus.DONE, TO_DO, ['status'], ActionItemStatus.OPEN],
  ];
  it.each(cases)('%s', (_label, status, incoming, fields, synced) => {
    expect(decidePull(input(incoming, { item: { status, dueOn: '2026-12-01' } }), pulling(fields)).remote.syncedItemStatus).toBe(synced);
  });

  it('is null when adopting an issue that disagrees and status does not flow back', () => {
    expect(decidePull(input(DONE, { base: null }), pulling([])).remote.syncedItemStatus).toBeNull();
  });
});

describe('decidePull: due date and assignee', () => {
  it('pulls a due date and an assignee Jira changed', () => {
    const decision = decidePull(input({ dueOn: '2026-12-15', assigneeAccountId: 'acc-ada' }, { incomingAssignee: ADA }), SETTINGS);
    expect(decision).toMatchObject({ dueOn: '2026-12-15', assignee: ADA, status: null });
  });

  it('pulls clearing them too', () => {
    const base = { ...BASE, assigneeAccountId: 'acc-ada' };
    expect(decidePull(input({ dueOn: null, assigneeAccountId: null }, { base }), SETTINGS)).toMatchObject({ dueOn: null, assignee: null });
  });

  it('does not pull a due date or assignee that changed only on our side (the pending push, or its echo)', () => {
    const base = { ...BASE, assigneeAccountId: 'acc-ada' };
    const decision = decidePull(input({ summary: 'Edited', assigneeAccountId: 'acc-ada' }, { base, item: { status: ActionItemStatus.OPEN, dueOn: '2027-01-10' }, incomingAssignee: ADA }), SETTINGS);
    expect(decision).toMatchObject({ dueOn: undefined, assignee: undefined });
    expect(decision.remote.dueOn).toBe('2026-12-01');
  });

  it('does not report a due date Jira changed to what the item already has', () => {
    const item = { status: ActionItemStatus.OPEN, dueOn: '2026-12-15' };
    expect(decidePull(input({ dueOn: '2026-12-15' }, { item }), SETTINGS).dueOn).toBeUndefined();
  });

  it('pulls them only when JIRA_PULL_FIELDS has them', () => {
    const incoming = { dueOn: '2026-12-15', assigneeAccountId: 'acc-ada' };
    expect(decidePull(input(incoming, { incomingAssignee: ADA }), pulling(['status', 'assignee']))).toMatchObject({ dueOn: undefined, assignee: ADA });
    expect(decidePull(input(incoming, { incomingAssignee: ADA }), pulling(['status', 'dueOn']))).toMatchObject({ dueOn: '2026-12-15', assignee: undefined });
  });
});

describe('decidePull: adopting an issue (no base)', () => {
  it("takes Jira's status, due date and assignee", () => {
    const decision = decidePull(input({ ...IN_PROGRESS, dueOn: '2026-12-15', assigneeAccountId: 'acc-ada' }, { base: null, incomingAssignee: ADA, changedBy: null }), SETTINGS);
    expect(decision).toEqual<PullDecision>({
      ...NOTHING,
      status: { to: ActionItemStatus.IN_PROGRESS, reason: 'PM-7 moved to "In Progress" in Jira.', evidenceUrl: null },
      dueOn: '2026-12-15',
      assignee: ADA,
      remote: { ...BASE, ...IN_PROGRESS, dueOn: '2026-12-15', assigneeAccountId: 'acc-ada', updated: LATER, descriptionHash: null, syncedItemStatus: ActionItemStatus.IN_PROGRESS },
    });
  });

  it("ignores Jira's blanks: no due date, nobody assigned", () => {
    const decision = decidePull(input({ dueOn: null, assigneeAccountId: null }, { base: null }), SETTINGS);
    expect(decision).toMatchObject({ dueOn: undefined, assignee: undefined, status: null });
    expect(decision.remote.syncedItemStatus).toBe(ActionItemStatus.OPEN);
  });
});
