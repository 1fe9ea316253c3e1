import { ACTIVE_STATUSES, ActionItemStatus } from '../action-items/action-item-enums';
import { vaguenessOf } from './vagueness';

export type FlagCode =
  | 'OVERDUE'
  | 'DUE_SOON'
  | 'UNOWNED'
  | 'NO_DUE_DATE'
  | 'STALE'
  | 'PROMISED_AGAIN'
  | 'RECURRED_WHILE_OPEN'
  | 'INEFFECTIVE'
  | 'REMOVED_FROM_SOURCE'
  | 'VAGUE';

/** Every flag code, in the order `flagsFor` returns them. */
export const FLAG_CODES: FlagCode[] = [
  'OVERDUE',
  'DUE_SOON',
  'UNOWNED',
  'NO_DUE_DATE',
  'STALE',
  'PROMISED_AGAIN',
  'RECURRED_WHILE_OPEN',
  'INEFFECTIVE',
  'REMOVED_FROM_SOURCE',
  'VAGUE',
];

/** One fact behind a flag: another incident or item, and when. */
export interface FlagEvidence {
  incidentId: string | null;
  incidentTitle: string | null;
  actionItemId: string | null;
  /** YYYY-MM-DD in the context's time zone. */
  on: string | null;
  note: string;
}

export interface Flag {
  code: FlagCode;
  /** One line a person can act on. */
  reason: string;
  /** The other incidents or items that prove it, oldest first; empty for rules on the item's own fields. */
  evidence: FlagEvidence[];
}

export interface FlaggableItem {
  id: string;
  title: string;
  description: string | null;
  status: ActionItemStatus;
  ownerId: string | null;
  /** YYYY-MM-DD */
  dueOn: string | null;
  createdAt: Date;
  completedAt: Date | null;
  removedFromSourceAt: Date | null;
  /** The last change to the item (its newest history event, or updatedAt). */
  lastActivityAt: Date;
}

export interface IncidentFact {
  id: string;
  title: string;
  startedAt: Date | null;
  /** when it was recorded (import time) */
  createdAt: Date;
}

export interface ItemRecurrence {
  /** The item's own incident. */
  incident: IncidentFact;
  /** The other occurrences of the same measure (equivalent items from postmortems), each with its incident. */
  sameMeasure: { itemId: string; status: ActionItemStatus; completedAt: Date | null; incident: IncidentFact }[];
  /** Other incidents linked to the same root cause (failure mode × service) as this item's incident; rejected links are already left out. */
  sameRootCause: IncidentFact[];
}

export interface FlagContext {
  /** Today's date (YYYY-MM-DD) where the team works. */
  today: string;
  /** The current instant. */
  now: Date;
  /** IANA time zone in which dates are printed. */
  timeZone: string;
  dueSoonDays: number;
  staleAfterDays: number;
}

/**
 * Warnings on an action item. Pure: the clock comes in through `context` (`today`, `now`).
 *
 * Who gets what:
 * - Active items (OPEN, IN_PROGRESS, BLOCKED) can get every flag except INEFFECTIVE.
 * - DONE items can only get INEFFECTIVE, and RECURRED_WHILE_OPEN for recurrences before they were completed.
 * - WONT_DO items get nothing.
 *
 * The rules:
 * - OVERDUE: `dueOn < today`; an item due today is not overdue yet.
 * - DUE_SOON: `today ≤ dueOn ≤ today + dueSoonDays` (calendar days).
 * - UNOWNED: no owner. NO_DUE_DATE: no due date.
 * - STALE: no change for at least `staleAfterDays` whole days: `now − lastActivityAt ≥ staleAfterDays × 24 h`.
 * - PROMISED_AGAIN: another occurrence of the same measure comes from an EARLIER incident and was never completed
 *   (any status but DONE, so WONT_DO counts). An incident occurred at `startedAt`, or, when undated, at `createdAt`:
 *   undated incidents are ordered by when they were recorded. Earlier is strict (a tie is not earlier), and
 *   occurrences from this item's own incident never count.
 * - RECURRED_WHILE_OPEN: an incident with the same root cause started strictly after the item was created (and, for a
 *   DONE item, strictly before it was completed). Only `startedAt` counts: an undated incident cannot prove that it
 *   happened while the item was open, so it is ignored (and likewise for INEFFECTIVE).
 * - INEFFECTIVE: a DONE item with `completedAt`, and an incident with the same root cause started strictly after it.
 * - REMOVED_FROM_SOURCE: a later revision of the postmortem dropped the measure while it was still to do.
 * - VAGUE: the title and description name no checkable outcome (see `vaguenessOf`).
 *
 * Without `recurrence` (no incident known), PROMISED_AGAIN, RECURRED_WHILE_OPEN and INEFFECTIVE are not computed.
 * Flags come in `FLAG_CODES` order; each evidence list is oldest first. Dates are printed in `context.timeZone`.
 */
export function flagsFor(item: FlaggableItem, recurrence: ItemRecurrence | null, context: FlagContext): Flag[] {
  const active = ACTIVE_STATUSES.includes(item.status);
  const done = item.status === ActionItemStatus.DONE;
  if (!active && !done) return [];
  const date = (instant: Date) => calendarDateIn(instant, context.timeZone);
  const flags: Flag[] = [];
  const flag = (code: FlagCode, reason: string, evidence: FlagEvidence[] = []) => flags.push({ code, reason, evidence });

  if (active) {
    if (item.dueOn && item.dueOn < context.today) {
      flag('OVERDUE', `It was due on ${item.dueOn}, ${days(daysBetween(item.dueOn, context.today))} ago.`);
    } else if (item.dueOn && daysBetween(context.today, item.dueOn) <= context.dueSoonDays) {
      flag('DUE_SOON', `It is due on ${item.dueOn}, ${fromToday(daysBetween(context.today, item.dueOn))}.`);
    }
    if (!item.ownerId) flag('UNOWNED', 'Nobody owns this item: assign a person or team, or map its service to an owning team.');
    if (!item.dueOn) flag('NO_DUE_DATE', 'It has no due date: set one, or it can never become overdue.');
    const idleMs = context.now.getTime() - item.lastActivityAt.getTime();
    if (idleMs >= context.staleAfterDays * DAY_MS) {
      const since = date(item.lastActivityAt);
      flag('STALE', `Nothing has changed on it since ${since}, ${days(Math.floor(idleMs / DAY_MS))} ago: post progress, re-plan it or close it.`);
    }
    if (recurrence) {
      const promised = promisedBefore(item, recurrence);
      if (promised.length > 0) {
        const first = promised[0].incident;
        const others = new Set(promised.map((occurrence) => occurrence.incident.id)).size - 1;
        const also = others > 0 ? ` and ${others} more ${others === 1 ? 'incident' : 'incidents'},` : '';
        flag(
          'PROMISED_AGAIN',
          `The same measure was promised after «${first.title}» (${date(occurredAt(first))})${also} and never done.`,
          promised.map((occurrence) => ({
            incidentId: occurrence.incident.id,
            incidentTitle: occurrence.incident.title,
            actionItemId: occurrence.itemId,
            on: date(occurredAt(occurrence.incident)),
            note: occurrence.status === ActionItemStatus.WONT_DO ? 'closed as WONT_DO' : `still ${occurrence.status}`,
          })),
        );
      }
    }
  }

  if (recurrence) {
    // A DONE item without completedAt cannot tell which recurrences came while it was open.
    const whileOpen = active ? recurrencesBetween(recurrence, item.createdAt, null) : item.completedAt ? recurrencesBetween(recurrence, item.createdAt, item.completedAt) : [];
    if (whileOpen.length > 0) {
      const when = active ? 'while this item was still open' : 'before this item was done';
      flag(
        'RECURRED_WHILE_OPEN',
        `Its root cause recurred ${recurredIn(whileOpen, date)} ${when}.`,
        whileOpen.map((incident) => evidenceOf(incident, date, `same root cause, started ${when}`)),
      );
    }
    if (done && item.completedAt) {
      const after = recurrencesBetween(recurrence, item.completedAt, null);
      if (after.length > 0) {
        flag(
          'INEFFECTIVE',
          `It was done on ${date(item.completedAt)}, yet its root cause recurred ${recurredIn(after, date)}: check whether the fix works.`,
          after.map((incident) => evidenceOf(incident, date, 'same root cause, started after this item was done')),
        );
      }
    }
  }

  if (active) {
    if (item.removedFromSourceAt) {
      flag('REMOVED_FROM_SOURCE', `A later revision of the postmortem dropped it on ${date(item.removedFromSourceAt)}, and it was never done.`);
    }
    const vague = vaguenessOf(measureText(item));
    if (vague) flag('VAGUE', vague);
  }

  return flags.sort((a, b) => FLAG_CODES.indexOf(a.code) - FLAG_CODES.indexOf(b.code));
}

const DAY_MS = 86_400_000;

type Occurrence = ItemRecurrence['sameMeasure'][number];
type DatedIncident = IncidentFact & { startedAt: Date };

/** When an incident happened: its start, or, when undated, when it was recorded. */
function occurredAt(incident: IncidentFact): Date {
  return incident.startedAt ?? incident.createdAt;
}

/** Unfinished occurrences of the same measure from strictly earlier incidents (never this item's own), oldest first. */
function promisedBefore(item: FlaggableItem, recurrence: ItemRecurrence): Occurrence[] {
  const own = recurrence.incident;
  const ownAt = occurredAt(own).getTime();
  return recurrence.sameMeasure
    .filter((occurrence) => occurrence.itemId !== item.id && occurrence.incident.id !== own.id)
    .filter((occurrence) => occurrence.status !== ActionItemStatus.DONE && occurredAt(occurrence.incident).getTime() < ownAt)
    .sort((a, b) => occurredAt(a.incident).getTime() - occurredAt(b.incident).getTime());
}

/** Dated same-root-cause incidents that started strictly after `from` and, with `until`, strictly before it, oldest first. */
function recurrencesBetween(recurrence: ItemRecurrence, from: Date, until: Date | null): DatedIncident[] {
  return recurrence.sameRootCause
    .filter((incident): incident is DatedIncident => incident.startedAt !== null && incident.id !== recurrence.incident.id)
    .filter((incident) => incident.startedAt > from && (!until || incident.startedAt < until))
    .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
}

function recurredIn(incidents: DatedIncident[], date: (instant: Date) => string): string {
  const [first] = incidents;
  const where = `«${first.title}» (${date(first.startedAt)})`;
  return incidents.length === 1 ? `in ${where}` : `${incidents.length} times, first in ${where}`;
}

function evidenceOf(incident: DatedIncident, date: (instant: Date) => string, note: string): FlagEvidence {
  return { incidentId: incident.id, incidentTitle: incident.title, actionItemId: null, on: date(incident.startedAt), note };
}

/** Title and description, without repeating a description that only restates the title. */
function measureText(item: FlaggableItem): string {
  const description = item.description?.trim() ?? '';
  if (!description || description.toLowerCase() === item.title.trim().toLowerCase()) return item.title;
  return `${item.title}\n${description}`;
}

function days(count: number): string {
  return count === 1 ? '1 day' : `${count} days`;
}

function fromToday(count: number): string {
  if (count === 0) return 'today';
  if (count === 1) return 'tomorrow';
  return `in ${count} days`;
}

/** Calendar days between two YYYY-MM-DD dates. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

// Years 1000-9999, where toISOString writes the same four-digit date as the formatter (it pads 999 to 0999).
const ISO_DATES_FROM = Date.UTC(1000, 0, 1);
const ISO_DATES_UNTIL = Date.UTC(10000, 0, 1);

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
function calendarDateIn(instant: Date, timeZone: string): string {
  // UTC, the default zone, needs no ICU: ~10x faster, and a page of flags formats hundreds of dates.
  const ms = instant.getTime();
  if (timeZone === 'UTC' && ms >= ISO_DATES_FROM && ms < ISO_DATES_UNTIL) return instant.toISOString().slice(0, 10);
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}
