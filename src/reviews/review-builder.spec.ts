import { buildReview, TREND_WEEKS } from './review-builder';
import type { HistoryEvent, ReviewInput, SourceItem } from './review-input';
import { NOW, PAYMENTS, PLATFORM, W25, W25_BROKEN_PROMISES, W25_END, ZONE, at, event, incident, iso, item, sources, trend } from '../../test/support/review-sources';

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

});
