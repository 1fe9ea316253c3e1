import { Not, type EntityManager } from 'typeorm';
import { ActionItemEntity } from '../action-items/action-item.entity';
import { bestMeasure, measureSignature, type MeasureCandidate } from '../recurrence/measure-match';
import { MeasureEntity } from './measure.entity';

// The GIN index on match_terms finds items sharing words with the new one, most shared first; the matcher then
// scores this many, so import cost stays nearly flat as the corpus grows.
const MAX_CANDIDATES = 30;

interface CandidateRow {
  id: string;
  measure_id: string;
  service_id: string | null;
  category: string | null;
  subject: string | null;
  match_terms: string[];
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
      item.measureId = match?.measureId ?? (await this.newMeasure(item, signature.subject));
      item.measureEvidence = match?.evidence ?? null;
      item.matchTerms = signature.terms;
      item.subject = signature.subject;
      await this.manager.update(ActionItemEntity, { id: item.id }, { measureId: item.measureId, measureEvidence: item.measureEvidence, matchTerms: item.matchTerms, subject: item.subject });
      if (previousMeasureId && previousMeasureId !== item.measureId) await deleteIfEmpty(this.manager, previousMeasureId);
    }
  }

  private async candidates(item: ActionItemEntity, terms: string[], subject: string | null): Promise<MeasureCandidate[]> {
    if (!item.category || (terms.length === 0 && !subject)) return [];
    // Items about the same subject match even with no word in common ("heap dashboards", "track RAM").
    const rows: CandidateRow[] = await this.manager.query(
      `SELECT a.id, a.measure_id, a.service_id, a.category, a.subject, a.match_terms FROM action_item a JOIN measure m ON m.id = a.measure_id AND m.accepts_matches
       WHERE a.category = $1 AND a.id <> $2 AND (a.match_terms && $3::text[] OR a.subject = $4)
       ORDER BY (a.subject IS NOT DISTINCT FROM $4) DESC, cardinality(ARRAY(SELECT unnest(a.match_terms) INTERSECT SELECT unnest($3::text[]))) DESC, a.created_at
       LIMIT ${MAX_CANDIDATES}`,
      [item.category, item.id, terms, subject],
    );
    return rows.map((row) => ({ measureId: row.measure_id, itemId: row.id, serviceId: row.service_id, signature: { category: row.category, subject: row.subject, terms: row.match_terms } }));
  }

  private async isAlone(itemId: string, measureId: string): Promise<boolean> {
    return !(await this.manager.exists(ActionItemEntity, { where: { measureId, id: Not(itemId) } }));
  }

  private async newMeasure(item: ActionItemEntity, subject: string | null): Promise<string> {
    const measure = await this.manager.save(this.manager.create(MeasureEntity, { title: item.title, category: item.category, subject, createdAt: item.createdAt }));
    return measure.id;
  }
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
