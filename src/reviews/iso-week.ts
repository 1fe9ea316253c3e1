import { addDays } from '../common/calendar';

/** An ISO 8601 week: Monday to Sunday, numbered so that week 1 holds the year's first Thursday. */
export interface IsoWeek {
  /** e.g. 2024-W25 */
  label: string;
  /** Monday, YYYY-MM-DD */
  startsOn: string;
  /** Sunday, YYYY-MM-DD */
  endsOn: string;
}

const WEEK_LABEL = /^(\d{4})-W(\d{2})$/;

/** Reads "2024-W25"; null when it is not a week that exists (W53 only in long years). */
export function parseIsoWeek(label: string): IsoWeek | null {
  const match = WEEK_LABEL.exec(label.trim().toUpperCase());
  if (!match) return null;
  const [year, week] = [Number(match[1]), Number(match[2])];
  if (week < 1) return null;
  const startsOn = addDays(mondayOfWeekOne(year), (week - 1) * 7);
  // A week that reaches past 9999-12-31 has days no four-digit date can name (9999-W53 ended in +010000-01-…).
  const fourDigits = (date: string) => /^\d{4}-\d{2}-\d{2}$/.test(date);
  if (!fourDigits(startsOn) || !fourDigits(addDays(startsOn, 6))) return null;
  const parsed = isoWeekOf(startsOn);
  return parsed.label === `${yearText(year)}-W${String(week).padStart(2, '0')}` ? parsed : null;
}

/** The ISO week a calendar date falls in. */
export function isoWeekOf(date: string): IsoWeek {
  const day = new Date(`${date}T00:00:00Z`);
  const weekday = (day.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const startsOn = addDays(date, -weekday);
  const thursday = addDays(startsOn, 3);
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((Date.parse(`${thursday}T00:00:00Z`) - Date.parse(`${mondayOfWeekOne(year)}T00:00:00Z`)) / (7 * 86_400_000)) + 1;
  return { label: `${yearText(year)}-W${String(week).padStart(2, '0')}`, startsOn, endsOn: addDays(startsOn, 6) };
}

export function shiftWeek(week: IsoWeek, weeks: number): IsoWeek {
  return isoWeekOf(addDays(week.startsOn, weeks * 7));
}

// Four digits, as in dates: years before 1000 (the trend of 1000-W01 reaches into 999) made an invalid date.
function yearText(year: number): string {
  return String(year).padStart(4, '0');
}

function mondayOfWeekOne(year: number): string {
  const january4 = `${yearText(year)}-01-04`;
  const weekday = (new Date(`${january4}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(january4, -weekday);
}
