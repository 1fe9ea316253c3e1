import { addDays, calendarDateIn, daysBetween, isCalendarDate, startOfDayIn } from './calendar';

describe('calendarDateIn', () => {
  it('uses the calendar of the given zone, not UTC', () => {
    const instant = new Date('2024-06-30T23:30:00Z');
    expect([calendarDateIn(instant, 'UTC'), calendarDateIn(instant, 'Europe/Berlin'), calendarDateIn(instant, 'America/Los_Angeles')]).toEqual([
      '2024-06-30',
      '2024-07-01',
      '2024-06-30',
    ]);
  });
});

describe('isCalendarDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-13-01', false],
    ['2024-6-1', false],
    ['2024-06-01T00:00:00Z', false],
    ['', false],
  ])('%j → %s', (value, expected) => {
    expect(isCalendarDate(value)).toBe(expected);
  });
});

describe('addDays', () => {
  it.each([
    ['2024-06-17', 0, '2024-06-17'],
    ['2024-06-17', 6, '2024-06-23'],
    ['2024-01-31', 1, '2024-02-01'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2023-03-01', -1, '2023-02-28'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-02-29', 365, '2025-02-28'],
    ['2024-02-29', 366, '2025-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2025-01-01', -1, '2024-12-31'],
    ['2024-12-30', 7, '2025-01-06'],
    ['2000-02-28', 1, '2000-02-29'],
    ['1900-02-28', 1, '1900-03-01'],
    ['2024-06-17', -77, '2024-04-01'],
  ])('%s %+d days → %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('is not thrown off by DST in the host zone (it counts calendar days)', () => {
    expect(addDays('2024-03-30', 1)).toBe('2024-03-31');
    expect(addDays('2024-03-31', 1)).toBe('2024-04-01');
    expect(addDays('2024-10-26', 2)).toBe('2024-10-28');
  });
});

describe('daysBetween', () => {
  it.each([
    ['2024-06-17', '2024-06-17', 0],
    ['2024-06-17', '2024-06-18', 1],
    ['2024-06-18', '2024-06-17', -1],
    ['2024-02-28', '2024-03-01', 2],
    ['2023-02-28', '2023-03-01', 1],
    ['2024-12-31', '2025-01-01', 1],
    ['2025-01-01', '2024-12-31', -1],
    ['2024-01-01', '2025-01-01', 366],
    ['2025-01-01', '2024-01-01', -366],
    ['2023-01-01', '2024-01-01', 365],
    ['2024-03-30', '2024-04-01', 2],
    ['2024-10-26', '2024-10-28', 2],
  ])('from %s to %s is %d', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });

  it('undoes addDays', () => {
    for (const days of [-400, -31, -1, 0, 1, 29, 365, 1000]) expect(daysBetween('2024-02-29', addDays('2024-02-29', days))).toBe(days);
  });
});

describe('startOfDayIn', () => {
  it.each([
    ['2024-06-17', 'UTC', '2024-06-17T00:00:00.000Z'],
    ['2024-01-15', 'Europe/Berlin', '2024-01-14T23:00:00.000Z'],
    ['2024-06-17', 'Europe/Berlin', '2024-06-16T22:00:00.000Z'],
    // Spring forward at 02:00: the day begins at 00:00 CET (+01:00), the day after at 00:00 CEST (+02:00).
    ['2024-03-31', 'Europe/Berlin', '2024-03-30T23:00:00.000Z'],
    ['2024-04-01', 'Europe/Berlin', '2024-03-31T22:00:00.000Z'],
    // Fall back at 03:00: the day begins at 00:00 CEST (+02:00), the day after at 00:00 CET (+01:00).
    ['2024-10-27', 'Europe/Berlin', '2024-10-26T22:00:00.000Z'],
    ['2024-10-28', 'Europe/Berlin', '2024-10-27T23:00:00.000Z'],
    ['2024-06-17', 'America/Sao_Paulo', '2024-06-17T03:00:00.000Z'],
    ['2024-12-31', 'America/Sao_Paulo', '2024-12-31T03:00:00.000Z'],
    ['2024-06-17', 'Asia/Kolkata', '2024-06-16T18:30:00.000Z'],
    ['2024-06-17', 'Pacific/Kiritimati', '2024-06-16T10:00:00.000Z'],
    ['2025-01-01', 'Pacific/Kiritimati', '2024-12-31T10:00:00.000Z'],
  ])('%s in %s begins at %s', (date, zone, expected) => {
    expect(startOfDayIn(date, zone).toISOString()).toBe(expected);
  });

  it('makes the Berlin DST days 23 and 25 hours long', () => {
    const hours = (from: string, to: string) => (startOfDayIn(to, 'Europe/Berlin').getTime() - startOfDayIn(from, 'Europe/Berlin').getTime()) / 3_600_000;
    expect([hours('2024-03-30', '2024-03-31'), hours('2024-03-31', '2024-04-01'), hours('2024-10-27', '2024-10-28'), hours('2024-06-17', '2024-06-18')]).toEqual([24, 23, 25, 24]);
  });

  // Where the clocks jump at midnight, local midnight does not exist: the day begins at the jump (01:00 local).
  it.each([
    ['2018-11-04', 'America/Sao_Paulo', '2018-11-04T03:00:00.000Z'],
    ['2024-09-08', 'America/Santiago', '2024-09-08T04:00:00.000Z'],
    ['2024-03-10', 'America/Havana', '2024-03-10T05:00:00.000Z'],
  ])('%s in %s (DST gap at midnight) begins when the clocks jump, at %s', (date, zone, expected) => {
    const start = startOfDayIn(date, zone);
    expect(start.toISOString()).toBe(expected);
    expect(calendarDateIn(start, zone)).toBe(date);
    expect(calendarDateIn(new Date(start.getTime() - 1), zone)).toBe(addDays(date, -1));
  });

  // Where the clocks go back from 01:00 to 00:00, midnight happens twice: the day begins at the first.
  it.each([
    ['2024-11-03', 'America/Havana', '2024-11-03T04:00:00.000Z'],
    ['2021-10-29', 'Asia/Amman', '2021-10-28T21:00:00.000Z'],
  ])('%s in %s (midnight twice) begins at the first midnight, %s', (date, zone, expected) => {
    const start = startOfDayIn(date, zone);
    expect(start.toISOString()).toBe(expected);
    expect(calendarDateIn(new Date(start.getTime() - 1), zone)).toBe(addDays(date, -1));
  });

  it.each([
    ['Europe/Berlin', 2024],
    ['America/Sao_Paulo', 2024],
    ['America/Santiago', 2024],
    ['Asia/Kolkata', 2024],
    ['Pacific/Kiritimati', 2024],
    ['Asia/Amman', 2021],
  ])('begins each day of the year in %s (%d) at the first instant of that calendar date there', (zone, year) => {
    const wrong: string[] = [];
    for (let date = `${year}-01-01`; date <= `${year}-12-31`; date = addDays(date, 1)) {
      const start = startOfDayIn(date, zone);
      if (calendarDateIn(start, zone) !== date) wrong.push(`${date} begins on ${calendarDateIn(start, zone)}`);
      if (calendarDateIn(new Date(start.getTime() - 1), zone) !== addDays(date, -1)) wrong.push(`${date} began before ${start.toISOString()}`);
    }
    expect(wrong).toEqual([]);
  });
});
