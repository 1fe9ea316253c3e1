import type { AgingBucket } from './review';

/** Nearest-rank percentile of unsorted values; null for none. */
export function percentile(values: readonly number[], fraction: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(fraction * sorted.length) - 1)];
}

/** The median as the mean of the two middle values for an even count. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const BUCKETS: readonly Omit<AgingBucket, 'count'>[] = [
  { label: '0–7 days', minDays: 0, maxDays: 7 },
  { label: '8–30 days', minDays: 8, maxDays: 30 },
  { label: '31–90 days', minDays: 31, maxDays: 90 },
  { label: '> 90 days', minDays: 91, maxDays: null },
];

/** Overdue items counted by how many days late they are. */
export function agingBuckets(daysOverdue: readonly number[]): AgingBucket[] {
  return BUCKETS.map((bucket) => ({
    ...bucket,
    count: daysOverdue.filter((days) => days >= bucket.minDays && (bucket.maxDays === null || days <= bucket.maxDays)).length,
  }));
}

/** Two decimals are enough for days and rates, and keep the numbers stable to compare. */
export function round2(value: number | null): number | null {
  return value === null ? null : Math.round(value * 100) / 100;
}
