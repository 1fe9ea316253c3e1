import { readCalendarDay, readNumericDay, type CalendarDay } from './calendar-date';
import { dateParser } from './date-parser';

export interface ItemAnnotations {
  owner: string | null;
  due: string | null;
  doneInSource: boolean;
}

// "Owner: @alice", "(owner: payments-team)", "OWNER: amirh@", "Assignee - bob", "@alice" at the end.
// The name may be two words ("Jane Doe"), but never the next label ("Owner: @alice. Due: …").
const OWNER_LABEL = /\b(?:owners?|assignee|assigned to|responsible|dri)\s*[:=-]\s*(@?[\w@-]+(?:\.[\w-]+)*@?(?:\s+(?!(?:due|deadline|status|eta|priority|by)\b)[A-Z][a-z]+\b(?!\s*:))?)/i;
const TRAILING_HANDLE = /(?:^|[\s(—–-])@([A-Za-z][\w.-]*)\)?\s*$/;
// "(Due: Feb 28, 2025)", "due 2024-07-01", "by 2024-07-01", "by March 5, 2025", "deadline: …".
const DUE_LABEL = /\b(?:due(?: date| by| on)?|deadline|target(?: date)?|eta)\s*[:=-]?\s*([^()\n;|]{4,40})/i;
const BY_DATE = /\bby\s+((?:\d{4}-\d{2}-\d{2})|(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})|(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4}))/i;
const DONE_MARK = /\((?:done|completed|complete|fixed|shipped)\)|\[(?:done|completed)\]|✅/i;

/** Owner, due date and done-mark written into an item's text. Only dates with a year count. */
export function readAnnotations(text: string): ItemAnnotations {
  return { owner: readOwner(text), due: readDue(text), doneInSource: DONE_MARK.test(text) };
}

function readOwner(text: string): string | null {
  const labelled = OWNER_LABEL.exec(text);
  if (labelled) return labelled[1].replace(/[).,;]+$/, '');
  const handle = TRAILING_HANDLE.exec(text);
  return handle ? `@${handle[1].replace(/[.,;]+$/, '')}` : null;
}

function readDue(text: string): string | null {
  const candidate = DUE_LABEL.exec(text)?.[1] ?? BY_DATE.exec(text)?.[1];
  return candidate ? toCalendarDate(candidate) : null;
}

/** YYYY-MM-DD for a written date that names its year, or null. */
export function toCalendarDate(written: string): string | null {
  // Digits-only dates: an impossible or ambiguous one ("2025-02-30", "03/04/2025") gives no due date.
  const numeric = readNumericDay(written);
  if (numeric) return 'day' in numeric ? formatDay(numeric.day) : null;
  if (!/\b\d{4}\b/.test(written)) return null;
  const named = readCalendarDay(written);
  if (named && 'day' in named) return formatDay(named.day);
  const parsed = dateParser.parse(written)[0];
  if (!parsed || !parsed.start.isCertain('year') || !parsed.start.isCertain('day')) return null;
  return formatDay({ year: parsed.start.get('year')!, month: parsed.start.get('month')!, day: parsed.start.get('day')! });
}

function formatDay({ year, month, day }: CalendarDay): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
