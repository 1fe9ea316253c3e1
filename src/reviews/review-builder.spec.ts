import type { Review, ReviewItem } from './review';
import { buildReview, causeLabel, TREND_WEEKS } from './review-builder';
import type { HistoryEvent, ReviewInput, SourceIncident, SourceItem, SourceRootCause } from './review-input';

// Everything happens in Berlin, on summer time (+02:00): 2024-W25 runs from 2024-06-16T22:00Z to 2024-06-23T21:59:59.999Z.
const ZONE = 'Europe/Berlin';
const NOW = '2024-07-03T10:00:00.000Z'; // Wednesday of 2024-W27
const W25_START = '2024-06-16T22:00:00.000Z';
const W25_END = '2024-06-23T21:59:59.999Z';

const at = (iso: string) => new Date(iso);
const msBefore = (iso: string) => new Date(Date.parse(iso) - 1);
const event = (iso: string, field: string, from: string | null, to: string | null): HistoryEvent => ({ field, from, to, at: at(iso) });
const iso = (instant: string) => new Date(instant).toISOString();

function item(fields: Partial<SourceItem> & Pick<SourceItem, 'id' | 'title' | 'incidentId' | 'status' | 'createdAt'>): SourceItem {
  return { description: null, serviceId: null, measureId: null, dueOn: null, ownerId: null, completedAt: null, removedFromSourceAt: null, jiraKey: null, jiraUrl: null, events: [], ...fields };
}

function incident(fields: Partial<SourceIncident> & Pick<SourceIncident, 'id' | 'title' | 'createdAt'>): SourceIncident {
  return { startedAt: null, severity: null, impact: null, durationMinutes: null, serviceId: null, rootCauseSummary: null, ...fields };
}

/**
 * Two teams (Payments owns checkout, Platform the database), two people, a legacy service nobody owns; three
 * incidents, the first two with the same root cause; ten items, each row as it is today with the history behind it.
 */
function sources(): ReviewInput {
  const incidents: SourceIncident[] = [
    incident({
      id: 'inc-a',
      title: 'Checkout outage',
      startedAt: at('2024-05-20T10:00:00Z'),
      createdAt: at('2024-05-21T09:00:00Z'),
      severity: 'SEV1',
      impact: 'Checkout failed for 40% of users',
      durationMinutes: 95,
      serviceId: 'svc-checkout',
      rootCauseSummary: 'The connection pool ran dry',
    }),
    incident({
      id: 'inc-b',
      title: 'Checkout outage again',
      startedAt: at('2024-06-18T14:00:00Z'),
      createdAt: at('2024-06-19T08:00:00Z'),
      severity: 'SEV2',
      impact: 'Slow checkout, errors for 10%',
      durationMinutes: 40,
      serviceId: 'svc-checkout',
    }),
    incident({
      id: 'inc-c',
      title: 'Slow database failover',
      startedAt: at('2024-06-20T03:00:00Z'),
      createdAt: at('2024-06-20T12:00:00Z'),
      severity: 'SEV3',
      serviceId: 'svc-db',
      rootCauseSummary: 'Failover took 9 minutes because the replica lagged',
    }),
  ];
  const items: SourceItem[] = [
    item({
      id: 'i1',
      title: 'Add circuit breaker to checkout',
      incidentId: 'inc-a',
      serviceId: 'svc-checkout',
      measureId: 'm-breaker',
      status: 'OPEN',
      dueOn: '2024-06-07',
      ownerId: 'team-payments',
      createdAt: at('2024-05-22T10:00:00Z'),
      jiraKey: 'PAY-101',
      jiraUrl: 'https://acme.atlassian.net/browse/PAY-101',
    }),
    item({
      id: 'i2',
      title: 'Add circuit breaker to checkout',
      incidentId: 'inc-b',
      serviceId: 'svc-checkout',
      measureId: 'm-breaker',
      status: 'OPEN',
      dueOn: '2024-07-03',
      ownerId: 'alice',
      createdAt: at('2024-06-19T09:00:00Z'),
    }),
    item({
      id: 'i3',
      title: 'Load test checkout at twice the peak',
      incidentId: 'inc-a',
      serviceId: 'svc-checkout',
      status: 'DONE',
      dueOn: '2024-06-14',
      ownerId: 'bob',
      createdAt: at('2024-05-22T10:05:00Z'),
      completedAt: at('2024-06-05T12:00:00Z'),
      events: [
        event('2024-05-30T08:00:00Z', 'status', 'OPEN', 'IN_PROGRESS'),
        event('2024-06-05T12:00:00Z', 'status', 'IN_PROGRESS', 'DONE'),
        event('2024-06-05T12:00:00Z', 'completedAt', null, iso('2024-06-05T12:00:00Z')),
      ],
    }),
    item({ id: 'i4', title: 'Document the DB failover runbook', incidentId: 'inc-c', serviceId: 'svc-db', status: 'OPEN', dueOn: '2024-06-21', createdAt: at('2024-06-20T13:00:00Z') }),
    item({
      id: 'i5',
      title: 'Alert on checkout retry storms',
      incidentId: 'inc-a',
      serviceId: 'svc-legacy',
      status: 'BLOCKED',
      dueOn: '2024-06-16',
      ownerId: 'bob',
      createdAt: at('2024-05-23T08:00:00Z'),
      events: [event('2024-06-03T09:00:00Z', 'dueOn', '2024-06-01', '2024-06-16'), event('2024-06-10T09:00:00Z', 'status', 'OPEN', 'BLOCKED')],
    }),
    item({ id: 'i6', title: 'Remove the legacy retry loop', incidentId: 'inc-a', serviceId: 'svc-legacy', status: 'OPEN', dueOn: '2024-06-15', createdAt: at('2024-05-23T08:05:00Z') }),
    item({
      id: 'i7',
      title: 'Tune the connection pool of the primary',
      incidentId: 'inc-c',
      serviceId: 'svc-db',
      status: 'OPEN',
      dueOn: '2024-06-23',
      ownerId: 'team-platform',
      createdAt: at('2024-06-20T13:05:00Z'),
    }),
    item({
      id: 'i8',
      title: 'Add an alert on the checkout error budget',
      incidentId: 'inc-b',
      serviceId: 'svc-checkout',
      status: 'DONE',
      dueOn: '2024-06-21',
      ownerId: 'team-payments',
      createdAt: at('2024-06-19T09:05:00Z'),
      // 23:30 UTC on its due date is already 01:30 the next day in Berlin: late.
      completedAt: at('2024-06-21T23:30:00Z'),
      jiraKey: 'PAY-102',
      jiraUrl: 'https://acme.atlassian.net/browse/PAY-102',
      events: [event('2024-06-21T23:30:00Z', 'status', 'OPEN', 'DONE'), event('2024-06-21T23:30:00Z', 'completedAt', null, iso('2024-06-21T23:30:00Z'))],
    }),
    item({ id: 'i9', title: 'Deploy checkout through canaries', incidentId: 'inc-b', serviceId: 'svc-checkout', status: 'OPEN', dueOn: '2024-06-24', ownerId: 'alice', createdAt: at('2024-06-19T09:10:00Z') }),
    // No service of its own: the team comes from its incident's service.
    item({
      id: 'i10',
      title: 'Rewrite checkout in Rust',
      incidentId: 'inc-a',
      status: 'WONT_DO',
      dueOn: '2024-06-10',
      createdAt: at('2024-05-22T10:10:00Z'),
      events: [event('2024-06-18T09:00:00Z', 'status', 'OPEN', 'WONT_DO')],
    }),
  ];
  const rootCauses: SourceRootCause[] = [{ id: 'rc-1', failureMode: 'connection-pool-exhaustion', serviceName: 'checkout', incidentIds: ['inc-a', 'inc-b'] }];
  return {
    week: '2024-W25',
    now: at(NOW),
    timeZone: ZONE,
    staleAfterDays: 14,
    dueSoonDays: 7,
    team: null,
    items,
    incidents,
    rootCauses,
    owners: new Map([
      ['team-payments', { name: 'Payments', isTeam: true }],
      ['team-platform', { name: 'Platform', isTeam: true }],
      ['alice', { name: 'Alice Moreau', isTeam: false }],
      ['bob', { name: 'Bob Lindqvist', isTeam: false }],
    ]),
    serviceTeams: new Map<string, string | null>([
      ['svc-checkout', 'team-payments'],
      ['svc-db', 'team-platform'],
      ['svc-legacy', null],
    ]),
  };
}

const PAYMENTS = { id: 'team-payments', name: 'Payments' };
const PLATFORM = { id: 'team-platform', name: 'Platform' };

/** The items as they stood at the end of 2024-W25 (Sunday 2024-06-23 in Berlin). */
const W25: Record<string, ReviewItem> = {
  i1: { id: 'i1', title: 'Add circuit breaker to checkout', status: 'OPEN', dueOn: '2024-06-07', daysOverdue: 16, ownerName: 'Payments', teamName: 'Payments', incidentId: 'inc-a', incidentTitle: 'Checkout outage', jiraKey: 'PAY-101', jiraUrl: 'https://acme.atlassian.net/browse/PAY-101' },
  i2: { id: 'i2', title: 'Add circuit breaker to checkout', status: 'OPEN', dueOn: '2024-07-03', daysOverdue: 0, ownerName: 'Alice Moreau', teamName: 'Payments', incidentId: 'inc-b', incidentTitle: 'Checkout outage again', jiraKey: null, jiraUrl: null },
  i3: { id: 'i3', title: 'Load test checkout at twice the peak', status: 'DONE', dueOn: '2024-06-14', daysOverdue: 0, ownerName: 'Bob Lindqvist', teamName: 'Payments', incidentId: 'inc-a', incidentTitle: 'Checkout outage', jiraKey: null, jiraUrl: null },
  i4: { id: 'i4', title: 'Document the DB failover runbook', status: 'OPEN', dueOn: '2024-06-21', daysOverdue: 2, ownerName: null, teamName: 'Platform', incidentId: 'inc-c', incidentTitle: 'Slow database failover', jiraKey: null, jiraUrl: null },
  i5: { id: 'i5', title: 'Alert on checkout retry storms', status: 'BLOCKED', dueOn: '2024-06-16', daysOverdue: 7, ownerName: 'Bob Lindqvist', teamName: null, incidentId: 'inc-a', incidentTitle: 'Checkout outage', jiraKey: null, jiraUrl: null },
  i6: { id: 'i6', title: 'Remove the legacy retry loop', status: 'OPEN', dueOn: '2024-06-15', daysOverdue: 8, ownerName: null, teamName: null, incidentId: 'inc-a', incidentTitle: 'Checkout outage', jiraKey: null, jiraUrl: null },
  i7: { id: 'i7', title: 'Tune the connection pool of the primary', status: 'OPEN', dueOn: '2024-06-23', daysOverdue: 0, ownerName: 'Platform', teamName: 'Platform', incidentId: 'inc-c', incidentTitle: 'Slow database failover', jiraKey: null, jiraUrl: null },
  i8: { id: 'i8', title: 'Add an alert on the checkout error budget', status: 'DONE', dueOn: '2024-06-21', daysOverdue: 0, ownerName: 'Payments', teamName: 'Payments', incidentId: 'inc-b', incidentTitle: 'Checkout outage again', jiraKey: 'PAY-102', jiraUrl: 'https://acme.atlassian.net/browse/PAY-102' },
  i9: { id: 'i9', title: 'Deploy checkout through canaries', status: 'OPEN', dueOn: '2024-06-24', daysOverdue: 0, ownerName: 'Alice Moreau', teamName: 'Payments', incidentId: 'inc-b', incidentTitle: 'Checkout outage again', jiraKey: null, jiraUrl: null },
  i10: { id: 'i10', title: 'Rewrite checkout in Rust', status: 'WONT_DO', dueOn: '2024-06-10', daysOverdue: 0, ownerName: null, teamName: 'Payments', incidentId: 'inc-a', incidentTitle: 'Checkout outage', jiraKey: null, jiraUrl: null },
};

/** W14 … W25: nothing until the first incident's items in W21; the Monday of each week. */
const TREND_MONDAYS = ['2024-04-01', '2024-04-08', '2024-04-15', '2024-04-22', '2024-04-29', '2024-05-06', '2024-05-13', '2024-05-20', '2024-05-27', '2024-06-03', '2024-06-10', '2024-06-17'];
const trend = (opened: number[], completed: number[], openOverdue: number[]) =>
  TREND_MONDAYS.map((startsOn, index) => ({ week: `2024-W${14 + index}`, startsOn, opened: opened[index], completed: completed[index], openOverdue: openOverdue[index] }));

const recurredWhileOpen = (entry: ReviewItem) => ({
  item: entry,
  code: 'RECURRED_WHILE_OPEN',
  reason: 'Its root cause recurred in «Checkout outage again» (2024-06-18) while this item was still open.',
  evidence: [{ incidentId: 'inc-b', incidentTitle: 'Checkout outage again', actionItemId: null, on: '2024-06-18', note: 'same root cause, started while this item was still open' }],
});

const W25_BROKEN_PROMISES = [
  {
    item: W25.i2,
    code: 'PROMISED_AGAIN',
    reason: 'The same measure was promised after «Checkout outage» (2024-05-20) and never done.',
    evidence: [{ incidentId: 'inc-a', incidentTitle: 'Checkout outage', actionItemId: 'i1', on: '2024-05-20', note: 'still OPEN' }],
  },
  recurredWhileOpen(W25.i1),
  recurredWhileOpen(W25.i5),
  recurredWhileOpen(W25.i6),
  {
    item: W25.i3,
    code: 'INEFFECTIVE',
    reason: 'It was done on 2024-06-05, yet its root cause recurred in «Checkout outage again» (2024-06-18): check whether the fix works.',
    evidence: [{ incidentId: 'inc-b', incidentTitle: 'Checkout outage again', actionItemId: null, on: '2024-06-18', note: 'same root cause, started after this item was done' }],
  },
];

describe('buildReview', () => {
  describe('a past week (2024-W25, built on Wednesday of W27)', () => {
    const review = buildReview(sources());

    it('describes the week as of its last instant in the zone', () => {
      expect({ week: review.week, startsOn: review.startsOn, endsOn: review.endsOn, asOf: review.asOf, timeZone: review.timeZone, team: review.team }).toEqual({
        week: '2024-W25',
        startsOn: '2024-06-17',
        endsOn: '2024-06-23',
        asOf: at(W25_END),
        timeZone: ZONE,
        team: null,
      });
    });

    it('lists the incidents that started in the week, oldest first, with their root cause', () => {
      expect(review.incidents).toEqual([
        { id: 'inc-b', title: 'Checkout outage again', startedAt: at('2024-06-18T14:00:00Z'), severity: 'SEV2', impact: 'Slow checkout, errors for 10%', durationMinutes: 40, rootCause: 'connection pool exhaustion in checkout' },
        { id: 'inc-c', title: 'Slow database failover', startedAt: at('2024-06-20T03:00:00Z'), severity: 'SEV3', impact: null, durationMinutes: null, rootCause: 'Failover took 9 minutes because the replica lagged' },
      ]);
    });

    it('counts the open and overdue items at the end of the week, by days overdue', () => {
      expect(review.totals).toEqual({
        open: 7,
        overdue: 4,
        aging: [
          { label: '0–7 days', minDays: 0, maxDays: 7, count: 2 },
          { label: '8–30 days', minDays: 8, maxDays: 30, count: 2 },
          { label: '31–90 days', minDays: 31, maxDays: 90, count: 0 },
          { label: '> 90 days', minDays: 91, maxDays: null, count: 0 },
        ],
      });
    });

    it('lists the items created and completed in the week, by due date then title', () => {
      expect(review.created).toEqual([W25.i8, W25.i4, W25.i7, W25.i9, W25.i2]);
      expect(review.completed).toEqual([W25.i8]);
    });

    it('calls newly overdue what fell due from the Sunday before to the Saturday (due on the Sunday itself is not late yet)', () => {
      // i5 was due on the Sunday before the week, i4 on its Friday; i6 (the Saturday before) and i1 were already late on Monday.
      expect(review.newlyOverdue).toEqual([W25.i5, W25.i4]);
    });

    it('lists the open items due next week', () => {
      expect(review.dueNextWeek).toEqual([W25.i9]);
    });

    it('measures completion over the twelve weeks: on time by the date in the zone, days to close', () => {
      // i3: 14 d 2 h, on time; i8: 2 d 14 h 25 min, a day late in Berlin.
      expect(review.completion).toEqual({ windowWeeks: 12, closed: 2, closedOnTime: 1, onTimeRate: 0.5, medianDaysToClose: 8.34, p90DaysToClose: 14.08 });
    });

    it('draws the twelve-week trend, each week as it stood at its own end', () => {
      expect(TREND_WEEKS).toBe(12);
      // W22: i5 was still due 2024-06-01; W24: i10 was not yet WONT_DO and i6 fell due on the Saturday.
      expect(review.trend).toEqual(trend([0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 5], [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1], [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 3, 4]));
    });

    it('shows the root causes seen in two incidents, with their open items by due date', () => {
      expect(review.recurringRootCauses).toEqual([
        {
          id: 'rc-1',
          label: 'connection pool exhaustion in checkout',
          failureMode: 'connection-pool-exhaustion',
          serviceName: 'checkout',
          incidentCount: 2,
          lastSeenAt: at('2024-06-18T14:00:00Z'),
          // By due date, then title.
          openItems: [W25.i1, W25.i6, W25.i5, W25.i9, W25.i2],
        },
      ]);
    });

    it('lists the broken promises by code, then incident and title', () => {
      expect(review.brokenPromises).toEqual(W25_BROKEN_PROMISES);
    });

    it('scores each team, most overdue first, with a row for the items no team answers for', () => {
      expect(review.scorecards).toEqual([
        { teamId: null, teamName: '(no team)', open: 2, overdue: 2, createdThisWeek: 0, completedThisWeek: 0, onTimeRate: null, brokenPromises: 2 },
        { teamId: 'team-payments', teamName: 'Payments', open: 3, overdue: 1, createdThisWeek: 3, completedThisWeek: 1, onTimeRate: 0.5, brokenPromises: 3 },
        { teamId: 'team-platform', teamName: 'Platform', open: 2, overdue: 1, createdThisWeek: 2, completedThisWeek: 0, onTimeRate: null, brokenPromises: 0 },
      ]);
    });

    it('does not change its input', () => {
      const input = sources();
      const copy = structuredClone(input);
      buildReview(input);
      expect(input).toEqual(copy);
    });
  });

  describe('rebuilt later', () => {
    /** What happened after 2024-W25: every item moved, a new incident (which started in W25) and item were recorded. */
    function afterTheWeek(input: ReviewInput): ReviewInput {
      const byId = new Map(input.items.map((entry) => [entry.id, entry]));
      const change = (id: string, fields: Partial<SourceItem>, ...events: HistoryEvent[]) => Object.assign(byId.get(id)!, fields, { events: [...byId.get(id)!.events, ...events] });
      change('i1', { status: 'DONE', completedAt: at('2024-06-25T10:00:00Z') }, event('2024-06-25T10:00:00Z', 'status', 'OPEN', 'DONE'), event('2024-06-25T10:00:00Z', 'completedAt', null, iso('2024-06-25T10:00:00Z')));
      change('i2', { ownerId: 'team-platform', dueOn: '2024-07-10' }, event('2024-06-26T08:00:00Z', 'ownerId', 'alice', 'team-platform'), event('2024-06-26T08:00:00Z', 'dueOn', '2024-07-03', '2024-07-10'));
      // The very first instant of the next week.
      change('i4', { ownerId: 'bob', dueOn: '2024-06-28' }, event('2024-06-23T22:00:00Z', 'ownerId', null, 'bob'), event('2024-06-24T08:00:00Z', 'dueOn', '2024-06-21', '2024-06-28'));
      change('i5', { serviceId: 'svc-db', status: 'IN_PROGRESS' }, event('2024-06-28T09:00:00Z', 'serviceId', 'svc-legacy', 'svc-db'), event('2024-06-28T09:00:00Z', 'status', 'BLOCKED', 'IN_PROGRESS'));
      change('i6', { status: 'WONT_DO' }, event('2024-06-27T09:00:00Z', 'status', 'OPEN', 'WONT_DO'));
      change('i7', { title: 'Tune the connection pool of the primary and the replicas' }, event('2024-06-24T09:00:00Z', 'title', 'Tune the connection pool of the primary', 'Tune the connection pool of the primary and the replicas'));
      change('i8', { status: 'OPEN', completedAt: null }, event('2024-06-25T09:00:00Z', 'status', 'DONE', 'OPEN'), event('2024-06-25T09:00:00Z', 'completedAt', iso('2024-06-21T23:30:00Z'), null));
      change('i9', { removedFromSourceAt: at('2024-06-29T09:00:00Z'), dueOn: '2024-07-05' }, event('2024-06-29T09:00:00Z', 'removedFromSource', null, 'revision 3'), event('2024-06-29T09:00:00Z', 'dueOn', '2024-06-24', '2024-07-05'));
      change('i10', { status: 'OPEN', dueOn: '2024-07-31' }, event('2024-07-01T09:00:00Z', 'status', 'WONT_DO', 'OPEN'), event('2024-07-01T09:00:00Z', 'dueOn', '2024-06-10', '2024-07-31'));
      // Started on the Saturday of W25, recorded on the Tuesday after: not known at the end of W25.
      input.incidents.push(incident({ id: 'inc-d', title: 'Checkout outage, third time', startedAt: at('2024-06-22T10:00:00Z'), createdAt: at('2024-06-25T09:00:00Z'), serviceId: 'svc-checkout' }));
      input.rootCauses[0].incidentIds.push('inc-d');
      input.items.push(item({ id: 'i11', title: 'Add circuit breaker to checkout', incidentId: 'inc-d', serviceId: 'svc-checkout', measureId: 'm-breaker', status: 'OPEN', dueOn: '2024-07-12', createdAt: at('2024-06-25T10:00:00Z') }));
      return input;
    }

    it('gives the same review of a past week after its items moved on', () => {
      const before = buildReview(sources());
      const after = buildReview(afterTheWeek(sources()));
      expect(after).toEqual(before);
    });

    it('sees the later changes from the next week on', () => {
      const input = afterTheWeek(sources());
      const w25 = buildReview(input);
      const w26 = buildReview({ ...input, week: '2024-W26' });
      expect(w26.asOf).toEqual(at('2024-06-30T21:59:59.999Z'));
      expect(w26.trend.slice(0, -1)).toEqual(w25.trend.slice(1));
      expect(w26.trend.at(-1)).toEqual({ week: '2024-W26', startsOn: '2024-06-24', opened: 1, completed: 1, openOverdue: 4 });
      expect(w26.completed.map((entry) => entry.id)).toEqual(['i1']);
      expect(w26.incidents).toEqual([]);
      expect(w26.recurringRootCauses.map((cause) => [cause.id, cause.incidentCount, cause.lastSeenAt])).toEqual([['rc-1', 3, at('2024-06-22T10:00:00Z')]]);
      // i1 is done now, so i2 is no longer a promise made again; i11 is (after the earlier i2, still open).
      expect(w26.brokenPromises.filter((promise) => promise.code === 'PROMISED_AGAIN').map((promise) => promise.item.id)).toEqual(['i11']);
      expect(w26.scorecards.find((card) => card.teamId === 'team-platform')).toMatchObject({ open: 4, createdThisWeek: 0 });
    });
  });

  describe('the current week', () => {
    const review = buildReview({ ...sources(), week: '2024-W27' });

    it('is as of now', () => {
      expect(review.asOf).toEqual(at(NOW));
      expect([review.startsOn, review.endsOn]).toEqual(['2024-07-01', '2024-07-07']);
    });

    it("takes today's date for overdue: due yesterday is late, due today is not", () => {
      // i2 is due today (Wednesday); nothing fell due on Sunday to Tuesday; i7 and i9 have become late since W25.
      expect(review.totals.overdue).toBe(6);
      expect(review.newlyOverdue).toEqual([]);
      const dueYesterday = buildReview({ ...sources(), week: '2024-W27', items: sources().items.map((entry) => (entry.id === 'i2' ? { ...entry, dueOn: '2024-07-02' } : entry)) });
      expect(dueYesterday.newlyOverdue).toEqual([{ ...W25.i2, dueOn: '2024-07-02', daysOverdue: 1 }]);
      expect(dueYesterday.totals.overdue).toBe(7);
      // 9 (i9) to 26 (i1) days late.
      expect(review.totals.aging.map((bucket) => bucket.count)).toEqual([0, 6, 0, 0]);
      expect(review.dueNextWeek).toEqual([]);
    });

    it('ends its trend with this week so far', () => {
      expect(review.trend.map((week) => week.week)).toEqual(Array.from({ length: 12 }, (_, index) => `2024-W${16 + index}`));
      expect(review.trend.at(-1)).toEqual({ week: '2024-W27', startsOn: '2024-07-01', opened: 0, completed: 0, openOverdue: 6 });
    });

    it('counts a change made at this very instant, not one a millisecond later', () => {
      const input = sources();
      const i9 = input.items.find((entry) => entry.id === 'i9')!;
      Object.assign(i9, { status: 'DONE', completedAt: at(NOW), events: [event(NOW, 'status', 'OPEN', 'DONE'), event(NOW, 'completedAt', null, NOW)] });
      expect(buildReview({ ...input, week: '2024-W27' }).completed.map((entry) => entry.id)).toEqual(['i9']);
      const later = new Date(Date.parse(NOW) + 1).toISOString();
      Object.assign(i9, { completedAt: at(later), events: [event(later, 'status', 'OPEN', 'DONE'), event(later, 'completedAt', null, later)] });
      expect(buildReview({ ...input, week: '2024-W27' }).completed).toEqual([]);
    });
  });

  describe('the team filter', () => {
    it('keeps only the items the team answers for, and the incidents that concern it', () => {
      const review = buildReview({ ...sources(), team: PAYMENTS });
      expect(review.team).toEqual(PAYMENTS);
      expect(review.incidents.map((entry) => entry.id)).toEqual(['inc-b']);
      expect(review.totals).toMatchObject({ open: 3, overdue: 1 });
      expect(review.created).toEqual([W25.i8, W25.i9, W25.i2]);
      expect(review.completed).toEqual([W25.i8]);
      expect(review.newlyOverdue).toEqual([]);
      expect(review.dueNextWeek).toEqual([W25.i9]);
      expect(review.completion).toMatchObject({ closed: 2, closedOnTime: 1, onTimeRate: 0.5 });
      expect(review.trend.map((week) => [week.opened, week.completed, week.openOverdue])).toEqual([
        ...Array.from({ length: 7 }, () => [0, 0, 0]),
        [3, 0, 0],
        [0, 0, 0],
        [0, 1, 1],
        [0, 0, 2],
        [3, 1, 1],
      ]);
      expect(review.recurringRootCauses.map((cause) => [cause.id, cause.incidentCount, cause.openItems])).toEqual([['rc-1', 2, [W25.i1, W25.i9, W25.i2]]]);
      expect(review.brokenPromises).toEqual(W25_BROKEN_PROMISES.filter((promise) => ['i1', 'i2', 'i3'].includes(promise.item.id)));
      expect(review.scorecards.map((card) => card.teamName)).toEqual(['Payments']);
    });

    it('shows another team its own incident (also with no item of its own) and no root cause that is not its', () => {
      const review = buildReview({ ...sources(), team: PLATFORM });
      expect(review.incidents.map((entry) => entry.id)).toEqual(['inc-c']);
      expect(review.created).toEqual([W25.i4, W25.i7]);
      expect(review.recurringRootCauses).toEqual([]);
      expect(review.brokenPromises).toEqual([]);
      expect(review.scorecards).toEqual([{ teamId: 'team-platform', teamName: 'Platform', open: 2, overdue: 1, createdThisWeek: 2, completedThisWeek: 0, onTimeRate: null, brokenPromises: 0 }]);

      const noItems = buildReview({ ...sources(), team: PLATFORM, items: sources().items.filter((entry) => entry.incidentId !== 'inc-c') });
      expect(noItems.incidents.map((entry) => entry.id)).toEqual(['inc-c']);
      expect(noItems.scorecards).toEqual([]);
    });

    it('follows an item to the team it was reassigned to, from the moment of the change', () => {
      const input = sources();
      const i2 = input.items.find((entry) => entry.id === 'i2')!;
      Object.assign(i2, { ownerId: 'team-platform', events: [event('2024-06-24T08:00:00Z', 'ownerId', 'alice', 'team-platform')] });
      expect(buildReview({ ...input, team: PAYMENTS }).created.map((entry) => entry.id)).toEqual(['i8', 'i9', 'i2']);
      expect(buildReview({ ...input, team: PLATFORM, week: '2024-W26' }).scorecards).toMatchObject([{ teamName: 'Platform', open: 3 }]);
    });
  });

  describe('at the edges of the week', () => {
    const base = sources();
    const single = (fields: Partial<SourceItem>, overrides: Partial<ReviewInput> = {}): Review =>
      buildReview({ ...base, items: [item({ id: 'x', title: 'Edge case', incidentId: 'inc-c', serviceId: 'svc-db', status: 'OPEN', createdAt: at('2024-06-10T00:00:00Z'), ...fields })], ...overrides });

    it('counts an item created at the first instant of Monday in the zone, not one a millisecond earlier', () => {
      expect(single({ createdAt: at(W25_START) }).created.map((entry) => entry.id)).toEqual(['x']);
      expect(single({ createdAt: msBefore(W25_START) }).created).toEqual([]);
      expect(single({ createdAt: msBefore(W25_START) }).trend.slice(-2).map((week) => week.opened)).toEqual([1, 0]);
      expect(single({ createdAt: at(W25_END) }).created.map((entry) => entry.id)).toEqual(['x']);
      expect(single({ createdAt: at('2024-06-23T22:00:00Z') }).totals.open).toBe(0);
    });

    it('counts an item completed at the last instant of Sunday in the zone, not one at the next Monday', () => {
      const done = (when: string) => single({ status: 'DONE', completedAt: at(when), events: [event(when, 'status', 'OPEN', 'DONE'), event(when, 'completedAt', null, iso(when))] });
      expect(done(W25_END).completed.map((entry) => entry.id)).toEqual(['x']);
      expect(done(W25_START).completed.map((entry) => entry.id)).toEqual(['x']);
      const nextMonday = done('2024-06-23T22:00:00Z');
      expect(nextMonday.completed).toEqual([]);
      expect(nextMonday.totals.open).toBe(1);
      expect(done(msBefore(W25_START).toISOString()).completed).toEqual([]);
    });

    it.each([
      ['2024-06-14', true, false],
      ['2024-06-15', true, false],
      ['2024-06-16', true, true],
      ['2024-06-17', true, true],
      ['2024-06-22', true, true],
      ['2024-06-23', false, false],
      ['2024-06-24', false, false],
    ])('an open item due %s: overdue %s, newly overdue %s', (dueOn, overdue, newly) => {
      const review = single({ dueOn });
      expect([review.totals.overdue, review.newlyOverdue.length]).toEqual([overdue ? 1 : 0, newly ? 1 : 0]);
    });

    it('never calls a closed or undated item overdue', () => {
      expect(single({ dueOn: '2024-06-20', status: 'WONT_DO' }).totals).toMatchObject({ open: 0, overdue: 0 });
      expect(single({ dueOn: '2024-06-20', status: 'DONE', completedAt: at('2024-06-01T00:00:00Z') }).newlyOverdue).toEqual([]);
      expect(single({ dueOn: null }).totals).toMatchObject({ open: 1, overdue: 0 });
    });

    it.each([
      ['2024-06-23', false],
      ['2024-06-24', true],
      ['2024-06-30', true],
      ['2024-07-01', false],
    ])('an open item due %s is due next week: %s', (dueOn, expected) => {
      expect(single({ dueOn }).dueNextWeek.length).toBe(expected ? 1 : 0);
      expect(single({ dueOn, status: 'DONE', completedAt: at('2024-06-20T00:00:00Z') }).dueNextWeek).toEqual([]);
    });

    it.each([
      ['2024-06-21T21:59:59.999Z', ZONE, 1],
      ['2024-06-21T22:00:00.000Z', ZONE, 0],
      ['2024-06-21T23:30:00.000Z', ZONE, 0],
      ['2024-06-21T23:30:00.000Z', 'UTC', 1],
      ['2024-06-22T00:00:00.000Z', 'UTC', 0],
      // Kolkata is 5:30 ahead: 18:29 UTC is 23:59 there.
      ['2024-06-21T18:29:00.000Z', 'Asia/Kolkata', 1],
      ['2024-06-21T18:30:00.000Z', 'Asia/Kolkata', 0],
    ])('an item due 2024-06-21 completed at %s is on time in %s: %d', (completedAt, timeZone, onTime) => {
      const review = single({ dueOn: '2024-06-21', status: 'DONE', completedAt: at(completedAt) }, { timeZone });
      expect(review.completion).toMatchObject({ closed: 1, closedOnTime: onTime, onTimeRate: onTime });
    });

    it('leaves items without a due date out of the on-time rate, not out of the count', () => {
      const review = buildReview({
        ...base,
        items: [
          item({ id: 'x', title: 'Undated', incidentId: 'inc-c', status: 'DONE', createdAt: at('2024-06-10T00:00:00Z'), completedAt: at('2024-06-12T00:00:00Z') }),
          item({ id: 'y', title: 'Late', incidentId: 'inc-c', status: 'DONE', dueOn: '2024-06-10', createdAt: at('2024-06-10T00:00:00Z'), completedAt: at('2024-06-14T00:00:00Z') }),
          item({ id: 'z', title: 'Still open', incidentId: 'inc-c', status: 'OPEN', createdAt: at('2024-06-10T00:00:00Z') }),
        ],
      });
      expect(review.completion).toEqual({ windowWeeks: 12, closed: 2, closedOnTime: 0, onTimeRate: 0, medianDaysToClose: 3, p90DaysToClose: 4 });
    });

    it('has no completion figures when nothing was closed', () => {
      expect(single({}).completion).toEqual({ windowWeeks: 12, closed: 0, closedOnTime: 0, onTimeRate: null, medianDaysToClose: null, p90DaysToClose: null });
    });

    it('counts completions from the first instant of the twelve-week window', () => {
      // W14 begins on Monday 2024-04-01, 00:00 in Berlin (summer time from 2024-03-31).
      const windowStart = '2024-03-31T22:00:00.000Z';
      const closed = (when: Date) => single({ status: 'DONE', dueOn: '2024-04-05', createdAt: at('2024-03-01T00:00:00Z'), completedAt: when }).completion.closed;
      expect([closed(at(windowStart)), closed(msBefore(windowStart))]).toEqual([1, 0]);
    });
  });

  describe('recurring root causes', () => {
    /** inc-c and a later incident inc-d share a root cause; inc-d started in W25 but was recorded as given. */
    const withSecondCause = (recordedAt: string, startedAt: string | null = '2024-06-22T10:00:00Z') => {
      const input = sources();
      input.incidents.push(incident({ id: 'inc-d', title: 'Failover stalled again', startedAt: startedAt === null ? null : at(startedAt), createdAt: at(recordedAt), serviceId: 'svc-db' }));
      input.rootCauses.push({ id: 'rc-2', failureMode: 'replica-lag', serviceName: 'postgres', incidentIds: ['inc-c', 'inc-d'] });
      return input;
    };

    it('counts only the incidents recorded by the end of the week', () => {
      const input = withSecondCause('2024-06-24T08:00:00Z');
      expect(buildReview(input).recurringRootCauses.map((cause) => cause.id)).toEqual(['rc-1']);
      expect(buildReview(input).incidents.map((entry) => entry.id)).toEqual(['inc-b', 'inc-c']);
      const w26 = buildReview({ ...input, week: '2024-W26' });
      // Both seen twice: the one seen last comes first.
      expect(w26.recurringRootCauses.map((cause) => [cause.id, cause.label, cause.incidentCount, cause.lastSeenAt])).toEqual([
        ['rc-2', 'replica lag in postgres', 2, at('2024-06-22T10:00:00Z')],
        ['rc-1', 'connection pool exhaustion in checkout', 2, at('2024-06-18T14:00:00Z')],
      ]);
    });

    it('counts an incident recorded at the last instant of the week, and an undated one as seen when recorded', () => {
      const lastInstant = buildReview(withSecondCause(W25_END));
      expect(lastInstant.recurringRootCauses.map((cause) => cause.id)).toEqual(['rc-2', 'rc-1']);
      expect(lastInstant.incidents.map((entry) => entry.id)).toEqual(['inc-b', 'inc-c', 'inc-d']);
      const undated = buildReview(withSecondCause('2024-06-21T08:00:00Z', null));
      expect(undated.recurringRootCauses.map((cause) => [cause.id, cause.lastSeenAt])).toEqual([
        ['rc-2', at('2024-06-21T08:00:00Z')],
        ['rc-1', at('2024-06-18T14:00:00Z')],
      ]);
      expect(undated.recurringRootCauses[0].openItems).toEqual([W25.i4, W25.i7]);
    });

    it('ranks by the number of incidents first', () => {
      const input = withSecondCause('2024-06-21T08:00:00Z');
      input.incidents.push(incident({ id: 'inc-e', title: 'Failover stalled once more', startedAt: at('2024-06-01T00:00:00Z'), createdAt: at('2024-06-02T00:00:00Z') }));
      input.rootCauses[1].incidentIds.push('inc-e');
      input.rootCauses.reverse();
      expect(buildReview(input).recurringRootCauses.map((cause) => [cause.id, cause.incidentCount])).toEqual([
        ['rc-2', 3],
        ['rc-1', 2],
      ]);
    });

    it('labels a root cause by its failure mode and service', () => {
      expect(causeLabel('connection-pool-exhaustion', 'checkout')).toBe('connection pool exhaustion in checkout');
    });
  });

  describe('broken promises as of the week', () => {
    it('knows nothing of a recurrence recorded after the week', () => {
      // At the end of W24 inc-b had not happened: no recurrence, and i2 did not exist yet.
      expect(buildReview({ ...sources(), week: '2024-W24' }).brokenPromises).toEqual([]);
    });

    it('ignores a recurrence that started in the week but was recorded after it', () => {
      const input = sources();
      input.incidents[1] = { ...input.incidents[1], createdAt: at('2024-06-24T09:00:00Z') };
      input.items = input.items.filter((entry) => entry.incidentId !== 'inc-b');
      expect(buildReview(input).brokenPromises).toEqual([]);
      expect(buildReview({ ...input, week: '2024-W26' }).brokenPromises.map((promise) => [promise.code, promise.item.id])).toEqual([
        ['RECURRED_WHILE_OPEN', 'i1'],
        ['RECURRED_WHILE_OPEN', 'i5'],
        ['RECURRED_WHILE_OPEN', 'i6'],
        ['INEFFECTIVE', 'i3'],
      ]);
    });

    it('reads the other occurrences of a measure as they stood then', () => {
      // i1 was done in W25 (after i2 was promised again): by the end of the week the promise is kept.
      const input = sources();
      Object.assign(input.items[0], {
        status: 'DONE',
        completedAt: at('2024-06-21T10:00:00Z'),
        events: [event('2024-06-21T10:00:00Z', 'status', 'OPEN', 'DONE'), event('2024-06-21T10:00:00Z', 'completedAt', null, iso('2024-06-21T10:00:00Z'))],
      });
      expect(buildReview({ ...input, week: '2024-W25' }).brokenPromises.map((promise) => [promise.code, promise.item.id])).toEqual([
        ['RECURRED_WHILE_OPEN', 'i1'],
        ['RECURRED_WHILE_OPEN', 'i5'],
        ['RECURRED_WHILE_OPEN', 'i6'],
        ['INEFFECTIVE', 'i3'],
      ]);
    });
  });

  it('refuses a label that is not an ISO week', () => {
    expect(() => buildReview({ ...sources(), week: '2021-W53' })).toThrow('Not an ISO week: 2021-W53');
    expect(() => buildReview({ ...sources(), week: 'last week' })).toThrow('Not an ISO week');
  });
});
