import { addDays } from '../common/calendar';
import { isoWeekOf, parseIsoWeek, shiftWeek } from './iso-week';

describe('parseIsoWeek', () => {
  it('reads a week as its Monday and Sunday', () => {
    expect(parseIsoWeek('2024-W25')).toEqual({ label: '2024-W25', startsOn: '2024-06-17', endsOn: '2024-06-23' });
  });

  it.each([
    ['2024-W01', '2024-01-01', '2024-01-07'],
    ['2025-W01', '2024-12-30', '2025-01-05'],
    ['2021-W01', '2021-01-04', '2021-01-10'],
    ['2020-W53', '2020-12-28', '2021-01-03'],
    ['2026-W53', '2026-12-28', '2027-01-03'],
    ['2024-W52', '2024-12-23', '2024-12-29'],
  ])('%s runs from %s to %s', (label, startsOn, endsOn) => {
    expect(parseIsoWeek(label)).toEqual({ label, startsOn, endsOn });
  });

  it('accepts W53 only in years that have one', () => {
    expect(parseIsoWeek('2020-W53')).not.toBeNull();
    expect(parseIsoWeek('2021-W53')).toBeNull();
    expect(parseIsoWeek('2024-W53')).toBeNull();
    expect(parseIsoWeek('2026-W53')).not.toBeNull();
    expect(parseIsoWeek('2021-W52')).toEqual({ label: '2021-W52', startsOn: '2021-12-27', endsOn: '2022-01-02' });
  });

  it.each(['2024-W00', '2024-W54', '2020-W54', '2024-W99', '2024-25', '2024-W5', '2024-W025', '24-W25', 'W25', '2024W25', '2024-06-17', '', 'next week'])('rejects %j', (label) => {
    expect(parseIsoWeek(label)).toBeNull();
  });

  it('reads weeks of years before 1000, and the weeks before them, without an invalid date (found by the GraphQL fuzz)', () => {
    expect(parseIsoWeek('1000-W01')).toEqual({ label: '1000-W01', startsOn: '0999-12-30', endsOn: '1000-01-05' });
    expect(shiftWeek(parseIsoWeek('1000-W01')!, -1)).toEqual({ label: '0999-W52', startsOn: '0999-12-23', endsOn: '0999-12-29' });
    expect(parseIsoWeek('0500-W10')?.label).toBe('0500-W10');
  });

  it('refuses weeks that reach past 9999-12-31 instead of crashing on a five-digit year (found by the GraphQL fuzz)', () => {
    expect([parseIsoWeek('9999-W52'), parseIsoWeek('9999-W60'), parseIsoWeek('9999-W51')?.endsOn]).toEqual([null, null, '9999-12-26']);
  });

  it('accepts lower case and surrounding blanks', () => {
    expect(parseIsoWeek('2024-w25')).toEqual({ label: '2024-W25', startsOn: '2024-06-17', endsOn: '2024-06-23' });
    expect(parseIsoWeek(' 2024-W25\n')?.label).toBe('2024-W25');
  });
});

describe('isoWeekOf', () => {
  it('puts every day from Monday to Sunday in the same week', () => {
    for (let date = '2024-06-17'; date <= '2024-06-23'; date = addDays(date, 1)) expect([date, isoWeekOf(date).label]).toEqual([date, '2024-W25']);
    expect(isoWeekOf('2024-06-16').label).toBe('2024-W24');
    expect(isoWeekOf('2024-06-24').label).toBe('2024-W26');
  });

  it.each([
    ['2024-12-29', '2024-W52', '2024-12-23'],
    ['2024-12-30', '2025-W01', '2024-12-30'],
    ['2025-01-01', '2025-W01', '2024-12-30'],
    ['2021-01-03', '2020-W53', '2020-12-28'],
    ['2021-01-04', '2021-W01', '2021-01-04'],
    ['2020-12-31', '2020-W53', '2020-12-28'],
    ['2027-01-01', '2026-W53', '2026-12-28'],
    ['2027-01-03', '2026-W53', '2026-12-28'],
    ['2027-01-04', '2027-W01', '2027-01-04'],
    ['2023-01-01', '2022-W52', '2022-12-26'],
    ['2023-01-02', '2023-W01', '2023-01-02'],
    ['2024-02-29', '2024-W09', '2024-02-26'],
  ])('%s is in %s (from %s)', (date, label, startsOn) => {
    expect(isoWeekOf(date)).toEqual({ label, startsOn, endsOn: addDays(startsOn, 6) });
  });
});

describe('shiftWeek', () => {
  const week = (label: string) => parseIsoWeek(label)!;

  it.each([
    ['2024-W25', 1, '2024-W26'],
    ['2024-W25', -1, '2024-W24'],
    ['2024-W25', 0, '2024-W25'],
    ['2024-W52', 1, '2025-W01'],
    ['2025-W01', -1, '2024-W52'],
    ['2020-W52', 1, '2020-W53'],
    ['2020-W53', 1, '2021-W01'],
    ['2021-W01', -1, '2020-W53'],
    ['2024-W03', -11, '2023-W44'],
    ['2024-W25', 52, '2025-W25'],
    ['2020-W25', 52, '2021-W24'],
  ])('%s shifted by %d weeks is %s', (label, weeks, expected) => {
    expect(shiftWeek(week(label), weeks).label).toBe(expected);
  });

  it('moves the Monday by whole weeks', () => {
    expect(shiftWeek(week('2024-W25'), -12)).toEqual({ label: '2024-W13', startsOn: '2024-03-25', endsOn: '2024-03-31' });
  });
});

describe('week labels round trip', () => {
  it('parses the label of every Monday of ten years back to that week, numbered one after another', () => {
    let previous = isoWeekOf('2018-12-31');
    expect(previous.label).toBe('2019-W01');
    let fifty3 = 0;
    for (let monday = '2019-01-07'; monday < '2029-01-01'; monday = addDays(monday, 7)) {
      const week = isoWeekOf(monday);
      expect(week.startsOn).toBe(monday);
      expect(parseIsoWeek(week.label)).toEqual(week);
      expect(isoWeekOf(week.endsOn)).toEqual(week);
      const [year, number] = [Number(week.label.slice(0, 4)), Number(week.label.slice(6))];
      const [lastYear, lastNumber] = [Number(previous.label.slice(0, 4)), Number(previous.label.slice(6))];
      const consecutive = year === lastYear ? number === lastNumber + 1 : year === lastYear + 1 && number === 1 && lastNumber >= 52;
      expect([previous.label, week.label, consecutive]).toEqual([previous.label, week.label, true]);
      if (number === 53) fifty3 += 1;
      expect(shiftWeek(previous, 1)).toEqual(week);
      previous = week;
    }
    // 2020 and 2026 are the long years of 2019–2028.
    expect(fifty3).toBe(2);
  });
});
