import { agingBuckets, median, percentile, round2 } from './review-stats';

const oneTo = (n: number) => Array.from({ length: n }, (_, index) => index + 1);

describe('median', () => {
  it('is the middle value of an odd count, whatever the order', () => {
    expect(median([7])).toBe(7);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([10, 1, 3, 2, 100])).toBe(3);
  });

  it('is the mean of the two middle values of an even count', () => {
    expect(median([4, 1])).toBe(2.5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([1, 2, 3, 100])).toBe(2.5);
    expect(median([1.5, 2.25])).toBe(1.875);
  });

  it('sorts numerically, not as text', () => {
    expect(median([10, 9, 100])).toBe(10);
  });

  it('is null for no values', () => {
    expect(median([])).toBeNull();
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('percentile (nearest rank)', () => {
  it.each([
    [oneTo(10), 0.9, 9],
    [oneTo(11), 0.9, 10],
    [oneTo(20), 0.9, 18],
    [oneTo(21), 0.9, 19],
    // The rank rounds up: 0.9 × 16 = 14.4 → the 15th value; 0.4 × 3 = 1.2 → the 2nd.
    [oneTo(16), 0.9, 15],
    [oneTo(3), 0.4, 2],
    [oneTo(10), 0.5, 5],
    [oneTo(10), 1, 10],
    [oneTo(10), 0, 1],
    [[42], 0.9, 42],
    [[42], 0.1, 42],
    [[5, 100, 1, 20, 3], 0.9, 100],
    [[5, 100, 1, 20, 3], 0.5, 5],
    [[10, 9, 100, 1], 0.75, 10],
  ])('of %j at %d is %d', (values, fraction, expected) => {
    expect(percentile(values, fraction)).toBe(expected);
  });

  it('is null for no values', () => {
    expect(percentile([], 0.9)).toBeNull();
  });
});

describe('agingBuckets', () => {
  const counts = (days: number[]) => agingBuckets(days).map((bucket) => bucket.count);

  it('names four buckets with their bounds', () => {
    expect(agingBuckets([])).toEqual([
      { label: '0–7 days', minDays: 0, maxDays: 7, count: 0 },
      { label: '8–30 days', minDays: 8, maxDays: 30, count: 0 },
      { label: '31–90 days', minDays: 31, maxDays: 90, count: 0 },
      { label: '> 90 days', minDays: 91, maxDays: null, count: 0 },
    ]);
  });

  it.each([
    [1, [1, 0, 0, 0]],
    [7, [1, 0, 0, 0]],
    [8, [0, 1, 0, 0]],
    [30, [0, 1, 0, 0]],
    [31, [0, 0, 1, 0]],
    [90, [0, 0, 1, 0]],
    [91, [0, 0, 0, 1]],
    [3650, [0, 0, 0, 1]],
  ])('puts %d days overdue in its bucket', (days, expected) => {
    expect(counts([days])).toEqual(expected);
  });

  it('counts every item exactly once', () => {
    const days = [1, 2, 7, 8, 8, 30, 31, 45, 90, 91, 400];
    expect(counts(days)).toEqual([3, 3, 3, 2]);
    expect(counts(days).reduce((sum, count) => sum + count, 0)).toBe(days.length);
  });
});

describe('round2', () => {
  it.each([
    [0, 0],
    [1, 1],
    [2 / 3, 0.67],
    [1 / 3, 0.33],
    [0.125, 0.13],
    [12.3449, 12.34],
    [1.005 * 1000, 1005],
    [7.5, 7.5],
  ])('rounds %d to %d', (value, expected) => {
    expect(round2(value)).toBe(expected);
  });

  it('keeps null', () => {
    expect(round2(null)).toBeNull();
  });
});
