import type { Review } from './review';
import { buildReview, causeLabel } from './review-builder';
import type { ReviewInput, SourceItem } from './review-input';
import { W25, W25_END, W25_START, ZONE, at, event, incident, iso, item, msBefore, sources } from '../../test/support/review-sources';

describe('buildReview at the edges', () => {
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
