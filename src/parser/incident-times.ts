import { dateParser, mayNameDay } from './date-parser';
import { readCalendarDay, readNumericDay, type CalendarDay } from './calendar-date';
import { isoWithOffset, minutesBetween, readClockTime, zoneOffset } from './clock-time';
import type { Entry, Heading } from './outline';
import type { ParseWarning, TimelineEntry } from './parsed-postmortem';

const START_LABEL = /^(start(ed)?(\s*(time|date|at))?|start-time|began|outage (start|began)|incident start)$/i;
const END_LABEL = /^(end(ed)?(\s*(time|date|at))?|end-time|resolved( at)?|outage end(ed)?|incident end|recovered)$/i;
const WINDOW_LABEL = /^(duration( of (the )?(outage|incident))?|outage window|time window|when|date and time|time)$/i;
const STATED = /(\d+(?:\.\d+)?)\s*-?\s*(hours?|hrs?|h|minutes?|mins?|days?)\b(?:,?\s*(?:and\s*)?(\d+)\s*-?\s*(minutes?|mins?)\b)?/i;
const DURATION_CONTEXT = /\b(lasted|last(ing)?|outage|downtime|down for|period|duration|unavailable for|hiatus|for (about|approximately|around|roughly|over|nearly)?\s*\d)/i;
const PROSE_WINDOW = /\b(from|between)\b[^.]{0,60}?\d{1,2}:\d{2}[^.]{0,40}?\b(to|and|until|till)\b\s*\d{1,2}:\d{2}|\b(start(ed|ing)?|began|beginning) at \d{1,2}:\d{2}/i;
const CLOCK_CUE = /\d:\d\d/;
const RELATIVE_SPAN = /\b\d+\s*(hours?|hrs?|minutes?|mins?|days?|weeks?)\b/i;
const BEGIN_MARK = /\b(outage|incident|impact)\s+(begins|began|starts|started)\b|start of (the )?outage/i;
const END_MARK = /\b(outage|incident|impact)\s+(ends|ended|over)\b|end of (the )?outage/i;
const RESOLVED = /\b(restored|resolved|back to normal|returned (back )?to normal|fully operational|recovered|solved the issue|is functional|confirmed (to be )?(functional|stable|operational)|service resumed)\b/i;

export interface IncidentTimes {
  startedAt: string | null;
  endedAt: string | null;
  durationMinutes: number | null;
  /** The zone written with the start or end ("UTC"), for timelines that do not repeat it. */
  zone: string | null;
}

/** Start and end (only with a date, a time and a zone) from labelled fields, then the timeline. */
export function readIncidentWindow(entries: Entry[], warnings: ParseWarning[]): { startedAt: string | null; endedAt: string | null; zone: string | null } {
  let startedAt: string | null = null;
  let endedAt: string | null = null;
  let zone: string | null = null;
  const day = documentDay(entries);
  // Labelled fields first; then a sentence such as "From 02:14 to 04:40 UTC on 6 April 2025, …".
  let parses = 0;
  for (const { text, kind, line } of chain(windowTexts(entries), proseWindows(entries))) {
    if ((startedAt && endedAt) || parses >= MAX_WINDOW_PARSES) break;
    if ((kind === 'start' && startedAt && !/\bend/i.test(text)) || (kind === 'end' && endedAt)) continue;
    parses++;
    const readings = readInstants(text.slice(0, MAX_WINDOW_TEXT), line, warnings, day);
    zone ??= /\b(UTC|GMT)\b|\b[A-Z]{2,4}T\b/.exec(text)?.[0] ?? null;
    if (kind === 'start') {
      startedAt ??= readings[0] ?? null;
      // "Start: 2:17 PM (GMT) End-time: 3:07 PM (GMT)" on one line.
      if (/\bend/i.test(text)) endedAt ??= readings[1] ?? null;
    } else if (kind === 'end') endedAt ??= readings[0] ?? null;
    else {
      startedAt ??= readings[0] ?? null;
      endedAt ??= readings[1] ?? null;
    }
  }
  return { startedAt, endedAt, zone };
}

/** Completes the window from the timeline, then settles the duration: end − start, else stated, else clock times. */
export function settleIncidentTimes(window: { startedAt: string | null; endedAt: string | null; zone: string | null }, entries: Entry[], timeline: TimelineEntry[], title: string | null): IncidentTimes {
  let { startedAt, endedAt } = window;
  const timed = timeline.filter((t) => t.at);
  if (!startedAt && timed.length) {
    startedAt = (timed.find((t) => BEGIN_MARK.test(t.text)) ?? timed[0]).at;
  }
  if (startedAt && !endedAt) {
    const after = timed.filter((t) => t.at! > startedAt);
    endedAt = (after.find((t) => END_MARK.test(t.text)) ?? after.find((t) => RESOLVED.test(t.text) && !/\bbegins? to\b/i.test(t.text)))?.at ?? null;
  }
  let durationMinutes = startedAt && endedAt ? minutesBetween(startedAt, endedAt) : null;
  if (durationMinutes === null || durationMinutes <= 0 || durationMinutes > 60 * 24 * 30) {
    durationMinutes = statedDuration(entries, title) ?? clockDuration(entries) ?? timelineDuration(timeline);
  }
  return { startedAt, endedAt, durationMinutes, zone: window.zone };
}

function* windowTexts(entries: Entry[]): Generator<{ text: string; kind: 'start' | 'end' | 'window'; line: number }> {
  // Consecutive entries share their heading: its kind is read once per heading, not once per entry.
  let heading: Heading | undefined;
  let headingKind = windowKindOf('');
  for (const entry of entries) {
    if (entry.headings.at(-1) !== heading) {
      heading = entry.headings.at(-1);
      headingKind = windowKindOf(heading?.text.replace(/[:*]/g, '').trim() ?? '');
    }
    const label = entry.field?.label.replace(/[*_]/g, '').trim();
    const value = entry.field?.value ?? entry.text;
    if (label && START_LABEL.test(label)) yield { text: value, kind: 'start', line: entry.start };
    else if (label && END_LABEL.test(label)) yield { text: value, kind: 'end', line: entry.start };
    else if (label && WINDOW_LABEL.test(label)) yield { text: value, kind: 'window', line: entry.start };
    else if (headingKind === 'start' || headingKind === 'end') yield { text: entry.text, kind: headingKind, line: entry.start };
    else if (headingKind === 'window' && entry.role === 'duration') yield { text: entry.text, kind: 'window', line: entry.start };
  }
}

function windowKindOf(heading: string): 'start' | 'end' | 'window' | null {
  if (START_LABEL.test(heading)) return 'start';
  if (END_LABEL.test(heading)) return 'end';
  return WINDOW_LABEL.test(heading) ? 'window' : null;
}

// Dates sit near the start of a line; a longer text is prose that would only slow the date parser down.
const MAX_WINDOW_TEXT = 300;
// A document that has not said when the incident happened in this many candidate lines will not say it.
const MAX_WINDOW_PARSES = 25;

function* chain<T>(...sources: Iterable<T>[]): Generator<T> {
  for (const source of sources) yield* source;
}

/** "Date: March 4, 2025": the day of the incident, for times written without one. */
function documentDay(entries: Entry[]): CalendarDay | null {
  for (const entry of entries) {
    if (!entry.field || !/^(date|incident date|date of (the )?incident|day)$/i.test(entry.field.label)) continue;
    const reading = readCalendarDay(entry.field.value);
    if (reading && 'day' in reading) return reading.day;
  }
  return null;
}

function* proseWindows(entries: Entry[]): Generator<{ text: string; kind: 'window'; line: number }> {
  for (const entry of entries) {
    if (!CLOCK_CUE.test(entry.text) || ['timeline', 'actions', 'lessons'].includes(entry.role ?? '')) continue;
    const sentence = entry.text.split(/(?<=[.!?])\s+/).find((s) => PROSE_WINDOW.test(s));
    if (sentence) yield { text: sentence, kind: 'window', line: entry.start };
  }
}

/** Instants in a text that have a calendar date, a time and a zone; parts written once are shared ("11:30 AM and 3:15 PM UTC on August 12"). */
function readInstants(text: string, line: number, warnings: ParseWarning[], fallbackDay: CalendarDay | null): string[] {
  if (!fallbackDay && !mayNameDay(text)) return [];
  // Only digit-only dates need a look before chrono: it would guess "04-12-2022" and misread "03, 14, 2024".
  const day = readNumericDay(text);
  if (day && 'ambiguous' in day) {
    warnings.push({ line, column: 0, code: 'AMBIGUOUS_DATE', message: `"${day.ambiguous}" could be day-month or month-day; the date was not used.` });
    return [];
  }
  const quick = quickInstants(text, day && 'day' in day ? day.day : fallbackDay);
  if (quick) return quick;
  // Numeric dates chrono misreads ("03, 14, 2024") are rewritten as ISO first.
  const normalized = day && 'day' in day ? text.replace(/\b\d{1,2}[-/.,]\s?\d{1,2}[-/.,]\s?\d{4}\b/, `${day.day.year}-${String(day.day.month).padStart(2, '0')}-${String(day.day.day).padStart(2, '0')}`) : text;
  const components = dateParser
    .parse(normalized)
    // "for 3 hours and 45 minutes" is a length of time, which chrono would turn into an instant from now.
    .filter((result) => !RELATIVE_SPAN.test(result.text))
    .flatMap((result) => (result.end ? [result.start, result.end] : [result.start]));
  const withHour = components.filter((c) => c.isCertain('hour'));
  const dated = components.find((c) => c.isCertain('day') && c.isCertain('month'));
  const zoned = withHour.find((c) => c.isCertain('timezoneOffset'));
  if ((!dated && !fallbackDay) || !zoned) return [];
  return withHour.map((c) => {
    const source = c.isCertain('day') ? c : dated;
    const date = source ? { year: source.get('year')!, month: source.get('month')!, day: source.get('day')! } : fallbackDay!;
    const offset = c.isCertain('timezoneOffset') ? c.get('timezoneOffset')! : zoned.get('timezoneOffset')!;
    return isoWithOffset(date, c.get('hour')!, c.get('minute') ?? 0, offset);
  });
}

/**
 * The common shapes ("Start: 2024-05-02 09:00 UTC", "From 02:14 to 04:40 UTC on 6 April 2025"): one calendar
 * day and zoned clock times, read without chrono, which costs about as much as the rest of the parse. Anything
 * else (two days, a time with no zone anywhere) returns null and goes to chrono.
 */
function quickInstants(text: string, knownDay: CalendarDay | null): string[] | null {
  const day = knownDay ?? singleWrittenDay(text);
  if (!day) return null;
  const clocks: ReturnType<typeof readClockTime>[] = [];
  for (let rest = text, offset = 0, clock = readClockTime(rest); clock; clock = readClockTime(rest)) {
    clocks.push({ ...clock, index: clock.index + offset, end: clock.end + offset });
    offset += clock.end;
    rest = rest.slice(clock.end);
  }
  const zones = new Set(clocks.map((clock) => clock!.zone).filter((zone): zone is string => zone !== null));
  if (clocks.length === 0 || zones.size === 0 || (zones.size > 1 && clocks.some((clock) => !clock!.zone))) return null;
  const shared = [...zones][0];
  const instants = clocks.map((clock) => {
    const offset = zoneOffset(clock!.zone ?? shared, day);
    return offset === null ? null : isoWithOffset(day, clock!.hour, clock!.minute, offset);
  });
  return instants.every((instant): instant is string => instant !== null) ? instants : null;
}

/** The one calendar day a text names, or null when it names none or several. */
function singleWrittenDay(text: string): CalendarDay | null {
  const first = readCalendarDay(text);
  if (!first || !('day' in first)) return null;
  const rest = text.slice(first.index + 4);
  const second = mayNameDay(rest) ? readCalendarDay(rest) : null;
  if (second && 'day' in second && (second.day.day !== first.day.day || second.day.month !== first.day.month || second.day.year !== first.day.year)) return null;
  return first.day;
}

function statedDuration(entries: Entry[], title: string | null): number | null {
  const ranked = [
    ...entries.filter((e) => e.field && /duration|outage|downtime/i.test(e.field.label)).map((e) => e.field!.value),
    ...entries.filter((e) => e.role === 'duration').map((e) => e.text),
    ...(title ? [title] : []),
    ...entries.filter((e) => !['timeline', 'actions', 'lessons'].includes(e.role ?? '') && DURATION_CONTEXT.test(e.text)).map((e) => e.text),
  ];
  for (const text of ranked) {
    const match = STATED.exec(text);
    if (match) return toMinutes(match);
  }
  return null;
}

function toMinutes(match: RegExpExecArray): number {
  const amount = Number(match[1]);
  const unit = match[2].toLowerCase();
  const base = unit.startsWith('d') ? amount * 1440 : unit.startsWith('h') ? amount * 60 : amount;
  return Math.round(base + (match[3] ? Number(match[3]) : 0));
}

/** "14:00 - 16:30 UTC" in a duration line: the minutes between the two clock times. */
function clockDuration(entries: Entry[]): number | null {
  for (const entry of entries) {
    const label = entry.field?.label ?? '';
    if (!/duration|time|window/i.test(label) && entry.role !== 'duration') continue;
    const text = entry.field?.value ?? entry.text;
    const first = readClockTime(text);
    const second = first && readClockTime(text.slice(first.end));
    if (first && second) return wrapDay(second.hour * 60 + second.minute - (first.hour * 60 + first.minute));
  }
  return null;
}

/** First to last timestamp of the timeline, when nothing better is written. */
function timelineDuration(timeline: TimelineEntry[]): number | null {
  const clocks = timeline.map((t) => readClockTime(t.time)).filter((c): c is NonNullable<typeof c> => c !== null);
  if (clocks.length < 2) return null;
  const first = clocks[0];
  const last = clocks[clocks.length - 1];
  return wrapDay(last.hour * 60 + last.minute - (first.hour * 60 + first.minute));
}

function wrapDay(minutes: number): number | null {
  const wrapped = minutes < 0 ? minutes + 1440 : minutes;
  return wrapped > 0 ? wrapped : null;
}
