import type { DataSource, EntityManager } from 'typeorm';

// PostgreSQL's statistics change only when the table is analysed; a minute-old copy is as good.
const MAX_AGE_MS = 60_000;

interface Snapshot {
  at: number;
  frequencies: Map<string, number>;
}

const snapshots = new WeakMap<DataSource, Snapshot>();

/**
 * The share of measures holding each of the most common match terms, from PostgreSQL's statistics on
 * measure.match_terms (pg_stats.most_common_elems). Words it does not list are rarer than the ones it does;
 * without statistics (never analysed) it is empty. Only used to pick which words to look candidates up by:
 * a stale or empty figure makes that lookup slower, never different.
 */
export async function measureTermFrequencies(manager: EntityManager): Promise<Map<string, number>> {
  const now = performance.now();
  const cached = snapshots.get(manager.dataSource);
  if (cached && now - cached.at < MAX_AGE_MS) return cached.frequencies;
  const rows: { terms: string[] | null; frequencies: number[] | null }[] = await manager.query(
    `SELECT most_common_elems::text::text[] AS terms, most_common_elem_freqs AS frequencies FROM pg_stats
     WHERE schemaname = current_schema() AND tablename = 'measure' AND attname = 'match_terms'`,
  );
  const { terms, frequencies } = rows[0] ?? { terms: null, frequencies: null };
  const snapshot = { at: now, frequencies: new Map((terms ?? []).map((term, i) => [term, frequencies?.[i] ?? 0])) };
  snapshots.set(manager.dataSource, snapshot);
  return snapshot.frequencies;
}

/** The `count` rarest of these terms (unlisted ones first, then by name, so the choice is stable). */
export function rarestTerms(terms: string[], count: number, frequencies: Map<string, number>): string[] {
  return [...terms].sort((a, b) => (frequencies.get(a) ?? 0) - (frequencies.get(b) ?? 0) || (a < b ? -1 : a > b ? 1 : 0)).slice(0, Math.max(0, count));
}
