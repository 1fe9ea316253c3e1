import type { HistoryEvent, SourceItem } from './review-input';

/** The fields of an item that the review reads, as they stood at some instant. */
export interface ItemState {
  status: string;
  dueOn: string | null;
  ownerId: string | null;
  serviceId: string | null;
  title: string;
  completedAt: Date | null;
  removedFromSourceAt: Date | null;
  lastActivityAt: Date;
}

const DATE_FIELDS = new Set(['completedAt', 'removedFromSourceAt']);
/** History names a few changes differently from the entity's field. */
const FIELD_OF_EVENT: Record<string, string> = { removedFromSource: 'removedFromSourceAt' };

/**
 * The item as it was at `instant`, or null if it did not exist yet: today's values with every later change
 * undone, newest first. The audit history records each change's old value, so nothing else is needed.
 */
export function itemStateAt(item: SourceItem, instant: Date): ItemState | null {
  if (item.createdAt > instant) return null;
  const state: ItemState = {
    status: item.status,
    dueOn: item.dueOn,
    ownerId: item.ownerId,
    serviceId: item.serviceId,
    title: item.title,
    completedAt: item.completedAt,
    removedFromSourceAt: item.removedFromSourceAt,
    lastActivityAt: item.createdAt,
  };
  const fields = state as unknown as Record<string, unknown>;
  for (let index = item.events.length - 1; index >= 0; index -= 1) {
    const event = item.events[index];
    if (event.at <= instant) {
      if (event.at > state.lastActivityAt) state.lastActivityAt = event.at;
      continue;
    }
    const field = FIELD_OF_EVENT[event.field] ?? event.field;
    if (field in fields && field !== 'lastActivityAt') fields[field] = valueOf(field, event);
  }
  return state;
}

function valueOf(field: string, event: HistoryEvent): string | Date | null {
  if (event.from === null) return null;
  return DATE_FIELDS.has(field) ? new Date(event.from) : event.from;
}
