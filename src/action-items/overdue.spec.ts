import { ActionItemStatus } from './action-item-enums';
import { isOverdue } from './overdue';

describe('isOverdue', () => {
  it.each([
    [ActionItemStatus.OPEN, '2024-06-30', true],
    [ActionItemStatus.BLOCKED, '2024-06-30', true],
    [ActionItemStatus.OPEN, '2024-07-01', false],
    [ActionItemStatus.OPEN, null, false],
    [ActionItemStatus.DONE, '2024-06-01', false],
    [ActionItemStatus.WONT_DO, '2024-06-01', false],
  ])('%s due %s on 2024-07-01 → %s', (status, dueOn, expected) => {
    expect(isOverdue({ status, dueOn }, '2024-07-01')).toBe(expected);
  });
});
