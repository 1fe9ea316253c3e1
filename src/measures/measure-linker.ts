import { Not, type EntityManager } from 'typeorm';
import { ActionItemEntity } from '../action-items/action-item.entity';
import { bestMeasure, measureSignature, type MeasureCandidate, type MeasureSignature } from '../recurrence/measure-match';
import { MeasureEntity } from './measure.entity';

// The GIN index on measure.match_terms (and the subject index) finds measures sharing words or the subject with
// the new item, most shared first; the matcher then scores this many, so import cost stays nearly flat as the
// corpus grows. Measures, not items, are compared: a measure proposed fifty times is one candidate.
const MAX_CANDIDATES = 30;

interface CandidateRow {
  id: string;
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
    // Measures about the same subject match even with no word in common ("heap dashboards", "track RAM").
    const rows: CandidateRow[] = await this.manager.query(
      `SELECT id, service_id, category, subject, match_terms FROM measure
       WHERE accepts_matches AND category = $1 AND (match_terms && $2::text[] OR subject = $3)
       ORDER BY (subject IS NOT DISTINCT FROM $3) DESC, cardinality(ARRAY(SELECT unnest(match_terms) INTERSECT SELECT unnest($2::text[]))) DESC, created_at
       LIMIT ${MAX_CANDIDATES}`,
      [item.category, terms, subject],
    );
    return rows.map((row) => ({ measureId: row.id, serviceId: row.service_id, signature: { category: row.category, subject: row.subject, terms: row.match_terms } }));
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
