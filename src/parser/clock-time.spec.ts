import { isoWithOffset, minutesBetween, readClockTime, zoneFromPair, zoneOffset } from './clock-time';

describe('readClockTime', () => {
  it.each([
    ['10:00 AM PST', { hour: 10, minute: 0, index: 0, end: 8, zone: 'PST' }],
    ['14:05 UTC', { hour: 14, minute: 5, index: 0, end: 6, zone: 'UTC' }],
    ['2:17 PM (GMT)', { hour: 14, minute: 17, index: 0, end: 7, zone: 'GMT' }],
    ['10.30am WAT', { hour: 10, minute: 30, index: 0, end: 7, zone: 'WAT' }],
    ['at 12:15 am', { hour: 0, minute: 15, index: 3, end: 11, zone: null }],
    ['12:00 pm EAT', { hour: 12, minute: 0, index: 0, end: 8, zone: 'EAT' }],
    ['at 23:59:59 CET', { hour: 23, minute: 59, index: 3, end: 12, zone: 'CET' }],
    ['11:30 PT', { hour: 11, minute: 30, index: 0, end: 6, zone: 'PT' }],
  ])('reads %j with the zone written after it', (text, expected) => {
    expect(readClockTime(text)).toEqual(expected);
  });

  it('reads numeric UTC offsets, with a typographic minus as a plain one', () => {
    expect(['3:07 PM UTC+1', '14:00 UTC-5', '08:00 UTC −4', '09:00 GMT+5:30'].map((text) => readClockTime(text)?.zone)).toEqual(['UTC+1', 'UTC-5', 'UTC-4', 'GMT+5:30']);
  });

  it('leaves the zone empty when the word after the time is not a zone it knows', () => {
    expect(['10:00 XYZ', '10:00 We paged the on-call', '10:00 (5 minutes in)'].map((text) => readClockTime(text)?.zone)).toEqual([null, null, null]);
  });

  it('does not read version numbers, dotted times without am/pm, or impossible clocks as times', () => {
    expect(['version 1.12.13', 'release 2.30', '25:00 UTC', '9:61', 'no time here'].map((text) => readClockTime(text))).toEqual([null, null, null, null, null]);
  });

  // "[+-−]" in the zone pattern is a character range from "+" to "−" (U+2212), so digits, letters and commas
  // after the zone are read as an offset: "UTC, 12" becomes the unknown zone "UTC,12" and the instant is lost.
  it('does not take the words after a zone for a UTC offset', () => {
    expect(['14:00 UTC, 12 pods restarted', '14:00 UTC 12 pods restarted', '09:30 GMT a5 failed'].map((text) => readClockTime(text)?.zone)).toEqual(['UTC', 'UTC', 'GMT']);
  });
});

describe('zoneOffset', () => {
  const day = { year: 2024, month: 9, day: 1 };

  it('maps abbreviations to fixed offsets as written, even where daylight saving would disagree', () => {
    expect(['UTC', 'gmt', 'PST', 'PDT', 'EAT', 'WAT', 'CET', 'BST', 'CST', 'IST'].map((zone) => zoneOffset(zone, day))).toEqual([0, 0, -480, -420, 180, 60, 60, 60, -360, 330]);
  });

  it('reads numeric offsets in hours or hours and minutes', () => {
    expect(['UTC+1', 'UTC-5', 'GMT-3', 'UTC+5:30', 'UTC+0530'].map((zone) => zoneOffset(zone, day))).toEqual([60, -300, -180, 330, 330]);
  });

  it('resolves generic US zones by the daylight-saving calendar of the day (2024: March 10 to November 3)', () => {
    const on = (month: number, date: number) => zoneOffset('PT', { year: 2024, month, day: date });
    expect([on(1, 15), on(3, 9), on(3, 10), on(7, 4), on(11, 2), on(11, 3), on(12, 24)]).toEqual([-480, -480, -420, -420, -420, -480, -480]);
    expect(zoneOffset('ET', { year: 2024, month: 7, day: 4 })).toBe(-240);
  });

  it('returns null for a zone it does not know', () => {
    expect([zoneOffset('XYZ', day), zoneOffset('local', day)]).toEqual([null, null]);
  });
});

describe('zoneFromPair', () => {
  it('reads a standard/daylight pair as the generic zone, and single zones as written', () => {
    expect(['(all times PST/PDT)', 'est/edt', 'in UTC', 'in GMT + 1', 'in EAT', 'in local time'].map(zoneFromPair)).toEqual(['PT', 'ET', 'UTC', 'GMT+1', 'EAT', null]);
  });
});

describe('isoWithOffset', () => {
  it('writes the instant in the given offset, zero-padded', () => {
    expect([
      isoWithOffset({ year: 2024, month: 4, day: 10 }, 14, 0, -480),
      isoWithOffset({ year: 2024, month: 1, day: 2 }, 3, 5, 330),
      isoWithOffset({ year: 2024, month: 1, day: 2 }, 3, 5, 0),
    ]).toEqual(['2024-04-10T14:00:00-08:00', '2024-01-02T03:05:00+05:30', '2024-01-02T03:05:00+00:00']);
  });
});

describe('minutesBetween', () => {
  it('counts minutes between instants written in different offsets', () => {
    expect([minutesBetween('2024-04-10T14:00:00-08:00', '2024-04-10T23:30:00Z'), minutesBetween('2024-04-10T10:00:00+00:00', '2024-04-10T09:00:00+00:00')]).toEqual([90, -60]);
  });
});
