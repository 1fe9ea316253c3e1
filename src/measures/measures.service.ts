import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ActionItemStatus } from '../action-items/action-item-enums';
import { ActionItemEntity } from '../action-items/action-item.entity';
import { BadInputError, NotFoundError } from '../common/domain-error';
import { deleteIfEmpty, measureFoundedBy } from './measure-linker';
import { MeasureEntity } from './measure.entity';

export interface MeasureSummary extends MeasureEntity {
  occurrenceCount: number;
  incidentCount: number;
  isEverCompleted: boolean;
}

export interface MeasureFilter {
  minOccurrences?: number | null;
  category?: string | null;
}

/** Measures and their occurrences; merging and splitting are people's decisions that regrouping keeps. */
@Injectable()
export class MeasuresService {
  constructor(private readonly dataSource: DataSource) {}

  list(filter: MeasureFilter): Promise<MeasureSummary[]> {
    const parameters: unknown[] = [Math.max(1, filter.minOccurrences ?? 1)];
    const category = filter.category ? `WHERE m.category = $${parameters.push(filter.category)}` : '';
    return this.summaries(category, parameters);
  }

  async get(id: string): Promise<MeasureSummary> {
    const [found] = await this.summaries('WHERE m.id = $2', [0, id]);
    if (!found) throw new NotFoundError('Measure', id);
    return found;
  }

  /** Its occurrences, oldest incident first. */
  occurrencesOf(measureId: string): Promise<ActionItemEntity[]> {
    return this.dataSource
      .getRepository(ActionItemEntity)
      .createQueryBuilder('item')
      .innerJoin('item.incident', 'i')
      .where('item.measure_id = :measureId', { measureId })
      .orderBy('COALESCE(i.started_at, i.created_at)')
      .addOrderBy('item.source_line_start', 'ASC', 'NULLS LAST')
      .addOrderBy('item.id')
      .getMany();
  }

  async merge(targetId: string, sourceId: string, actor: string): Promise<MeasureSummary> {
    if (targetId === sourceId) throw new BadInputError('A measure cannot be merged into itself.', { field: 'input.sourceId' });
    await this.dataSource.transaction(async (manager) => {
      for (const id of [targetId, sourceId]) if (!(await manager.existsBy(MeasureEntity, { id }))) throw new NotFoundError('Measure', id);
      // The moved items are pinned by the decision; the target's own items stay open to re-matching.
      await manager.update(ActionItemEntity, { measureId: sourceId }, { measureId: targetId, measureDecidedBy: actor, measureEvidence: `Merged by ${actor}.` });
      await manager.delete(MeasureEntity, { id: sourceId });
    });
    return this.get(targetId);
  }

  /** Takes one item out of its measure into a measure of its own. */
  async split(actionItemId: string, actor: string): Promise<MeasureSummary> {
    const measureId = await this.dataSource.transaction(async (manager) => {
      const item = await manager.findOneBy(ActionItemEntity, { id: actionItemId });
      if (!item) throw new NotFoundError('Action item', actionItemId);
      const signature = { category: item.category, subject: item.subject, terms: item.matchTerms };
      const measure = await manager.save(manager.create(MeasureEntity, { ...measureFoundedBy(item, signature), acceptsMatches: false }));
      await manager.update(ActionItemEntity, { id: item.id }, { measureId: measure.id, measureDecidedBy: actor, measureEvidence: `Split off by ${actor}.` });
      if (item.measureId) await deleteIfEmpty(manager, item.measureId);
      return measure.id;
    });
    return this.get(measureId);
  }

  private async summaries(where: string, parameters: unknown[]): Promise<MeasureSummary[]> {
    const rows: { id: string; title: string; category: string | null; subject: string | null; match_terms: string[]; service_id: string | null; accepts_matches: boolean; created_at: Date; occurrences: string; incidents: string; completed: boolean }[] =
      await this.dataSource.query(
        `SELECT m.id, m.title, m.category, m.subject, m.match_terms, m.service_id, m.accepts_matches, m.created_at, count(a.id) AS occurrences, count(DISTINCT a.incident_id) AS incidents,
                COALESCE(bool_or(a.status = '${ActionItemStatus.DONE}'), false) AS completed
         FROM measure m LEFT JOIN action_item a ON a.measure_id = m.id
         ${where}
         GROUP BY m.id HAVING count(a.id) >= $1
         ORDER BY count(a.id) DESC, count(DISTINCT a.incident_id) DESC, m.created_at, m.id`,
        parameters,
      );
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      category: row.category,
      subject: row.subject,
      matchTerms: row.match_terms,
      serviceId: row.service_id,
      acceptsMatches: row.accepts_matches,
      createdAt: row.created_at,
      occurrenceCount: Number(row.occurrences),
      incidentCount: Number(row.incidents),
      isEverCompleted: row.completed,
    }));
  }
}
