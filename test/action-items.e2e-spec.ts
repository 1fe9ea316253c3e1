import { Role } from '../src/auth/role';
import { createActionItem, createIncident, createOwner, createService } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

const ITEM_FIELDS = 'id title status priority kind dueOn isOverdue version completedAt evidenceUrl wontDoReason owner { name } service { name } incident { title }';

describe('action items over GraphQL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: new Date('2024-07-01T12:00:00Z') });
  });
  afterAll(() => t.close());

  it('creates an owned, due-dated item under an incident and reads it back', async () => {
    const owner = await createOwner(t, { name: 'payments-team', email: 'payments@example.com' });
    const service = await createService(t, { name: 'payment-gateway', aliases: ['payment gateway API'], owningTeamId: owner.id });
    const incident = await createIncident(t, { title: 'Checkout outage', startedAt: '2024-06-10T14:00:00Z', endedAt: '2024-06-10T15:30:00Z', severity: 'SEV2' });
    const created = await t.gqlData<{ createActionItem: Record<string, unknown> }>(
      `mutation($input: CreateActionItemInput!) { createActionItem(input: $input) { ${ITEM_FIELDS} } }`,
      { input: { incidentId: incident.id, title: ' Alert on gateway heap growth ', kind: 'DETECTIVE', ownerId: owner.id, serviceId: service.id, dueOn: '2024-06-30' } },
    );
    expect(created.createActionItem).toEqual({
      id: expect.any(String),
      title: 'Alert on gateway heap growth',
      status: 'OPEN',
      priority: 'P3',
      kind: 'DETECTIVE',
      dueOn: '2024-06-30',
      isOverdue: true,
      version: 1,
      completedAt: null,
      evidenceUrl: null,
      wontDoReason: null,
      owner: { name: 'payments-team' },
      service: { name: 'payment-gateway' },
      incident: { title: 'Checkout outage' },
    });
    const incidentView = await t.gqlData<{ incident: unknown }>(
      'query($id: ID!) { incident(id: $id) { title durationMinutes severity actionItems { title } postmortems { id } } }',
      { id: incident.id },
    );
    expect(incidentView.incident).toEqual({ title: 'Checkout outage', durationMinutes: 90, severity: 'SEV2', actionItems: [{ title: 'Alert on gateway heap growth' }], postmortems: [] });
  });

  it('moves an item through its lifecycle and audits every change with who and why', async () => {
    const incident = await createIncident(t);
    const item = await createActionItem(t, { incidentId: incident.id, dueOn: '2024-07-15' });
    const move = (to: string, extra: Record<string, unknown> = {}) =>
      t.gql<{ transitionActionItem: Record<string, unknown> }>(
        'mutation($id: ID!, $to: ActionItemStatus!, $reason: String, $evidenceUrl: String) { transitionActionItem(id: $id, to: $to, reason: $reason, evidenceUrl: $evidenceUrl) { status completedAt evidenceUrl wontDoReason version } }',
        { id: item.id, to, ...extra },
      );
    expect((await move('IN_PROGRESS')).data?.transitionActionItem).toEqual({ status: 'IN_PROGRESS', completedAt: null, evidenceUrl: null, wontDoReason: null, version: 2 });
    t.clock.set(new Date('2024-07-03T08:00:00Z'));
    expect((await move('DONE', { evidenceUrl: 'https://git.example.com/pay/pull/42' })).data?.transitionActionItem).toEqual({
      status: 'DONE',
      completedAt: '2024-07-03T08:00:00.000Z',
      evidenceUrl: 'https://git.example.com/pay/pull/42',
      wontDoReason: null,
      version: 3,
    });
    const refused = await move('BLOCKED');
    expect(refused.errors?.map((e) => [e.extensions.code, e.message])).toEqual([['CONFLICT', 'An item that is DONE cannot move to BLOCKED; it can move to: OPEN.']]);
    expect((await move('OPEN')).data?.transitionActionItem).toEqual({ status: 'OPEN', completedAt: null, evidenceUrl: null, wontDoReason: null, version: 4 });
    const noReason = await move('WONT_DO');
    expect(noReason.errors?.map((e) => [e.extensions.code, e.extensions.field])).toEqual([['BAD_USER_INPUT', 'reason']]);
    expect((await move('WONT_DO', { reason: 'replaced by the new gateway' })).data?.transitionActionItem).toMatchObject({ status: 'WONT_DO', wontDoReason: 'replaced by the new gateway' });

    const history = await t.gqlData<{ actionItem: { history: unknown[] } }>(
      'query($id: ID!) { actionItem(id: $id) { history { actor field from to reason } } }',
      { id: item.id },
    );
    expect(history.actionItem.history).toEqual([
      { actor: 'tester', field: 'created', from: null, to: item.title, reason: null },
      { actor: 'tester', field: 'status', from: 'OPEN', to: 'IN_PROGRESS', reason: null },
      { actor: 'tester', field: 'status', from: 'IN_PROGRESS', to: 'DONE', reason: null },
      { actor: 'tester', field: 'completedAt', from: null, to: '2024-07-03T08:00:00.000Z', reason: null },
      { actor: 'tester', field: 'evidenceUrl', from: null, to: 'https://git.example.com/pay/pull/42', reason: null },
      { actor: 'tester', field: 'status', from: 'DONE', to: 'OPEN', reason: null },
      { actor: 'tester', field: 'completedAt', from: '2024-07-03T08:00:00.000Z', to: null, reason: null },
      { actor: 'tester', field: 'evidenceUrl', from: 'https://git.example.com/pay/pull/42', to: null, reason: null },
      { actor: 'tester', field: 'status', from: 'OPEN', to: 'WONT_DO', reason: 'replaced by the new gateway' },
      { actor: 'tester', field: 'wontDoReason', from: null, to: 'replaced by the new gateway', reason: 'replaced by the new gateway' },
    ]);
    t.clock.set(new Date('2024-07-01T12:00:00Z'));
  });

  it('updates only the given fields, clears fields set to null, and records each change', async () => {
    const incident = await createIncident(t);
    const owner = await createOwner(t);
    const item = await createActionItem(t, { incidentId: incident.id, ownerId: owner.id, dueOn: '2024-08-01', description: 'old' });
    const updated = await t.gqlData<{ updateActionItem: unknown }>(
      'mutation($input: UpdateActionItemInput!) { updateActionItem(input: $input) { title description priority dueOn owner { id } version } }',
      { input: { id: item.id, version: 1, priority: 'P1', ownerId: null, description: null } },
    );
    expect(updated.updateActionItem).toEqual({ title: item.title, description: null, priority: 'P1', dueOn: '2024-08-01', owner: null, version: 2 });
    const unchanged = await t.gqlData<{ updateActionItem: { version: number } }>(
      'mutation($input: UpdateActionItemInput!) { updateActionItem(input: $input) { version } }',
      { input: { id: item.id, version: 2, priority: 'P1' } },
    );
    expect(unchanged.updateActionItem.version).toBe(2);
    const history = await t.gqlData<{ actionItem: { history: unknown[] } }>('query($id: ID!) { actionItem(id: $id) { history { field from to } } }', { id: item.id });
    expect(history.actionItem.history).toEqual([
      { field: 'created', from: null, to: item.title },
      { field: 'description', from: 'old', to: null },
      { field: 'priority', from: 'P3', to: 'P1' },
      { field: 'ownerId', from: owner.id, to: null },
    ]);
  });

  it('refuses an update made against a stale version with CONFLICT, and loses neither write', async () => {
    const incident = await createIncident(t);
    const item = await createActionItem(t, { incidentId: incident.id });
    const update = (title: string) =>
      t.gql<{ updateActionItem: { title: string; version: number } }>(
        'mutation($input: UpdateActionItemInput!) { updateActionItem(input: $input) { title version } }',
        { input: { id: item.id, version: 1, title } },
      );
    // Two editors who both read version 1 save at the same time: exactly one wins.
    const results = await Promise.all([update('Editor A'), update('Editor B')]);
    const winners = results.filter((r) => r.data?.updateActionItem);
    const losers = results.filter((r) => r.errors);
    expect([winners.length, losers.length]).toEqual([1, 1]);
    expect(losers[0].errors?.[0].extensions).toEqual({ code: 'CONFLICT', currentVersion: 2 });
    const current = await t.gqlData<{ actionItem: { title: string; version: number } }>('query($id: ID!) { actionItem(id: $id) { title version } }', { id: item.id });
    expect(current.actionItem).toEqual(winners[0].data?.updateActionItem);
  });

  it('reports references to missing records as NOT_FOUND', async () => {
    const incident = await createIncident(t);
    const missing = '00000000-0000-4000-8000-000000000000';
    const response = await t.gql('mutation($input: CreateActionItemInput!) { createActionItem(input: $input) { id } }', {
      input: { incidentId: incident.id, title: 'x', kind: 'PROCESS', ownerId: missing },
    });
    expect(response.errors?.map((e) => [e.extensions.code, e.message])).toEqual([['NOT_FOUND', `Owner ${missing} does not exist.`]]);
  });
  it('serves each item at /items/:id, the address Jira issues link back to', async () => {
    const incident = await createIncident(t);
    const item = await createActionItem(t, { incidentId: incident.id, title: 'Alert on heap growth', dueOn: '2024-08-01' });
    const found = await t.app.inject({ method: 'GET', url: `/items/${item.id}`, headers: { authorization: t.bearer(Role.VIEWER) } });
    expect({ status: found.statusCode, body: found.json<Record<string, unknown>>() }).toEqual({
      status: 200,
      body: expect.objectContaining({ id: item.id, title: 'Alert on heap growth', status: 'OPEN', dueOn: '2024-08-01', incidentId: incident.id, version: 1 }),
    });
    expect(Object.keys(found.json<object>())).not.toContain('matchTerms');
    const missing = await t.app.inject({ method: 'GET', url: '/items/00000000-0000-4000-8000-000000000000', headers: { authorization: t.bearer(Role.VIEWER) } });
    expect({ status: missing.statusCode, error: missing.json<{ error: string }>().error }).toEqual({ status: 404, error: 'Action item 00000000-0000-4000-8000-000000000000 does not exist.' });
    expect((await t.app.inject({ method: 'GET', url: '/items/not-an-id', headers: { authorization: t.bearer(Role.VIEWER) } })).statusCode).toBe(400);
  });
});
