import { dateParser } from './date-parser';

export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

const ISO_DAY = /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/;
const NUMERIC_DAY = /\b(\d{1,2})[-/.,]\s?(\d{1,2})[-/.,]\s?(\d{4})\b/;
const MONTH_NAME = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b/i;

/** Days written in digits only (ISO, or day and month in either order); null when there is none. */
export function readNumericDay(text: string): DayReading {
  const iso = ISO_DAY.exec(text);
  if (iso) return validDay({ year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) }, iso.index);
  const numeric = NUMERIC_DAY.exec(text);
  if (!numeric) return null;
  const [a, b, year] = [Number(numeric[1]), Number(numeric[2]), Number(numeric[3])];
  if (a <= 12 && b <= 12 && a !== b) return { ambiguous: numeric[0], index: numeric.index };
  const [month, day] = a <= 12 ? [a, b] : [b, a];
  return validDay({ year, month, day }, numeric.index);
}

/** Only real days: 2024-02-30 and 32/01/2024 name none. */
function validDay(day: CalendarDay, index: number): DayReading {
  const date = new Date(Date.UTC(day.year, day.month - 1, day.day));
  const real = date.getUTCFullYear() === day.year && date.getUTCMonth() === day.month - 1 && date.getUTCDate() === day.day;
  return real ? { day, index } : null;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
// "March 4, 2025", "Feb 28 2025", "4 March 2025", "5th of March 2024": the common shapes, read without chrono.
const MONTH_DAY_YEAR = /\b([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/i;
const DAY_MONTH_YEAR = /\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]{3,9})\.?,?\s+(\d{4})\b/i;

function readWrittenDay(text: string): DayReading {
  const monthFirst = MONTH_DAY_YEAR.exec(text);
  const dayFirst = DAY_MONTH_YEAR.exec(text);
  const match = monthFirst && (!dayFirst || monthFirst.index <= dayFirst.index) ? { m: monthFirst[1], d: monthFirst[2], y: monthFirst[3], index: monthFirst.index } : dayFirst ? { m: dayFirst[2], d: dayFirst[1], y: dayFirst[3], index: dayFirst.index } : null;
  if (!match) return null;
  const month = MONTHS.indexOf(match.m.slice(0, 3).toLowerCase()) + 1;
  const day = Number(match.d);
  if (month === 0 || (match.m.length > 3 && !/^(sept|june|july)$/i.test(match.m) && !MONTH_NAME.test(match.m))) return null;
  return validDay({ year: Number(match.y), month, day }, match.index);
}

export type DayReading = { day: CalendarDay; index: number } | { ambiguous: string; index: number } | null;

/**
 * The calendar day a text names, if any. "04-12-2022" could be April or December: ambiguous, not guessed.
 * "03, 14, 2024" can only be March 14.
 */
export function readCalendarDay(text: string): DayReading {
  const numeric = readNumericDay(text);
  if (numeric) return numeric;
  if (!MONTH_NAME.test(text) || !/\b\d{4}\b/.test(text)) return null;
  const written = readWrittenDay(text);
  if (written) return written;
  const parsed = dateParser.parse(text)[0];
  if (!parsed?.start.isCertain('day') || !parsed.start.isCertain('month')) return null;
  return { day: { year: parsed.start.get('year')!, month: parsed.start.get('month')!, day: parsed.start.get('day')! }, index: parsed.index };
}
