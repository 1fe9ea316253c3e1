import { itemStateAt, type ItemState } from './item-timeline';
import type { HistoryEvent, SourceItem } from './review-input';

const at = (iso: string) => new Date(iso);
const before = (iso: string) => new Date(Date.parse(iso) - 1);
const event = (iso: string, field: string, from: string | null, to: string | null): HistoryEvent => ({ field, from, to, at: at(iso) });

const CREATED = '2024-06-03T09:00:00.000Z';
const STARTED = '2024-06-04T10:00:00.000Z';
const RESCHEDULED = '2024-06-05T08:00:00.000Z';
const REASSIGNED = '2024-06-06T12:00:00.000Z';
const DONE = '2024-06-10T15:00:00.000Z';
const REOPENED = '2024-06-12T09:00:00.000Z';
const RETITLED = '2024-06-13T09:00:00.000Z';
const EVIDENCE = '2024-06-13T10:00:00.000Z';
const DROPPED = '2024-06-14T11:00:00.000Z';
const RESTORED = '2024-06-18T08:00:00.000Z';
const DONE_AGAIN = '2024-06-20T16:00:00.000Z';

/** Today's row: done (again), due on the 21st, owned by Bob, retitled; every change since creation in `events`. */
const item: SourceItem = {
  id: 'item-1',
  title: 'Alert when checkout errors exceed 2% for 5 minutes',
  description: null,
  incidentId: 'inc-1',
  serviceId: 'svc-checkout',
  measureId: null,
  status: 'DONE',
  dueOn: '2024-06-21',
  ownerId: 'bob',
  createdAt: at(CREATED),
  completedAt: at(DONE_AGAIN),
  removedFromSourceAt: null,
  jiraKey: null,
  jiraUrl: null,
  events: [
    event(STARTED, 'status', 'OPEN', 'IN_PROGRESS'),
    event(RESCHEDULED, 'dueOn', '2024-06-14', '2024-06-21'),
    event(REASSIGNED, 'ownerId', 'alice', 'bob'),
    event(DONE, 'status', 'IN_PROGRESS', 'DONE'),
    event(DONE, 'completedAt', null, DONE),
    event(REOPENED, 'status', 'DONE', 'OPEN'),
    event(REOPENED, 'completedAt', DONE, null),
    event(RETITLED, 'title', 'Add an alert on checkout errors', 'Alert when checkout errors exceed 2% for 5 minutes'),
    // Not a field the review reads: it only counts as activity.
    event(EVIDENCE, 'evidenceUrl', null, 'https://grafana.example.com/d/checkout'),
    event(DROPPED, 'removedFromSource', null, 'revision 2'),
    event(RESTORED, 'removedFromSourceAt', DROPPED, null),
    event(DONE_AGAIN, 'status', 'OPEN', 'DONE'),
    event(DONE_AGAIN, 'completedAt', null, DONE_AGAIN),
  ],
};

const asCreated: ItemState = {
  status: 'OPEN',
  dueOn: '2024-06-14',
  ownerId: 'alice',
  serviceId: 'svc-checkout',
  title: 'Add an alert on checkout errors',
  completedAt: null,
  removedFromSourceAt: null,
  lastActivityAt: at(CREATED),
};

describe('itemStateAt', () => {
  it('is null before the item was created, and the original item from its creation instant on', () => {
    expect(itemStateAt(item, at('2024-01-01T00:00:00Z'))).toBeNull();
    expect(itemStateAt(item, before(CREATED))).toBeNull();
    expect(itemStateAt(item, at(CREATED))).toEqual(asCreated);
    expect(itemStateAt(item, before(STARTED))).toEqual(asCreated);
  });

  it('counts a change as made at its own instant, and not a millisecond before', () => {
    expect(itemStateAt(item, at(STARTED))).toEqual({ ...asCreated, status: 'IN_PROGRESS', lastActivityAt: at(STARTED) });
    expect(itemStateAt(item, before(RESCHEDULED))).toEqual({ ...asCreated, status: 'IN_PROGRESS', lastActivityAt: at(STARTED) });
    expect(itemStateAt(item, at(RESCHEDULED))).toEqual({ ...asCreated, status: 'IN_PROGRESS', dueOn: '2024-06-21', lastActivityAt: at(RESCHEDULED) });
  });

  const inProgress = { ...asCreated, status: 'IN_PROGRESS', dueOn: '2024-06-21', ownerId: 'bob', lastActivityAt: at(REASSIGNED) };

  it('shows the state between two changes', () => {
    expect(itemStateAt(item, at('2024-06-08T00:00:00Z'))).toEqual(inProgress);
    expect(itemStateAt(item, before(DONE))).toEqual(inProgress);
  });

  it('applies the changes of one instant together: DONE with its completedAt', () => {
    const done = { ...inProgress, status: 'DONE', completedAt: at(DONE), lastActivityAt: at(DONE) };
    expect(itemStateAt(item, at(DONE))).toEqual(done);
    expect(itemStateAt(item, before(REOPENED))).toEqual(done);
  });

  it('shows a reopened item as open again, without its old completedAt', () => {
    const reopened = { ...inProgress, status: 'OPEN', lastActivityAt: at(REOPENED) };
    expect(itemStateAt(item, at(REOPENED))).toEqual(reopened);
    expect(itemStateAt(item, before(RETITLED))).toEqual(reopened);
    expect(itemStateAt(item, at(RETITLED))).toEqual({ ...reopened, title: item.title, lastActivityAt: at(RETITLED) });
  });

  it('reads a change to a field it does not track as activity only', () => {
    expect(itemStateAt(item, at(EVIDENCE))).toEqual({ ...inProgress, status: 'OPEN', title: item.title, lastActivityAt: at(EVIDENCE) });
  });

  it('shows the removal from the source while it lasted (removedFromSource, then removedFromSourceAt cleared)', () => {
    const open = { ...inProgress, status: 'OPEN', title: item.title };
    expect(itemStateAt(item, before(DROPPED))).toEqual({ ...open, removedFromSourceAt: null, lastActivityAt: at(EVIDENCE) });
    expect(itemStateAt(item, at(DROPPED))).toEqual({ ...open, removedFromSourceAt: at(DROPPED), lastActivityAt: at(DROPPED) });
    expect(itemStateAt(item, before(RESTORED))).toEqual({ ...open, removedFromSourceAt: at(DROPPED), lastActivityAt: at(DROPPED) });
    expect(itemStateAt(item, at(RESTORED))).toEqual({ ...open, removedFromSourceAt: null, lastActivityAt: at(RESTORED) });
  });

  it("is today's row once every change has happened", () => {
    const today: ItemState = {
      status: 'DONE',
      dueOn: '2024-06-21',
      ownerId: 'bob',
      serviceId: 'svc-checkout',
      title: item.title,
      completedAt: at(DONE_AGAIN),
      removedFromSourceAt: null,
      lastActivityAt: at(DONE_AGAIN),
    };
    expect(itemStateAt(item, before(DONE_AGAIN))).toEqual({ ...today, status: 'OPEN', completedAt: null, lastActivityAt: at(RESTORED) });
    expect(itemStateAt(item, at(DONE_AGAIN))).toEqual(today);
    expect(itemStateAt(item, at('2030-01-01T00:00:00Z'))).toEqual(today);
  });

  it('gives Date values for the date fields, not the strings the history stores', () => {
    const state = itemStateAt(item, at('2024-06-11T00:00:00Z'))!;
    expect(state.completedAt).toBeInstanceOf(Date);
    expect(state.completedAt?.toISOString()).toBe(DONE);
  });

  it('takes the current fields as they are for an item without history, with its creation as its last activity', () => {
    const quiet: SourceItem = { ...item, status: 'BLOCKED', completedAt: null, events: [] };
    expect(itemStateAt(quiet, at(CREATED))).toEqual({ ...asCreated, status: 'BLOCKED', dueOn: '2024-06-21', ownerId: 'bob', title: item.title });
    expect(itemStateAt(quiet, at('2030-01-01T00:00:00Z'))?.lastActivityAt).toEqual(at(CREATED));
  });

  it('undoes a due date or owner that was set where there was none', () => {
    const assigned: SourceItem = {
      ...item,
      events: [event('2024-06-05T00:00:00Z', 'dueOn', null, '2024-06-21'), event('2024-06-06T00:00:00Z', 'ownerId', null, 'bob'), event('2024-06-07T00:00:00Z', 'serviceId', null, 'svc-checkout')],
    };
    expect(itemStateAt(assigned, at('2024-06-04T00:00:00Z'))).toMatchObject({ dueOn: null, ownerId: null, serviceId: null });
    expect(itemStateAt(assigned, at('2024-06-06T00:00:00Z'))).toMatchObject({ dueOn: '2024-06-21', ownerId: 'bob', serviceId: null });
  });

  it('does not change the item it reads', () => {
    const copy = structuredClone(item);
    itemStateAt(item, at(CREATED));
    expect(item).toEqual(copy);
  });
});
