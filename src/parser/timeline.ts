import { wordCount } from './text-similarity';
import { readCalendarDay, type CalendarDay } from './calendar-date';
import { isoWithOffset, readClockTime, zoneFromPair, zoneOffset } from './clock-time';
import type { Entry } from './outline';
import type { ParseWarning, TimelineEntry } from './parsed-postmortem';

const ZONE_PREFACE = /\b(?:all )?times?(?: are)?(?: shown| given)? in\b|\(all times/i;
const LEAD_SEPARATOR = /^[\s\]):*|–—-]+/;
const MAX_DATED_ENTRIES = 300;
const TIME_COLUMN = /time|when|date/;
const EVENT_COLUMN = /event|description|what|action|detail|update/;

export interface TimelineContext {
  /** Zone named next to the incident's start or end elsewhere in the document, e.g. "(UTC)". */
  documentZone: string | null;
}

/** Timestamped lines of the timeline sections, with the date and zone they inherit from prefaces and date headings. */
export function readTimeline(entries: Entry[], context: TimelineContext, warnings: ParseWarning[]): TimelineEntry[] {
  const timeline: TimelineEntry[] = [];
  let zone: string | null = null;
  let day: CalendarDay | null = null;
  let lastHeading: string | null = null;
  for (const entry of entries) {
    if (entry.role !== 'timeline') continue;
    const headingKey = entry.headings.map((h) => h.text).join('\n');
    if (headingKey !== lastHeading) {
      // "## Timeline (all times in PST/PDT)" over "### 2019-12-11": the zone and the day can sit on different levels.
      lastHeading = headingKey;
      for (const heading of entry.headings) {
        if (ZONE_PREFACE.test(heading.text)) zone = zoneFromPair(heading.text.replace(/.*\btimes?\b/i, '')) ?? zone;
        // Only short headings can be dates ("### 2019-12-11"); the document title is not one.
        const headingDay = wordCount(heading.text, 5) <= 5 ? readCalendarDay(heading.text) : null;
        if (headingDay && 'day' in headingDay) day = headingDay.day;
      }
    }
    const [lead, event] = entry.row ? rowParts(entry.row) : [entry.text, null];
    const time = readClockTime(lead.slice(0, 80));
    if (!time) {
      // "All times in PST, on February 5th 2019": the date and zone of the lines that follow.
      if (ZONE_PREFACE.test(entry.text)) {
        zone = zoneFromPair(entry.text.replace(/.*?\btimes?\b/i, '')) ?? zone;
        const prefaceDay = readCalendarDay(entry.text);
        if (prefaceDay && 'day' in prefaceDay) day = prefaceDay.day;
      }
      continue;
    }
    // Past a few hundred entries the rest of a timeline adds nothing to the incident's window; read clocks only.
    const dayReading = timeline.length < MAX_DATED_ENTRIES ? readCalendarDay(lead.slice(0, time.index + 20)) : null;
    if (dayReading && 'ambiguous' in dayReading) {
      warnings.push({ line: entry.start, column: 0, code: 'AMBIGUOUS_DATE', message: `"${dayReading.ambiguous}" could be day-month or month-day; the date was not used.` });
    }
    const entryDay = dayReading && 'day' in dayReading ? dayReading.day : day;
    const entryZone = time.zone ?? zone ?? context.documentZone;
    const offset = entryDay && entryZone ? zoneOffset(entryZone, entryDay) : null;
    const written = lead.slice(Math.min(dayReading && 'day' in dayReading ? dayReading.index : time.index, time.index), time.end).trim();
    const text = (event ?? lead.slice(time.end).replace(/^\s*\(?[A-Z]{2,5}([+-]\d{1,2})?\)?/, '')).replace(LEAD_SEPARATOR, '').trim();
    timeline.push({
      at: entryDay && offset !== null ? isoWithOffset(entryDay, time.hour, time.minute, offset) : null,
      time: `${written}${time.zone && !written.includes(time.zone) ? ` ${time.zone}` : ''}`,
      text: text || lead,
      line: entry.start,
    });
  }
  return timeline;
}

function rowParts(row: Record<string, string>): [string, string | null] {
  const names = Object.keys(row);
  const timeColumn = names.find((name) => TIME_COLUMN.test(name)) ?? names[0];
  const eventColumn = names.find((name) => name !== timeColumn && EVENT_COLUMN.test(name)) ?? names.find((name) => name !== timeColumn);
  return [row[timeColumn] ?? '', eventColumn ? row[eventColumn] : null];
}
