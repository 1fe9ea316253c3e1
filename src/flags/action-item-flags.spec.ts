import { ActionItemStatus } from '../action-items/action-item-enums';
import { FLAG_CODES, flagsFor, type FlagContext, type FlaggableItem, type IncidentFact, type ItemRecurrence } from './action-item-flags';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (iso: string) => new Date(iso);

// Berlin is UTC+2 in summer: 2024-07-01T10:00Z is noon on 2024-07-01 there.
const context: FlagContext = { today: '2024-07-01', now: at('2024-07-01T10:00:00Z'), timeZone: 'Europe/Berlin', dueSoonDays: 7, staleAfterDays: 14 };

const item: FlaggableItem = {
  id: 'item-1',
  title: 'Page the on-call when checkout errors exceed 2% for 5 minutes',
  description: null,
  status: ActionItemStatus.OPEN,
  ownerId: 'owner-1',
  dueOn: '2024-08-01',
  createdAt: at('2024-06-20T08:00:00Z'),
  completedAt: null,
  removedFromSourceAt: null,
  lastActivityAt: at('2024-06-28T09:00:00Z'),
};

const incident = (id: string, title: string, startedAt: string | null, createdAt = startedAt ?? '2024-06-01T00:00:00Z'): IncidentFact => ({
  id,
  title,
  startedAt: startedAt === null ? null : at(startedAt),
  createdAt: at(createdAt),
});

const ownIncident = incident('inc-own', 'Checkout errors after deploy', '2024-06-15T12:00:00Z', '2024-06-19T09:00:00Z');

const recurrence = (overrides: Partial<ItemRecurrence> = {}): ItemRecurrence => ({ incident: ownIncident, sameMeasure: [], sameRootCause: [], ...overrides });

const occurrence = (itemId: string, status: ActionItemStatus, of: IncidentFact, completedAt: Date | null = null) => ({ itemId, status, completedAt, incident: of });

const flags = (overrides: Partial<FlaggableItem> = {}, itemRecurrence: ItemRecurrence | null = null, flagContext: FlagContext = context) =>
  flagsFor({ ...item, ...overrides }, itemRecurrence, flagContext);
const codes = (overrides: Partial<FlaggableItem> = {}, itemRecurrence: ItemRecurrence | null = null, flagContext: FlagContext = context) =>
  flags(overrides, itemRecurrence, flagContext).map((flag) => flag.code);

describe('flagsFor', () => {
  it('flags nothing on an owned, concrete, recently changed item due later', () => {
    expect(flags()).toEqual([]);
    expect(flags({}, recurrence())).toEqual([]);
  });

  it('lists the codes in the order flags are returned', () => {
    expect(FLAG_CODES).toEqual(['OVERDUE', 'DUE_SOON', 'UNOWNED', 'NO_DUE_DATE', 'STALE', 'PROMISED_AGAIN', 'RECURRED_WHILE_OPEN', 'INEFFECTIVE', 'REMOVED_FROM_SOURCE', 'VAGUE']);
  });

  describe('OVERDUE and DUE_SOON', () => {
    it('flags an item due yesterday as overdue', () => {
      expect(flags({ dueOn: '2024-06-30' })).toEqual([{ code: 'OVERDUE', reason: 'It was due on 2024-06-30, 1 day ago.', evidence: [] }]);
      expect(flags({ dueOn: '2024-06-21' })).toEqual([{ code: 'OVERDUE', reason: 'It was due on 2024-06-21, 10 days ago.', evidence: [] }]);
    });

    it('flags an item due today as due soon, not overdue', () => {
      expect(flags({ dueOn: '2024-07-01' })).toEqual([{ code: 'DUE_SOON', reason: 'It is due on 2024-07-01, today.', evidence: [] }]);
    });

    it('flags an item due in exactly dueSoonDays, but not one day later', () => {
      expect(flags({ dueOn: '2024-07-08' })).toEqual([{ code: 'DUE_SOON', reason: 'It is due on 2024-07-08, in 7 days.', evidence: [] }]);
      expect(codes({ dueOn: '2024-07-02' })).toEqual(['DUE_SOON']);
      expect(codes({ dueOn: '2024-07-09' })).toEqual([]);
    });

    it('crosses a month boundary by calendar days', () => {
      expect(codes({ dueOn: '2024-07-08' }, null, { ...context, today: '2024-06-30' })).toEqual([]);
      expect(codes({ dueOn: '2024-07-07' }, null, { ...context, today: '2024-06-30' })).toEqual(['DUE_SOON']);
    });
  });

  describe('UNOWNED and NO_DUE_DATE', () => {
    it('flags an item without owner', () => {
      expect(flags({ ownerId: null })).toEqual([
        { code: 'UNOWNED', reason: 'Nobody owns this item: assign a person or team, or map its service to an owning team.', evidence: [] },
      ]);
    });

    it('flags an item without due date', () => {
      expect(flags({ dueOn: null })).toEqual([{ code: 'NO_DUE_DATE', reason: 'It has no due date: set one, or it can never become overdue.', evidence: [] }]);
    });
  });

  describe('STALE', () => {
    it('flags an item unchanged for exactly staleAfterDays', () => {
      expect(flags({ lastActivityAt: new Date(context.now.getTime() - 14 * DAY) })).toEqual([
        { code: 'STALE', reason: 'Nothing has changed on it since 2024-06-17, 14 days ago: post progress, re-plan it or close it.', evidence: [] },
      ]);
    });

    it('prints dates in UTC the same way on and off its fast path', () => {
      const utc: FlagContext = { ...context, timeZone: 'UTC' };
      const since = (lastActivityAt: string) => flags({ lastActivityAt: at(lastActivityAt) }, null, utc)[0].reason.slice(0, 45);
      expect([since('2024-06-10T23:30:00Z'), since('0999-12-31T23:59:59.999Z'), since('1000-01-01T00:00:00Z')]).toEqual([
        'Nothing has changed on it since 2024-06-10, 2',
        'Nothing has changed on it since 999-12-31, 37',
        'Nothing has changed on it since 1000-01-01, 3',
      ]);
    });

    it('does not flag an item changed one hour less than staleAfterDays ago', () => {
      expect(codes({ lastActivityAt: new Date(context.now.getTime() - 14 * DAY + HOUR) })).toEqual([]);
    });

    it('counts whole days and prints the date in the team time zone', () => {
      // 23:30 UTC on 2024-06-10 is already 2024-06-11 in Berlin.
      expect(flags({ lastActivityAt: at('2024-06-10T23:30:00Z') })[0].reason).toBe(
        'Nothing has changed on it since 2024-06-11, 20 days ago: post progress, re-plan it or close it.',
      );
    });
  });

  describe('PROMISED_AGAIN', () => {
    const checkout = incident('inc-1', 'Checkout outage', '2024-03-12T14:00:00Z');

    it('flags a measure promised after an earlier incident and never done', () => {
      expect(flags({}, recurrence({ sameMeasure: [occurrence('item-0', ActionItemStatus.OPEN, checkout)] }))).toEqual([
        {
          code: 'PROMISED_AGAIN',
          reason: 'The same measure was promised after «Checkout outage» (2024-03-12) and never done.',
          evidence: [{ incidentId: 'inc-1', incidentTitle: 'Checkout outage', actionItemId: 'item-0', on: '2024-03-12', note: 'still OPEN' }],
        },
      ]);
    });

    it('ignores occurrences from later incidents', () => {
      const later = incident('inc-9', 'Checkout outage again', '2024-06-29T08:00:00Z');
      expect(codes({}, recurrence({ sameMeasure: [occurrence('item-9', ActionItemStatus.OPEN, later)] }))).toEqual([]);
    });

    it("ignores occurrences from the item's own incident, and the item itself", () => {
      const twin = occurrence('item-2', ActionItemStatus.OPEN, ownIncident);
      expect(codes({}, recurrence({ sameMeasure: [twin, occurrence('item-1', ActionItemStatus.OPEN, checkout)] }))).toEqual([]);
    });

    it('does not count an earlier occurrence that was done, but counts one closed as WONT_DO', () => {
      expect(codes({}, recurrence({ sameMeasure: [occurrence('item-0', ActionItemStatus.DONE, checkout, at('2024-04-01T00:00:00Z'))] }))).toEqual([]);
      expect(flags({}, recurrence({ sameMeasure: [occurrence('item-0', ActionItemStatus.WONT_DO, checkout)] }))[0].evidence).toEqual([
        { incidentId: 'inc-1', incidentTitle: 'Checkout outage', actionItemId: 'item-0', on: '2024-03-12', note: 'closed as WONT_DO' },
      ]);
    });

    it('orders undated incidents on the same day by when they were recorded', () => {
      const own = incident('inc-own', 'Search down', null, '2024-06-15T15:00:00Z');
      const morning = incident('inc-am', 'Search slow', null, '2024-06-15T09:00:00Z');
      const evening = incident('inc-pm', 'Search slow again', null, '2024-06-15T18:00:00Z');
      const sameMeasure = [occurrence('item-am', ActionItemStatus.BLOCKED, morning), occurrence('item-pm', ActionItemStatus.OPEN, evening)];
      expect(flags({}, { incident: own, sameMeasure, sameRootCause: [] })).toEqual([
        {
          code: 'PROMISED_AGAIN',
          reason: 'The same measure was promised after «Search slow» (2024-06-15) and never done.',
          evidence: [{ incidentId: 'inc-am', incidentTitle: 'Search slow', actionItemId: 'item-am', on: '2024-06-15', note: 'still BLOCKED' }],
        },
      ]);
    });

    it('compares an undated incident by when it was recorded against a dated one, and a tie is not earlier', () => {
      const recordedBefore = incident('inc-a', 'Undated A', null, '2024-06-15T11:59:59Z');
      const sameInstant = incident('inc-b', 'Undated B', null, '2024-06-15T12:00:00Z');
      expect(codes({}, recurrence({ sameMeasure: [occurrence('item-a', ActionItemStatus.OPEN, recordedBefore)] }))).toEqual(['PROMISED_AGAIN']);
      expect(codes({}, recurrence({ sameMeasure: [occurrence('item-b', ActionItemStatus.OPEN, sameInstant)] }))).toEqual([]);
    });

    it('lists every earlier unfinished occurrence, oldest first', () => {
      const older = incident('inc-0', 'Cart timeouts', '2023-11-02T07:00:00Z');
      const sameMeasure = [
        occurrence('item-c', ActionItemStatus.IN_PROGRESS, checkout),
        occurrence('item-o', ActionItemStatus.OPEN, older),
        occurrence('item-c2', ActionItemStatus.WONT_DO, checkout),
      ];
      const [flag] = flags({}, recurrence({ sameMeasure }));
      expect(flag.reason).toBe('The same measure was promised after «Cart timeouts» (2023-11-02) and 1 more incident, and never done.');
      expect(flag.evidence.map((entry) => [entry.actionItemId, entry.note])).toEqual([
        ['item-o', 'still OPEN'],
        ['item-c', 'still IN_PROGRESS'],
        ['item-c2', 'closed as WONT_DO'],
      ]);
    });
  });

  describe('RECURRED_WHILE_OPEN', () => {
    it('flags a recurrence 1 ms after the item was created', () => {
      const recurred = incident('inc-r', 'Checkout errors again', '2024-06-20T08:00:00.001Z');
      expect(flags({}, recurrence({ sameRootCause: [recurred] }))).toEqual([
        {
          code: 'RECURRED_WHILE_OPEN',
          reason: 'Its root cause recurred in «Checkout errors again» (2024-06-20) while this item was still open.',
          evidence: [
            { incidentId: 'inc-r', incidentTitle: 'Checkout errors again', actionItemId: null, on: '2024-06-20', note: 'same root cause, started while this item was still open' },
          ],
        },
      ]);
    });

    it('ignores incidents that started before or exactly when the item was created', () => {
      const before = incident('inc-b', 'Before', '2024-06-20T07:59:59.999Z');
      const same = incident('inc-s', 'Same instant', '2024-06-20T08:00:00Z');
      expect(codes({}, recurrence({ sameRootCause: [before, same] }))).toEqual([]);
    });

    it('ignores undated incidents, even when recorded after the item was created', () => {
      expect(codes({}, recurrence({ sameRootCause: [incident('inc-u', 'Undated', null, '2024-06-25T00:00:00Z')] }))).toEqual([]);
    });

    it('counts several recurrences, oldest first', () => {
      const second = incident('inc-2', 'Second', '2024-06-27T00:00:00Z');
      const first = incident('inc-1', 'First', '2024-06-22T00:00:00Z');
      const [flag] = flags({}, recurrence({ sameRootCause: [second, first] }));
      expect(flag.reason).toBe('Its root cause recurred 2 times, first in «First» (2024-06-22) while this item was still open.');
      expect(flag.evidence.map((entry) => entry.incidentId)).toEqual(['inc-1', 'inc-2']);
    });

    it('flags a DONE item whose root cause recurred before it was completed, not after', () => {
      const done = { status: ActionItemStatus.DONE, completedAt: at('2024-06-25T12:00:00Z') };
      const before = incident('inc-r', 'Recurred', '2024-06-25T11:59:59.999Z');
      expect(flags(done, recurrence({ sameRootCause: [before] }))).toEqual([
        {
          code: 'RECURRED_WHILE_OPEN',
          reason: 'Its root cause recurred in «Recurred» (2024-06-25) before this item was done.',
          evidence: [{ incidentId: 'inc-r', incidentTitle: 'Recurred', actionItemId: null, on: '2024-06-25', note: 'same root cause, started before this item was done' }],
        },
      ]);
      expect(codes(done, recurrence({ sameRootCause: [incident('inc-a', 'After', '2024-06-25T12:00:00.001Z')] }))).toEqual(['INEFFECTIVE']);
    });
  });

  describe('INEFFECTIVE', () => {
    const done = { status: ActionItemStatus.DONE, completedAt: at('2024-06-25T12:00:00Z') };

    it('flags a DONE item whose root cause recurred after it was completed', () => {
      const after = incident('inc-a', 'Checkout errors, third time', '2024-06-29T22:30:00Z');
      expect(flags(done, recurrence({ sameRootCause: [after] }))).toEqual([
        {
          code: 'INEFFECTIVE',
          reason: 'It was done on 2024-06-25, yet its root cause recurred in «Checkout errors, third time» (2024-06-30): check whether the fix works.',
          evidence: [
            { incidentId: 'inc-a', incidentTitle: 'Checkout errors, third time', actionItemId: null, on: '2024-06-30', note: 'same root cause, started after this item was done' },
          ],
        },
      ]);
    });

    it('does not flag a recurrence that came before the completion, or exactly at it', () => {
      expect(codes(done, recurrence({ sameRootCause: [incident('inc-b', 'Before', '2024-06-24T00:00:00Z')] }))).toEqual(['RECURRED_WHILE_OPEN']);
      expect(codes(done, recurrence({ sameRootCause: [incident('inc-s', 'Same', '2024-06-25T12:00:00Z')] }))).toEqual([]);
    });

    it('ignores undated incidents and DONE items without a completion time', () => {
      expect(codes(done, recurrence({ sameRootCause: [incident('inc-u', 'Undated', null, '2024-06-28T00:00:00Z')] }))).toEqual([]);
      expect(codes({ status: ActionItemStatus.DONE, completedAt: null }, recurrence({ sameRootCause: [incident('inc-a', 'After', '2024-06-29T00:00:00Z')] }))).toEqual(
        [],
      );
    });

    it('never flags an active item as ineffective', () => {
      expect(codes({}, recurrence({ sameRootCause: [incident('inc-a', 'After', '2024-06-29T00:00:00Z')] }))).toEqual(['RECURRED_WHILE_OPEN']);
    });
  });

  describe('REMOVED_FROM_SOURCE', () => {
    it('flags a measure a later revision dropped, with the date in the team time zone', () => {
      expect(flags({ removedFromSourceAt: at('2024-06-29T22:15:00Z') })).toEqual([
        { code: 'REMOVED_FROM_SOURCE', reason: 'A later revision of the postmortem dropped it on 2024-06-30, and it was never done.', evidence: [] },
      ]);
    });
  });

  describe('VAGUE', () => {
    it('flags a measure that is only a label', () => {
      expect(flags({ title: 'Stability improvements' })).toEqual([
        {
          code: 'VAGUE',
          reason: '"Stability improvements" is only a label and names nothing checkable: add the deliverable (an alert, a test, a limit …) or a number to verify.',
          evidence: [],
        },
      ]);
    });

    it('flags an intention without deliverable, reading title and description', () => {
      expect(flags({ title: 'Order handling', description: 'Investigate and improve how orders survive broker restarts' })).toEqual([
        {
          code: 'VAGUE',
          reason: 'It says "investigate … improve" but names nothing checkable: add the deliverable (an alert, a test, a limit …) or a number to verify.',
          evidence: [],
        },
      ]);
    });

    it('accepts a label made concrete by its description, and reads a description that repeats the title once', () => {
      expect(codes({ title: 'Broker visibility', description: 'Add a consumer lag alarm per queue' })).toEqual([]);
      expect(codes({ title: 'Better monitoring', description: 'better monitoring' })).toEqual(['VAGUE']);
    });
  });

  describe('closed items', () => {
    const everything: Partial<FlaggableItem> = {
      ownerId: null,
      dueOn: '2024-01-01',
      lastActivityAt: at('2024-01-01T00:00:00Z'),
      removedFromSourceAt: at('2024-06-30T10:00:00Z'),
      title: 'Better monitoring',
    };
    const earlier = recurrence({ sameMeasure: [occurrence('item-0', ActionItemStatus.OPEN, incident('inc-0', 'Earlier', '2024-01-05T00:00:00Z'))] });

    it('gives an active item with every problem all its flags, in FLAG_CODES order', () => {
      expect(codes(everything, earlier)).toEqual(['OVERDUE', 'UNOWNED', 'STALE', 'PROMISED_AGAIN', 'REMOVED_FROM_SOURCE', 'VAGUE']);
      expect(codes({ ...everything, dueOn: null, status: ActionItemStatus.BLOCKED }, null)).toEqual(['UNOWNED', 'NO_DUE_DATE', 'STALE', 'REMOVED_FROM_SOURCE', 'VAGUE']);
    });

    it('gives a DONE item none of the open-item flags', () => {
      expect(flags({ ...everything, status: ActionItemStatus.DONE, completedAt: at('2024-06-01T00:00:00Z') }, earlier)).toEqual([]);
      expect(flags({ ...everything, status: ActionItemStatus.DONE, dueOn: null, completedAt: at('2024-06-01T00:00:00Z') }, null)).toEqual([]);
    });

    it('gives a WONT_DO item nothing at all', () => {
      const recurred = recurrence({ ...earlier, sameRootCause: [incident('inc-r', 'Recurred', '2024-06-29T00:00:00Z')] });
      expect(flags({ ...everything, status: ActionItemStatus.WONT_DO }, recurred)).toEqual([]);
      expect(flags({ ...everything, status: ActionItemStatus.WONT_DO, completedAt: at('2024-06-21T00:00:00Z') }, recurred)).toEqual([]);
    });
  });

  it('computes no recurrence flags without a known incident', () => {
    expect(codes({ status: ActionItemStatus.DONE, completedAt: at('2024-06-25T12:00:00Z') }, null)).toEqual([]);
  });
});
