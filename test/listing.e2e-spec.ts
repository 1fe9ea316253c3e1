import { createActionItem, createIncident, createOwner, createService } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

interface Page {
  actionItems: { totalCount: number; nodes: { title: string }[]; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null } };
}

const LIST = `query($filter: ActionItemFilter, $orderBy: ActionItemOrder, $first: Int, $after: String) {
  actionItems(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount nodes { title } pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}`;

describe('listing and filtering action items', () => {
  let t: TestApp;
  let ids: Record<string, string>;

  beforeAll(async () => {
    // 2024-07-01 00:30 in Berlin is still 2024-06-30 in UTC: "today" must follow DUE_DATE_TIME_ZONE.
    t = await startTestApp({ now: new Date('2024-06-30T22:30:00Z'), env: { DUE_DATE_TIME_ZONE: 'Europe/Berlin' } });
    const payments = await createOwner(t, { name: 'payments' });
    const cart = await createOwner(t, { name: 'cart' });
    const gateway = await createService(t, { name: 'gateway' });
    const first = await createIncident(t, { title: 'Gateway leak', startedAt: '2024-05-01T10:00:00Z' });
    const second = await createIncident(t, { title: 'Cart leak', startedAt: '2024-06-01T10:00:00Z' });
    let minute = 0;
    const make = (title: string, extra: Record<string, unknown>, incidentId = first.id) => {
      // Each item is created a minute after the previous one (still the same day in Berlin).
      t.clock.set(new Date(Date.parse('2024-06-30T22:30:00Z') + ++minute * 60_000));
      return createActionItem(t, { incidentId, title, ...extra });
    };
    const items = {
      overdue: await make('Add heap alerts', { dueOn: '2024-06-15', ownerId: payments.id, serviceId: gateway.id, kind: 'DETECTIVE' }),
      dueYesterday: await make('Load test checkout', { dueOn: '2024-06-30', ownerId: payments.id }),
      dueToday: await make('Review 50% of the code', { dueOn: '2024-07-01', ownerId: cart.id }),
      doneLate: await make('Fix the leak', { dueOn: '2024-06-01', kind: 'CORRECTIVE' }),
      undated: await make('Write a runbook', { kind: 'PROCESS' }, second.id),
    };
    t.clock.set(new Date('2024-06-30T22:40:00Z'));
    await t.gqlData('mutation($id: ID!) { transitionActionItem(id: $id, to: DONE) { status } }', { id: items.doneLate.id });
    ids = { payments: payments.id, cart: cart.id, gateway: gateway.id, first: first.id, second: second.id };
  });
  afterAll(() => t.close());

  const titles = async (variables: Record<string, unknown>) => {
    const data = await t.gqlData<Page>(LIST, variables);
    return { total: data.actionItems.totalCount, titles: data.actionItems.nodes.map((n) => n.title) };
  };

  it('lists by due date by default, undated last', async () => {
    expect(await titles({})).toEqual({ total: 5, titles: ['Fix the leak', 'Add heap alerts', 'Load test checkout', 'Review 50% of the code', 'Write a runbook'] });
  });

  it('finds overdue items by the calendar of the configured zone, and everything else with overdue: false', async () => {
    expect(await titles({ filter: { overdue: true } })).toEqual({ total: 2, titles: ['Add heap alerts', 'Load test checkout'] });
    expect(await titles({ filter: { overdue: false } })).toEqual({ total: 3, titles: ['Fix the leak', 'Review 50% of the code', 'Write a runbook'] });
  });

  it('filters by status, kind, owner, service, incident, due date and text', async () => {
    expect(await titles({ filter: { status: ['DONE'] } })).toEqual({ total: 1, titles: ['Fix the leak'] });
    expect(await titles({ filter: { kind: ['DETECTIVE', 'PROCESS'] } })).toEqual({ total: 2, titles: ['Add heap alerts', 'Write a runbook'] });
    expect(await titles({ filter: { ownerId: ids.payments } })).toEqual({ total: 2, titles: ['Add heap alerts', 'Load test checkout'] });
    expect(await titles({ filter: { serviceId: ids.gateway } })).toEqual({ total: 1, titles: ['Add heap alerts'] });
    expect(await titles({ filter: { incidentId: ids.second } })).toEqual({ total: 1, titles: ['Write a runbook'] });
    expect(await titles({ filter: { dueBefore: '2024-06-30' } })).toEqual({ total: 2, titles: ['Fix the leak', 'Add heap alerts'] });
    expect(await titles({ filter: { search: 'LOAD' } })).toEqual({ total: 1, titles: ['Load test checkout'] });
    // % and _ are literal characters in a search, not wildcards.
    expect(await titles({ filter: { search: '50%' } })).toEqual({ total: 1, titles: ['Review 50% of the code'] });
    expect(await titles({ filter: { search: '_' } })).toEqual({ total: 0, titles: [] });
  });

  it('orders by other fields in either direction', async () => {
    expect(await titles({ orderBy: { field: 'DUE_ON', direction: 'DESC' } })).toEqual({
      total: 5,
      titles: ['Review 50% of the code', 'Load test checkout', 'Add heap alerts', 'Fix the leak', 'Write a runbook'],
    });
    expect((await titles({ orderBy: { field: 'CREATED_AT' } })).titles).toEqual(['Add heap alerts', 'Load test checkout', 'Review 50% of the code', 'Fix the leak', 'Write a runbook']);
    expect((await titles({ orderBy: { field: 'UPDATED_AT', direction: 'DESC' } })).titles[0]).toBe('Fix the leak');
  });

  it('pages through every item exactly once with cursors, across ties and undated items', async () => {
    for (const orderBy of [{ field: 'DUE_ON', direction: 'ASC' }, { field: 'DUE_ON', direction: 'DESC' }, { field: 'PRIORITY', direction: 'ASC' }]) {
      const all = (await titles({ orderBy, first: 100 })).titles;
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const data: Page = await t.gqlData<Page>(LIST, { orderBy, first: 2, after });
        seen.push(...data.actionItems.nodes.map((n) => n.title));
        expect(data.actionItems.pageInfo.hasPreviousPage).toBe(after !== null);
        pages += 1;
        if (!data.actionItems.pageInfo.hasNextPage) break;
        after = data.actionItems.pageInfo.endCursor;
      }
      expect({ orderBy, pages, seen }).toEqual({ orderBy, pages: 3, seen: all });
    }
  });

  it('lists incidents newest first and filters them', async () => {
    const data = await t.gqlData<{ all: { nodes: { title: string }[] }; found: { totalCount: number; nodes: { title: string }[] } }>(
      `{ all: incidents { nodes { title } }
         found: incidents(filter: { search: "cart", startedAfter: "2024-05-15T00:00:00Z" }) { totalCount nodes { title } } }`,
    );
    expect(data).toEqual({ all: { nodes: [{ title: 'Cart leak' }, { title: 'Gateway leak' }] }, found: { totalCount: 1, nodes: [{ title: 'Cart leak' }] } });
  });

  it('lists owners and services as connections, by name', async () => {
    const data = await t.gqlData<unknown>('{ owners(first: 1) { totalCount nodes { name } pageInfo { hasNextPage } } services { totalCount nodes { name aliases owningTeam { name } } } }');
    expect(data).toEqual({
      owners: { totalCount: 2, nodes: [{ name: 'cart' }], pageInfo: { hasNextPage: true } },
      services: { totalCount: 1, nodes: [{ name: 'gateway', aliases: [], owningTeam: null }] },
    });
  });
});
