import * as chrono from 'chrono-node';

export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

const ISO_DAY = /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/;
const NUMERIC_DAY = /\b(\d{1,2})[-/.,]\s?(\d{1,2})[-/.,]\s?(\d{4})\b/;
const MONTH_NAME = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b/i;

export type DayReading = { day: CalendarDay; index: number } | { ambiguous: string; index: number } | null;

/**
 * The calendar day a text names, if any. "04-12-2022" could be April or December: ambiguous, not guessed.
 * "03, 14, 2024" can only be March 14.
 */
export function readCalendarDay(text: string): DayReading {
  const iso = ISO_DAY.exec(text);
  if (iso) return { day: { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) }, index: iso.index };
  const numeric = NUMERIC_DAY.exec(text);
  if (numeric) {
    const [a, b, year] = [Number(numeric[1]), Number(numeric[2]), Number(numeric[3])];
    if (a <= 12 && b <= 12 && a !== b) return { ambiguous: numeric[0], index: numeric.index };
    const [month, day] = a <= 12 ? [a, b] : [b, a];
    return { day: { year, month, day }, index: numeric.index };
  }
  if (!MONTH_NAME.test(text) || !/\b\d{4}\b/.test(text)) return null;
  const parsed = chrono.parse(text)[0];
  if (!parsed?.start.isCertain('day') || !parsed.start.isCertain('month')) return null;
  return { day: { year: parsed.start.get('year')!, month: parsed.start.get('month')!, day: parsed.start.get('day')! }, index: parsed.index };
}
