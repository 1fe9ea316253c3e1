/** Clock times and zone abbreviations as postmortems write them ("10:00 AM PST", "14:05 UTC", "2:17 PM (GMT)"). */

// Fixed offsets in minutes, taken as written even where daylight saving would disagree ("PST" in September).
const ZONES: Record<string, number> = {
  UTC: 0, GMT: 0, Z: 0, WET: 0,
  BST: 60, CET: 60, WAT: 60, WEST: 60, CEST: 120, EET: 120, CAT: 120, SAST: 120, EEST: 180, EAT: 180, MSK: 180,
  IST: 330, ICT: 420, WIB: 420, SGT: 480, HKT: 480, AWST: 480, JST: 540, KST: 540, AEST: 600, AEDT: 660, NZST: 720, NZDT: 780,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420, AKST: -540, HST: -600,
};
// Generic zones follow the US daylight-saving calendar.
const GENERIC_US = { ET: -300, CT: -360, MT: -420, PT: -480 } as Record<string, number>;

// "14:05", "2:17 PM", "10.30am"; a dot only with am/pm, so version numbers like 1.12.13 are not times.
export const TIME_OF_DAY = /(?<![\d.:])(\d{1,2})(?::(\d{2})(?::\d{2})?\s*([ap]\.?m\.?\b)?|\.(\d{2})\s*([ap]\.?m\.?\b))(?![\d:])/i;
// [+\-−], not [+-−]: the latter is a range that takes in digits, letters and commas.
export const ZONE_AFTER = /^\s*\(?\s*(UTC|GMT)\s*([+\-−]\s*\d{1,2}(?::?\d{2})?)?\s*\)?|^\s*\(?\s*([A-Z]{1,5})\b\s*\)?/;

export interface ClockTime {
  hour: number;
  minute: number;
  /** Where the time ends in the text it was read from. */
  end: number;
  index: number;
  zone: string | null;
}

/** The first clock time in a text, with the zone written right after it, if any. */
export function readClockTime(text: string): ClockTime | null {
  const match = TIME_OF_DAY.exec(text);
  if (!match) return null;
  let hour = Number(match[1]);
  const minute = Number(match[2] ?? match[4]);
  const meridiem = (match[3] ?? match[5])?.toLowerCase().replace(/\./g, '');
  if (meridiem === 'pm' && hour < 12) hour += 12;
  if (meridiem === 'am' && hour === 12) hour = 0;
  if (hour > 23 || minute > 59) return null;
  const after = text.slice(match.index + match[0].length);
  const zoneMatch = ZONE_AFTER.exec(after);
  const zone = zoneMatch ? zoneName(zoneMatch) : null;
  return { hour, minute, index: match.index, end: match.index + match[0].length, zone };
}

function zoneName(match: RegExpExecArray): string | null {
  if (match[1]) return `${match[1]}${(match[2] ?? '').replace(/\s|−/g, (c) => (c === '−' ? '-' : ''))}`;
  const name = match[3];
  return name in ZONES || name in GENERIC_US ? name : null;
}

/** Minutes east of UTC for a zone as written, on a given date (only generic US zones depend on it). */
export function zoneOffset(zone: string, date: { year: number; month: number; day: number }): number | null {
  const upper = zone.toUpperCase();
  const numeric = /^(?:UTC|GMT)([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(upper);
  if (numeric) return (numeric[1] === '-' ? -1 : 1) * (Number(numeric[2]) * 60 + Number(numeric[3] ?? 0));
  if (upper in ZONES) return ZONES[upper];
  if (upper in GENERIC_US) return GENERIC_US[upper] + (isUsDaylightSaving(date) ? 60 : 0);
  return null;
}

/** "PST/PDT" or "PT": the one in force on that date. */
export function zoneFromPair(text: string): string | null {
  const pair = /\b(P|M|C|E)ST\s*\/\s*\1DT\b/i.exec(text);
  if (pair) return `${pair[1].toUpperCase()}T`;
  const single = /\b(UTC|GMT)\s*([+-]\s*\d{1,2}(?::?\d{2})?)?|\b([A-Z]{2,5})\b/.exec(text);
  if (!single) return null;
  if (single[1]) return `${single[1]}${(single[2] ?? '').replace(/\s/g, '')}`;
  return single[3] in ZONES || single[3] in GENERIC_US ? single[3] : null;
}

// Second Sunday of March to first Sunday of November (close enough at day resolution).
function isUsDaylightSaving({ year, month, day }: { year: number; month: number; day: number }): boolean {
  if (month < 3 || month > 11) return false;
  if (month > 3 && month < 11) return true;
  const firstSunday = (m: number) => 1 + ((7 - new Date(Date.UTC(year, m - 1, 1)).getUTCDay()) % 7);
  return month === 3 ? day >= firstSunday(3) + 7 : day < firstSunday(11);
}

/** "2024-04-10T14:00:00-08:00": an ISO instant written in the given offset. */
export function isoWithOffset(date: { year: number; month: number; day: number }, hour: number, minute: number, offsetMinutes: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${date.year}-${pad(date.month)}-${pad(date.day)}T${pad(hour)}:${pad(minute)}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

export function minutesBetween(startIso: string, endIso: string): number {
  return Math.round((Date.parse(endIso) - Date.parse(startIso)) / 60_000);
}
