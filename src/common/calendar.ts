const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Formatters are made once per zone and reused. Making one per call cost ~70 µs and, worse, native ICU memory
 * that V8 does not count: the heap saw no pressure to collect the small wrappers, so a server answering
 * `isOverdue` for every item of a page held hundreds of MB of dead formatters (a memory soak showed RSS ≈ 3× the heap).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
// Zones come from configuration, but a bound keeps a caller passing many spellings from growing the map.
const MAX_FORMATTERS = 100;

function formatterFor(kind: 'date' | 'dateTime', timeZone: string): Intl.DateTimeFormat {
  const key = `${kind} ${timeZone}`;
  let format = formatters.get(key);
  if (!format) {
    format =
      kind === 'date'
        ? // en-CA formats as YYYY-MM-DD.
          new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
        : new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    formatters.set(key, format);
  }
  return format;
}

/** The calendar date (YYYY-MM-DD) of an instant as seen in a time zone. */
export function calendarDateIn(instant: Date, timeZone: string): string {
  return formatterFor('date', timeZone).format(instant);
}

/** True for a real calendar date written as YYYY-MM-DD (rejects 2024-02-30). */
export function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, year, month, day] = match.map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The calendar date `days` after (or before) a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Whole days from one calendar date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The instant a calendar date begins in a time zone (its local midnight, or the first instant after a DST gap). */
export function startOfDayIn(date: string, timeZone: string): Date {
  const target = Date.parse(`${date}T00:00:00Z`);
  let guess = target;
  // Two corrections by the zone's offset settle it, also across a DST change.
  for (let step = 0; step < 2; step += 1) guess = target - offsetAt(guess, timeZone);
  if (calendarDateIn(new Date(guess), timeZone) !== date || calendarDateIn(new Date(guess - 1), timeZone) === date) {
    // Midnight fell in a DST gap (America/Santiago, America/Havana) or came twice (Asia/Amman): find the day's first
    // instant between the widest offsets (+14:00 still sees the day before, −12:00 already this day).
    let [before, after] = [target - 15 * HOUR_MS, target + 13 * HOUR_MS];
    while (after - before > 1) {
      const middle = Math.floor((before + after) / 2);
      if (calendarDateIn(new Date(middle), timeZone) < date) before = middle;
      else after = middle;
    }
    guess = after;
  }
  return new Date(guess);
}

const HOUR_MS = 3_600_000;

function offsetAt(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    formatterFor('dateTime', timeZone)
      .formatToParts(new Date(instant))
      .map((part) => [part.type, Number(part.value)]),
  );
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}
