import { wordSimilarity } from '../parser/text-similarity';

export interface RevisionMatch {
  /** parsed index → existing id */
  matched: [number, string][];
  added: number[];
  dropped: string[];
}

// Below this, two measures are different measures, not one measure reworded.
const SAME_MEASURE = 0.5;

/** Pairs the measures of a new revision with the items of the previous ones, most similar first. */
export function matchRevisionItems(parsed: string[], existing: { id: string; text: string }[]): RevisionMatch {
  const pairs: [number, number, number][] = [];
  parsed.forEach((text, i) => existing.forEach((item, j) => pairs.push([wordSimilarity(text, item.text), i, j])));
  pairs.sort((a, b) => b[0] - a[0]);
  const usedParsed = new Set<number>();
  const usedExisting = new Set<number>();
  const matched: [number, string][] = [];
  for (const [score, i, j] of pairs) {
    if (score < SAME_MEASURE) break;
    if (usedParsed.has(i) || usedExisting.has(j)) continue;
    usedParsed.add(i);
    usedExisting.add(j);
    matched.push([i, existing[j].id]);
  }
  return {
    matched,
    added: parsed.map((_, i) => i).filter((i) => !usedParsed.has(i)),
    dropped: existing.filter((_, j) => !usedExisting.has(j)).map((item) => item.id),
  };
}
