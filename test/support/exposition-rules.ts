import { familyOf, parseExposition, type Exposition, type Sample } from './prometheus-exposition';

/**
 * Every rule violation in an exposition: those found while reading it, and the ones across samples that promtool
 * checks too (duplicate series, counter and histogram naming, histogram and summary shape).
 */
export function expositionProblems(text: string): string[] {
  const exposition = parseExposition(text);
  return [...exposition.problems, ...familyProblems(exposition), ...seriesProblems(exposition)];
}

function familyProblems({ families }: Exposition): string[] {
  const problems: string[] = [];
  for (const family of families.values()) {
    if (family.help === null || family.type === null) problems.push(`${family.name} lacks a # ${family.help === null ? 'HELP' : 'TYPE'} line`);
    if (family.help?.trim() === '') problems.push(`${family.name} has an empty # HELP`);
    if (family.type === 'counter' && !family.name.endsWith('_total')) problems.push(`counter ${family.name} should end in _total`);
    if (family.type !== 'counter' && family.name.endsWith('_total')) problems.push(`${family.type} ${family.name} ends in _total, which is for counters`);
  }
  return problems;
}

function seriesProblems({ samples, families }: Exposition): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const sample of samples) {
    const key = seriesKey(sample.name, sample.labels);
    if (seen.has(key)) problems.push(`line ${sample.line}: duplicate series ${key}`);
    seen.add(key);
    const family = familyOf(sample.name, families)!;
    if (family.type === 'counter' && !sample.name.endsWith('_total')) problems.push(`line ${sample.line}: counter sample ${sample.name} should end in _total`);
    if (family.type === 'counter' && sample.value < 0) problems.push(`line ${sample.line}: counter ${sample.name} is negative`);
    if ('le' in sample.labels && !(family.type === 'histogram' && sample.name === `${family.name}_bucket`)) problems.push(`line ${sample.line}: le label outside a histogram bucket`);
    if ('quantile' in sample.labels && !(family.type === 'summary' && sample.name === family.name)) problems.push(`line ${sample.line}: quantile label outside a summary`);
  }
  for (const family of families.values()) {
    const own = samples.filter((sample) => familyOf(sample.name, families) === family);
    if (family.type === 'histogram') problems.push(...histogramProblems(family.name, own));
    if (family.type === 'summary') problems.push(...summaryProblems(family.name, own));
  }
  return problems;
}

/** Per label set: cumulative buckets ending at +Inf, a _sum, and a _count equal to the +Inf bucket. */
function histogramProblems(name: string, samples: Sample[]): string[] {
  const problems: string[] = [];
  if (samples.some((sample) => sample.name === name)) problems.push(`histogram ${name} has a sample without a _bucket/_sum/_count suffix`);
  for (const [key, group] of groupsWithout(samples, 'le')) {
    const buckets = group.filter((sample) => sample.name === `${name}_bucket`);
    const bounds = buckets.map((bucket) => (bucket.labels.le === '+Inf' ? Infinity : Number(bucket.labels.le)));
    if (bounds.some((bound) => Number.isNaN(bound))) problems.push(`histogram ${name}${key}: a bucket's le is not a number`);
    if (bounds.some((bound, i) => i > 0 && bound <= bounds[i - 1])) problems.push(`histogram ${name}${key}: buckets are not in increasing le order`);
    if (buckets.some((bucket, i) => i > 0 && bucket.value < buckets[i - 1].value)) problems.push(`histogram ${name}${key}: buckets are not cumulative`);
    const infinite = buckets.find((bucket) => bucket.labels.le === '+Inf');
    const count = group.find((sample) => sample.name === `${name}_count`);
    if (!infinite) problems.push(`histogram ${name}${key} has no +Inf bucket`);
    if (!count || !group.some((sample) => sample.name === `${name}_sum`)) problems.push(`histogram ${name}${key} lacks _sum or _count`);
    if (infinite && count && infinite.value !== count.value) problems.push(`histogram ${name}${key}: _count differs from the +Inf bucket`);
  }
  return problems;
}

/** Per label set: quantiles between 0 and 1 on the plain name, and a _sum and a _count. */
function summaryProblems(name: string, samples: Sample[]): string[] {
  const problems: string[] = [];
  for (const [key, group] of groupsWithout(samples, 'quantile')) {
    for (const quantile of group.filter((sample) => sample.name === name)) {
      const q = Number(quantile.labels.quantile);
      if (!(q >= 0 && q <= 1)) problems.push(`summary ${name}${key}: quantile "${quantile.labels.quantile}" is not between 0 and 1`);
    }
    if (!group.some((sample) => sample.name === `${name}_sum`) || !group.some((sample) => sample.name === `${name}_count`)) problems.push(`summary ${name}${key} lacks _sum or _count`);
  }
  return problems;
}

function groupsWithout(samples: Sample[], label: string): Map<string, Sample[]> {
  const groups = new Map<string, Sample[]>();
  for (const sample of samples) {
    const rest = Object.fromEntries(Object.entries(sample.labels).filter(([name]) => name !== label));
    const key = seriesKey('', rest);
    groups.set(key, [...(groups.get(key) ?? []), sample]);
  }
  return groups;
}

export function seriesKey(name: string, labels: Record<string, string>): string {
  const pairs = Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${name}{${pairs.map(([label, value]) => `${label}=${JSON.stringify(value)}`).join(',')}}`;
}
