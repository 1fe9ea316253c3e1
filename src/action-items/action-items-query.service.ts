import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { calendarDateIn } from '../common/calendar';
import { NotFoundError } from '../common/domain-error';
import { containsPattern } from '../common/like-pattern';
import { paginate, type Page, type PageRequest, type Sort, type SortKeyType } from '../common/pagination';
import { Env } from '../config/env';
import type { FlagContext } from '../flags/action-item-flags';
import { ACTIVE_STATUSES } from './action-item-enums';
import { idsWithFlags } from './flag-filter';
import { ActionItemEntity } from './action-item.entity';
import { ActionItemOrderField, type ActionItemFilter, type ActionItemOrder } from './action-items.args';

const SORT_COLUMNS: Record<ActionItemOrderField, { expression: string; keyType: SortKeyType; valueOf: (item: ActionItemEntity) => string | Date | null }> = {
  [ActionItemOrderField.DUE_ON]: { expression: 'item.due_on', keyType: 'date', valueOf: (item) => item.dueOn },
  [ActionItemOrderField.CREATED_AT]: { expression: 'item.created_at', keyType: 'instant', valueOf: (item) => item.createdAt },
  [ActionItemOrderField.UPDATED_AT]: { expression: 'item.updated_at', keyType: 'instant', valueOf: (item) => item.updatedAt },
  [ActionItemOrderField.PRIORITY]: { expression: 'item.priority', keyType: 'text', valueOf: (item) => item.priority },
};

@Injectable()
export class ActionItemsQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly env: Env,
  ) {}

  /** Today's date where the team works: an item due today is not yet overdue. */
  today(): string {
    return calendarDateIn(this.clock.now(), this.env.DUE_DATE_TIME_ZONE);
  }

  flagContext(): FlagContext {
    return { today: this.today(), now: this.clock.now(), timeZone: this.env.DUE_DATE_TIME_ZONE, dueSoonDays: this.env.DUE_SOON_DAYS, staleAfterDays: this.env.STALE_AFTER_DAYS };
  }

  async get(id: string): Promise<ActionItemEntity> {
    const item = await this.dataSource.getRepository(ActionItemEntity).findOneBy({ id });
    if (!item) throw new NotFoundError('Action item', id);
    return item;
  }

  async list(filter: ActionItemFilter, order: ActionItemOrder | null | undefined, page: PageRequest): Promise<Page<ActionItemEntity>> {
    const query = this.dataSource.getRepository(ActionItemEntity).createQueryBuilder('item');
    if (filter.status?.length) query.andWhere('item.status IN (:...status)', { status: filter.status });
    if (filter.kind?.length) query.andWhere('item.kind IN (:...kind)', { kind: filter.kind });
    if (filter.ownerId) query.andWhere('item.owner_id = :ownerId', { ownerId: filter.ownerId });
    if (filter.serviceId) query.andWhere('item.service_id = :serviceId', { serviceId: filter.serviceId });
    if (filter.incidentId) query.andWhere('item.incident_id = :incidentId', { incidentId: filter.incidentId });
    if (filter.dueBefore) query.andWhere('item.due_on < :dueBefore', { dueBefore: filter.dueBefore });
    if (filter.search) {
      query.andWhere('(item.title ILIKE :search OR item.description ILIKE :search)', { search: containsPattern(filter.search) });
    }
    if (typeof filter.overdue === 'boolean') {
      const overdue = 'item.status IN (:...active) AND item.due_on < :today';
      query.andWhere(filter.overdue ? `(${overdue})` : `NOT (${overdue} AND item.due_on IS NOT NULL)`, { active: ACTIVE_STATUSES, today: this.today() });
    }
    if (filter.flags?.length) {
      const ids = await idsWithFlags(this.dataSource, query, filter.flags, this.flagContext());
      query.andWhere(ids.length ? 'item.id IN (:...flagged)' : 'FALSE', { flagged: ids });
    }
    const column = SORT_COLUMNS[order?.field ?? ActionItemOrderField.DUE_ON];
    const sort: Sort = { expression: column.expression, direction: order?.direction ?? 'ASC', keyType: column.keyType, valueOf: column.valueOf };
    return paginate(query, sort, 'item.id', page);
  }
}
