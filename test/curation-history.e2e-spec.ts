import { createActionItem, createIncident, createOwner, createService, type CreatedItem } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

// Moving items between services (a merge, or an incident given another service) is a change to each item like
// any other: audited, versioned, and undone by the review when it rebuilds a week before the move.
const MONDAY_W23 = new Date('2024-06-03T09:00:00Z');
const WEDNESDAY_W24 = new Date('2024-06-12T10:00:00Z');
const ITEM = `id title status dueOn daysOverdue ownerName teamName incidentId incidentTitle jiraKey jiraUrl`;
const REVIEW = `query($week: String, $team: ID) {
  reliabilityReview(week: $week, team: $team) {
    week startsOn endsOn asOf timeZone team { id name }
    incidents { id title startedAt severity impact durationMinutes rootCause }
    created { ${ITEM} } completed { ${ITEM} } newlyOverdue { ${ITEM} } dueNextWeek { ${ITEM} }
    totals { open overdue aging { label minDays maxDays count } }
    completion { windowWeeks closed closedOnTime onTimeRate medianDaysToClose p90DaysToClose }
    trend { week startsOn opened completed openOverdue }
    recurringRootCauses { id label failureMode serviceName incidentCount lastSeenAt openItems { ${ITEM} } }
    brokenPromises { code reason item { ${ITEM} } evidence { actionItemId incidentId incidentTitle note on } }
    scorecards { teamId teamName open overdue createdThisWeek completedThisWeek onTimeRate brokenPromises }
    markdown
  }
}`;
const HISTORY = `query($id: ID!) { actionItem(id: $id) { version service { name } history { actor field from to reason } } }`;
const UPDATE = `mutation($input: UpdateActionItemInput!) { updateActionItem(input: $input) { id version } }`;

interface Review {
  scorecards: { teamName: string; open: number }[];
  [key: string]: unknown;
}
interface ItemHistory {
  version: number;
  service: { name: string } | null;
  history: { actor: string; field: string; from: string | null; to: string | null; reason: string | null }[];
}

describe('moving items between services keeps their history and versions', () => {
  let t: TestApp;
  let cartTeam: { id: string };
  let cart: { id: string };
  let payment: { id: string };
  let incident: { id: string };
  let cartItems: CreatedItem[];
  let paymentItem: CreatedItem;

  const review = async (week: string, team?: string) => (await t.gqlData<{ reliabilityReview: Review }>(REVIEW, { week, team })).reliabilityReview;
  const historyOf = async (id: string) => (await t.gqlData<{ actionItem: ItemHistory }>(HISTORY, { id })).actionItem;
  const created = (title: string) => ({ actor: 'tester', field: 'created', from: null, to: title, reason: null });

  // Week 2024-W23: a cart incident with three cart items (owned by a person or nobody, so the team that answers
  // for them is the service's) and one payment item; one cart item done, one overdue by the week's end.
  beforeEach(async () => {
    t = await startTestApp({ now: MONDAY_W23 });
    cartTeam = await createOwner(t, { name: 'cart-team' });
    const paymentsTeam = await createOwner(t, { name: 'payments-team' });
    const li = await createOwner(t, { kind: 'PERSON', name: 'li.wei' });
    cart = await createService(t, { name: 'shopping cart', owningTeamId: cartTeam.id });
    payment = await createService(t, { name: 'payment gateway', owningTeamId: paymentsTeam.id });
    incident = await createIncident(t, { title: 'Cart sessions leak memory', startedAt: '2024-06-03T07:00:00Z', severity: 'SEV2' });
    cartItems = [
      await createActionItem(t, { incidentId: incident.id, title: 'Load test the cart', serviceId: cart.id, ownerId: li.id, dueOn: '2024-06-05' }),
      await createActionItem(t, { incidentId: incident.id, title: 'Alert on cart heap growth', serviceId: cart.id, dueOn: '2024-06-14' }),
      await createActionItem(t, { incidentId: incident.id, title: 'Review cart session code', serviceId: cart.id, ownerId: li.id, dueOn: '2024-06-07' }),
    ];
    paymentItem = await createActionItem(t, { incidentId: (await createIncident(t, { title: 'Gateway timeouts' })).id, title: 'Retry gateway calls', serviceId: payment.id, dueOn: '2024-06-04' });
    t.clock.set(new Date('2024-06-06T15:00:00Z'));
    await t.gqlData(`mutation($id: ID!) { transitionActionItem(id: $id, to: DONE) { id } }`, { id: cartItems[2].id });
    cartItems[2] = { ...cartItems[2], version: 2 };
    t.clock.set(WEDNESDAY_W24);
  });
  afterEach(() => t.close());

  const curations = {
    'merging the cart service into the payment one': {
      curate: () => t.gqlData(`mutation($input: MergeServicesInput!) { mergeServices(input: $input) { id } }`, { input: { targetId: payment.id, sourceId: cart.id } }),
      reason: 'The service "shopping cart" was merged into "payment gateway".',
    },
    "setting the cart incident's service to the payment one": {
      curate: () =>
        t.gqlData(`mutation($input: SetIncidentServiceInput!) { setIncidentService(input: $input) { id } }`, { input: { incidentId: incident.id, serviceId: payment.id } }),
      reason: 'The incident was moved to the service "payment gateway".',
    },
  };

  describe.each(Object.entries(curations))('%s', (_, { curate, reason }) => {
    it("leaves last week's review as it was, whole, for everyone and for the old team", async () => {
      const before = { all: await review('2024-W23'), cart: await review('2024-W23', cartTeam.id) };
      expect(before.all.scorecards.map((card) => [card.teamName, card.open])).toEqual([
        ['cart-team', 2],
        ['payments-team', 1],
      ]);
      await curate();
      expect({ all: await review('2024-W23'), cart: await review('2024-W23', cartTeam.id) }).toEqual(before);
      // This week the items are the payments team's.
      expect((await review('2024-W24')).scorecards.map((card) => [card.teamName, card.open])).toEqual([['payments-team', 3]]);
    });

    it('records the move in each moved item’s history, by whom, with a new version; others are untouched', async () => {
      await curate();
      for (const item of cartItems) {
        const history = await historyOf(item.id);
        expect({ version: history.version, service: history.service, last: history.history.at(-1) }).toEqual({
          version: item.version + 1,
          service: { name: 'payment gateway' },
          last: { actor: 'tester', field: 'serviceId', from: cart.id, to: payment.id, reason },
        });
      }
      expect(await historyOf(paymentItem.id)).toEqual({ version: 1, service: { name: 'payment gateway' }, history: [created('Retry gateway calls')] });
    });

    it('refuses an update made with the version read before the move, with CONFLICT', async () => {
      await curate();
      const [stale] = cartItems;
      const response = await t.gql(UPDATE, { input: { id: stale.id, version: stale.version, title: 'Load test the cart at 3x peak' } });
      expect(response.errors?.map((error) => error.extensions)).toEqual([{ code: 'CONFLICT', currentVersion: stale.version + 1 }]);
      expect((await t.gqlData<{ updateActionItem: { version: number } }>(UPDATE, { input: { id: stale.id, version: stale.version + 1, title: 'Load test the cart at 3x peak' } })).updateActionItem.version).toBe(stale.version + 2);
    });
  });

  it('moves thousands of items in as many statements as it moves a few', async () => {
    const statementsToMerge = async (items: number) => {
      const team = await createOwner(t);
      const [source, target] = [await createService(t, { owningTeamId: team.id }), await createService(t)];
      await t.dataSource.query(
        `INSERT INTO action_item (incident_id, title, kind, service_id, created_at, updated_at)
         SELECT $1, 'Item ' || n, 'PREVENTIVE', $2, $3, $3 FROM generate_series(1, $4) AS n`,
        [incident.id, source.id, WEDNESDAY_W24, items],
      );
      let statements = 0;
      const stop = t.database.queries.onQuery(() => statements++);
      try {
        await t.gqlData(`mutation($input: MergeServicesInput!) { mergeServices(input: $input) { id } }`, { input: { targetId: target.id, sourceId: source.id } });
      } finally {
        stop();
      }
      const [moved] = await t.dataSource.query<{ items: number; events: number; pushes: number }[]>(
        `SELECT count(*)::int AS items, count(e.id)::int AS events, count(s.action_item_id)::int AS pushes
           FROM action_item a LEFT JOIN action_item_event e ON e.action_item_id = a.id AND e.field = 'serviceId'
           LEFT JOIN jira_sync s ON s.action_item_id = a.id AND s.state = 'PENDING'
          WHERE a.service_id = $1 AND a.version = 2`,
        [target.id],
      );
      return { statements, moved };
    };
    const few = await statementsToMerge(3);
    const many = await statementsToMerge(5000);
    expect(many).toEqual({ statements: few.statements, moved: { items: 5000, events: 5000, pushes: 5000 } });
    expect(few.moved).toEqual({ items: 3, events: 3, pushes: 3 });
  });
});
