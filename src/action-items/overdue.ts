import { ACTIVE_STATUSES, type ActionItemStatus } from './action-item-enums';

/** Still to do and due before `today` (YYYY-MM-DD): an item due today is not overdue yet. */
export function isOverdue(item: { status: ActionItemStatus; dueOn: string | null }, today: string): boolean {
  return item.dueOn !== null && item.dueOn < today && ACTIVE_STATUSES.includes(item.status);
}
