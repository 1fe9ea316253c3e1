import { readCalendarDay, readNumericDay } from './calendar-date';

const day = (year: number, month: number, date: number, index = 0) => ({ day: { year, month, day: date }, index });

describe('readCalendarDay', () => {
  it('refuses to guess a numeric date whose day and month could be swapped', () => {
    expect([readCalendarDay('04-12-2022'), readCalendarDay('on 1/2/2024 at noon'), readCalendarDay('version 1.2.2024')]).toEqual([
      { ambiguous: '04-12-2022', index: 0 },
      { ambiguous: '1/2/2024', index: 3 },
      { ambiguous: '1.2.2024', index: 8 },
    ]);
  });

  it('reads a numeric date when only one order is possible', () => {
    expect([readCalendarDay('03, 14, 2024'), readCalendarDay('14/03/2024'), readCalendarDay('03/14/2024'), readCalendarDay('05.05.2024'), readCalendarDay('14:00 on 12/12/2023')]).toEqual([
      day(2024, 3, 14),
      day(2024, 3, 14),
      day(2024, 3, 14),
      day(2024, 5, 5),
      day(2023, 12, 12, 9),
    ]);
  });

  it('reads ISO dates, with or without leading zeros', () => {
    expect([readCalendarDay('2024-03-14'), readCalendarDay('on 2024-3-4 at noon')]).toEqual([day(2024, 3, 14), day(2024, 3, 4, 3)]);
  });

  it('reads written months in either order, abbreviated, with ordinals and weekdays', () => {
    expect(
      ['March 14, 2024', 'Mar 4 2025', '4 March 2025', '5th of March 2024', 'Sept 9, 2023', 'June 1st, 2024', 'the 3rd of Dec. 2024', 'Monday, 2 September 2024'].map(readCalendarDay),
    ).toEqual([day(2024, 3, 14), day(2025, 3, 4), day(2025, 3, 4), day(2024, 3, 5), day(2023, 9, 9), day(2024, 6, 1), day(2024, 12, 3, 4), day(2024, 9, 2, 8)]);
  });

  it('reads no day from a date without a year, or from text without a date', () => {
    expect([readCalendarDay('March 14'), readCalendarDay('on the 14th'), readCalendarDay('no date here'), readCalendarDay('in 2024')]).toEqual([null, null, null, null]);
  });

  // Impossible days reach isoWithOffset unchecked: a timeline line "2024-02-31 10:00 UTC" becomes the startedAt
  // "2024-02-31T10:00:00+00:00", which no database accepts as a timestamp.
  it('reads no day from an impossible date', () => {
    expect(['32/01/2024', '13/13/2024', '2024-13-45', '2024-02-30', '31/04/2024'].map(readCalendarDay)).toEqual([null, null, null, null, null]);
  });
});

describe('readNumericDay', () => {
  it('reads only dates written in digits', () => {
    expect([readNumericDay('March 14, 2024'), readNumericDay('2024-03-14'), readNumericDay('04-12-2022')]).toEqual([null, day(2024, 3, 14), { ambiguous: '04-12-2022', index: 0 }]);
  });
});
