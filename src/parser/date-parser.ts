import * as chrono from 'chrono-node';

// Relative phrases ("for 3 hours", "2 days ago", "within a week") and bare weekdays are never an incident's
// date: leaving those parsers out avoids misreadings and makes each parse about a third faster.
const UNWANTED_PARSERS = /TimeUnit|Weekday|SlashMonthFormat/;
const UNWANTED_REFINERS = /Relative/;

/** chrono's strict English parser, restricted to absolute dates and times. */
export const dateParser = new chrono.Chrono({
  parsers: chrono.strict.parsers.filter((parser) => !UNWANTED_PARSERS.test(parser.constructor.name)),
  refiners: chrono.strict.refiners.filter((refiner) => !UNWANTED_REFINERS.test(refiner.constructor.name)),
});

const DAY_CUE = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[-/.,]\s?\d{1,2}[-/.,]\s?\d{2,4}/i;

/** Whether a text could name a calendar day at all; cheap, so the date parser runs only when it might help. */
export function mayNameDay(text: string): boolean {
  return DAY_CUE.test(text);
}
