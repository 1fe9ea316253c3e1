import { Not, type EntityManager } from 'typeorm';
import { ActionItemEntity } from '../action-items/action-item.entity';
import { bestMeasure, measureSignature, minSharedTerms, type MeasureCandidate, type MeasureSignature } from '../recurrence/measure-match';
import { MeasureEntity } from './measure.entity';
import { measureTermFrequencies, rarestTerms } from './term-frequencies';

// The candidates: measures of the item's category about its subject (those match even with no word in common:
// "heap dashboards", "track RAM") or sharing words with it, most shared first, the ones about its subject (or with
// none, when it has none) ahead. The matcher scores this many. Measures, not items, are compared: a measure
// proposed fifty times is one candidate.
const MAX_CANDIDATES = 30;

// How many words a measure shares with the item: the item's terms ($2) are distinct, so this is the size of the
// intersection of the two sets (and cheaper to count than an INTERSECT).
const SHARED = '(SELECT count(*) FROM unnest($2::text[]) term WHERE term = ANY(match_terms))';

/**
 * The first MAX_CANDIDATES candidates less those that cannot match, so the matcher picks what it would from all.
 * Common words ("owner", "due", a region) make nearly every measure of a category share a word with an item, so
 * ranking every one that does grew with the corpus. A measure not about the item's subject matches only if it
 * shares minSharedTerms ($5) of the item's words, and then it shares one of any (words − $5 + 1) of them: the
 * rarest ($4) find it through the GIN index. The measures left out share fewer words than every one kept, so they
 * ranked below them anyway — except when the item has no subject ($3 null): subject-less measures then rank first
 * whatever they share, so measures with a subject get only the places left after all of those (`ahead`).
 */
const CANDIDATES = `
  SELECT id, service_id, category, subject, match_terms,
    CASE WHEN $3::text IS NULL AND subject IS NOT NULL THEN (SELECT count(*)::int FROM (
      SELECT FROM measure WHERE accepts_matches AND category = $1 AND subject IS NULL AND match_terms && $2::text[] LIMIT ${MAX_CANDIDATES}) ranked_first) END AS ahead
  FROM measure
  WHERE accepts_matches AND category = $1 AND (subject = $3 OR (match_terms && $4::text[] AND ${SHARED} >= $5))
  ORDER BY (subject IS NOT DISTINCT FROM $3) DESC, ${SHARED} DESC, created_at, id
  LIMIT ${MAX_CANDIDATES}`;

interface CandidateRow {
  id: string;
  service_id: string | null;
  category: string | null;
  subject: string | null;
  match_terms: string[];
  /** On measures with a subject when the item has none: how many subject-less measures share a word (up to 30). */
  ahead: number | null;
}

/** Puts action items into measures (the same measure proposed again) inside the caller's transaction. */
export class MeasureLinker {
  constructor(private readonly manager: EntityManager) {}

  /**
   * Items a person placed by hand keep their measure, and so do items whose wording did not change unless
   * `recheck` (after the matcher changed). An item that matches nothing stays alone in its own measure.
   */
  async assign(items: ActionItemEntity[], options: { recheck?: boolean } = {}): Promise<void> {
    for (const item of items) {
      if (item.measureDecidedBy) continue;
      const signature = measureSignature(measureTextOf(item), item.category);
      if (item.measureId && sameTerms(item.matchTerms, signature.terms) && !options.recheck) continue;
      const match = bestMeasure({ serviceId: item.serviceId, signature }, await this.candidates(item, signature.terms, signature.subject));
      const previousMeasureId = item.measureId;
      if (!match && previousMeasureId && (await this.isAlone(item.id, previousMeasureId))) continue;
      item.measureId = match?.measureId ?? (await this.newMeasure(item, signature));
      item.measureEvidence = match?.evidence ?? null;
      item.matchTerms = signature.terms;
      item.subject = signature.subject;
      await this.manager.update(ActionItemEntity, { id: item.id }, { measureId: item.measureId, measureEvidence: item.measureEvidence, matchTerms: item.matchTerms, subject: item.subject });
      if (previousMeasureId && previousMeasureId !== item.measureId) await deleteIfEmpty(this.manager, previousMeasureId);
    }
  }

  private async candidates(item: ActionItemEntity, terms: string[], subject: string | null): Promise<MeasureCandidate[]> {
    if (!item.category || (terms.length === 0 && !subject)) return [];
    const minShared = minSharedTerms(terms.length);
    const keys = rarestTerms(terms, terms.length - minShared + 1, await measureTermFrequencies(this.manager));
    const rows: CandidateRow[] = await this.manager.query(CANDIDATES, [item.category, terms, subject, keys, minShared]);
    // With a subject, `ahead` is null: LIMIT already keeps the right places.
    let behind = 0;
    return rows
      .filter((row) => row.ahead === null || ++behind <= MAX_CANDIDATES - row.ahead)
      .map((row) => ({ measureId: row.id, serviceId: row.service_id, signature: { category: row.category, subject: row.subject, terms: row.match_terms } }));
  }

  private async isAlone(itemId: string, measureId: string): Promise<boolean> {
    return !(await this.manager.exists(ActionItemEntity, { where: { measureId, id: Not(itemId) } }));
  }

  private async newMeasure(item: ActionItemEntity, signature: MeasureSignature): Promise<string> {
    const measure = await this.manager.save(this.manager.create(MeasureEntity, measureFoundedBy(item, signature)));
    return measure.id;
  }
}

/** A new measure that takes its title, category, subject, words and service from its first occurrence. */
export function measureFoundedBy(item: ActionItemEntity, signature: MeasureSignature): Partial<MeasureEntity> {
  return { title: item.title, category: item.category, subject: signature.subject, matchTerms: signature.terms, serviceId: item.serviceId, createdAt: item.createdAt };
}

export function measureTextOf(item: Pick<ActionItemEntity, 'sourceText' | 'title' | 'description'>): string {
  return item.sourceText ?? [item.title, item.description].filter(Boolean).join(': ');
}

function sameTerms(left: string[], right: string[]): boolean {
  return left.length === right.length && left.every((term, i) => term === right[i]);
}

export async function deleteIfEmpty(manager: EntityManager, measureId: string): Promise<void> {
  await manager.query(`DELETE FROM measure WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM action_item WHERE measure_id = $1)`, [measureId]);
}
