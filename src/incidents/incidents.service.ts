import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { BadInputError, NotFoundError } from '../common/domain-error';
import { containsPattern } from '../common/like-pattern';
import { paginate, type Page, type PageRequest } from '../common/pagination';
import type { CreateIncidentInput } from './create-incident.input';
import { IncidentEntity } from './incident.entity';
import type { IncidentFilter } from './incidents.args';

@Injectable()
export class IncidentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async create(input: CreateIncidentInput): Promise<IncidentEntity> {
    const { startedAt = null, endedAt = null } = input;
    if (startedAt && endedAt && endedAt < startedAt) {
      throw new BadInputError('input.endedAt must not be before input.startedAt.', { field: 'input.endedAt' });
    }
    const durationMinutes = input.durationMinutes ?? (startedAt && endedAt ? Math.round((endedAt.getTime() - startedAt.getTime()) / 60_000) : null);
    const repository = this.dataSource.getRepository(IncidentEntity);
    // The injected clock, not the database's: "recorded by the end of the week" must be testable.
    const now = this.clock.now();
    return repository.save(
      repository.create({
        title: input.title.trim(),
        summary: input.summary ?? null,
        startedAt,
        endedAt,
        durationMinutes,
        impactPercent: input.impactPercent ?? null,
        impact: input.impact ?? null,
        severity: input.severity ?? null,
        createdAt: now,
        updatedAt: now,
      }),
    );
  }

  async get(id: string): Promise<IncidentEntity> {
    const incident = await this.dataSource.getRepository(IncidentEntity).findOneBy({ id });
    if (!incident) throw new NotFoundError('Incident', id);
    return incident;
  }

  /** Most recent first; incidents with no start time last. */
  list(filter: IncidentFilter, page: PageRequest): Promise<Page<IncidentEntity>> {
    const query = this.dataSource.getRepository(IncidentEntity).createQueryBuilder('incident');
    if (filter.search) {
      query.andWhere('(incident.title ILIKE :search OR incident.summary ILIKE :search)', { search: containsPattern(filter.search) });
    }
    if (filter.startedAfter) query.andWhere('incident.started_at >= :startedAfter', { startedAfter: filter.startedAfter });
    if (filter.startedBefore) query.andWhere('incident.started_at < :startedBefore', { startedBefore: filter.startedBefore });
    if (filter.severity?.length) query.andWhere('incident.severity IN (:...severity)', { severity: filter.severity });
    return paginate(query, { expression: 'incident.started_at', direction: 'DESC', keyType: 'instant', valueOf: (i: IncidentEntity) => i.startedAt }, 'incident.id', page);
  }
}
