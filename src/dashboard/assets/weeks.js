// ISO 8601 weeks (Monday first; week 1 holds the year's first Thursday), for the previous/next links.

const DAY_MS = 86_400_000;

/** The ISO week ("2024-W25") of a calendar date (YYYY-MM-DD). */
export function isoWeekOf(day) {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7;
  const thursday = new Date(date.getTime() + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The ISO week `weeks` weeks after the one starting on `startsOn` (negative: before). */
export function shiftWeek(startsOn, weeks) {
  const date = new Date(Date.parse(`${startsOn}T00:00:00Z`) + weeks * 7 * DAY_MS);
  return isoWeekOf(date.toISOString().slice(0, 10));
}

/** The calendar date of an instant in a time zone, as YYYY-MM-DD. */
export function dayIn(instant, timeZone) {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}
