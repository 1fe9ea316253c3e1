import { ActionItemStatus } from '../action-items/action-item-enums';
import { flagsFor, type FlaggableItem } from './action-item-flags';

const context = { today: '2024-07-01', dueSoonDays: 7 };
const item: FlaggableItem = { status: ActionItemStatus.OPEN, ownerId: 'owner-1', dueOn: '2024-08-01', removedFromSourceAt: null };
const codes = (overrides: Partial<FlaggableItem>) => flagsFor({ ...item, ...overrides }, context).map((f) => f.code);

describe('flagsFor', () => {
  it('flags nothing on an owned item due later', () => {
    expect(flagsFor(item, context)).toEqual([]);
  });

  it('explains overdue, due soon, unowned and undated items', () => {
    expect(flagsFor({ ...item, ownerId: null, dueOn: '2024-06-21' }, context)).toEqual([
      { code: 'UNOWNED', reason: 'Nobody owns this item: assign a person or team, or map its service to an owning team.' },
      { code: 'OVERDUE', reason: 'It was due on 2024-06-21, 10 days ago.' },
    ]);
    expect([codes({ dueOn: '2024-07-08' }), codes({ dueOn: '2024-07-09' }), codes({ dueOn: null }), codes({ dueOn: '2024-07-01' })]).toEqual([
      ['DUE_SOON'],
      [],
      ['NO_DUE_DATE'],
      ['DUE_SOON'],
    ]);
  });

  it('flags a measure a later revision dropped, and nothing once an item is closed', () => {
    expect(codes({ removedFromSourceAt: new Date('2024-06-30T10:00:00Z') })).toEqual(['REMOVED_FROM_SOURCE']);
    expect([codes({ status: ActionItemStatus.DONE, ownerId: null, dueOn: '2024-01-01' }), codes({ status: ActionItemStatus.WONT_DO, dueOn: null })]).toEqual([[], []]);
  });
});
