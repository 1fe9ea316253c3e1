import { ACTIVE_STATUSES, type ActionItemStatus } from '../action-items/action-item-enums';

export type FlagCode = 'OVERDUE' | 'DUE_SOON' | 'UNOWNED' | 'NO_DUE_DATE' | 'REMOVED_FROM_SOURCE';

export interface Flag {
  code: FlagCode;
  /** One line a person can act on. */
  reason: string;
}

export interface FlaggableItem {
  status: ActionItemStatus;
  ownerId: string | null;
  dueOn: string | null;
  removedFromSourceAt: Date | null;
}

export interface FlagContext {
  /** Today's date (YYYY-MM-DD) where the team works. */
  today: string;
  dueSoonDays: number;
}

/** Warnings on an item that is still to do. Pure: the clock comes in as `today`. */
export function flagsFor(item: FlaggableItem, context: FlagContext): Flag[] {
  if (!ACTIVE_STATUSES.includes(item.status)) return [];
  const flags: Flag[] = [];
  if (!item.ownerId) flags.push({ code: 'UNOWNED', reason: 'Nobody owns this item: assign a person or team, or map its service to an owning team.' });
  if (!item.dueOn) flags.push({ code: 'NO_DUE_DATE', reason: 'It has no due date.' });
  else if (item.dueOn < context.today) flags.push({ code: 'OVERDUE', reason: `It was due on ${item.dueOn}, ${daysBetween(item.dueOn, context.today)} days ago.` });
  else if (daysBetween(context.today, item.dueOn) <= context.dueSoonDays) flags.push({ code: 'DUE_SOON', reason: `It is due on ${item.dueOn}.` });
  if (item.removedFromSourceAt) {
    flags.push({ code: 'REMOVED_FROM_SOURCE', reason: `A later revision of the postmortem dropped it on ${item.removedFromSourceAt.toISOString().slice(0, 10)}, and it was never done.` });
  }
  return flags;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}
