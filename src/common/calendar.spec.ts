import { calendarDateIn, isCalendarDate } from './calendar';

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
