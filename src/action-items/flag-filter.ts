import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { flagsFor, type FlagCode, type FlagContext } from '../flags/action-item-flags';
import { LinkStatus } from '../root-causes/link-status';
import { ACTIVE_STATUSES, ActionItemStatus } from './action-item-enums';
import type { ActionItemEntity } from './action-item.entity';
import { loadItemRecurrence } from './item-recurrence';

const ACTIVE = `item.status IN ('${ACTIVE_STATUSES.join("', '")}')`;
const LINKED = `EXISTS (SELECT 1 FROM root_cause_link l WHERE l.incident_id = item.incident_id AND l.status <> '${LinkStatus.REJECTED}')`;

// A cheap SQL condition per flag that every flagged item meets (a superset); the pure rules then decide exactly.
const NARROWING: Record<FlagCode, string> = {
  OVERDUE: `${ACTIVE} AND item.due_on < :today`,
  DUE_SOON: `${ACTIVE} AND item.due_on >= :today`,
  UNOWNED: `${ACTIVE} AND item.owner_id IS NULL`,
  NO_DUE_DATE: `${ACTIVE} AND item.due_on IS NULL`,
  STALE: `${ACTIVE} AND item.updated_at <= :now`,
  PROMISED_AGAIN: `${ACTIVE} AND item.measure_id IS NOT NULL`,
  RECURRED_WHILE_OPEN: `(${ACTIVE} OR item.status = '${ActionItemStatus.DONE}') AND ${LINKED}`,
  INEFFECTIVE: `item.status = '${ActionItemStatus.DONE}' AND ${LINKED}`,
  REMOVED_FROM_SOURCE: `${ACTIVE} AND item.removed_from_source_at IS NOT NULL`,
  VAGUE: ACTIVE,
};
const BATCH = 500;

/**
 * The ids of the items, among those `query` selects, that carry any of the flags. The flags are computed by the
 * same pure rules as `actionItem.flags`, so a filter and the field can never disagree.
 */
export async function idsWithFlags(dataSource: DataSource, query: SelectQueryBuilder<ActionItemEntity>, codes: FlagCode[], context: FlagContext): Promise<string[]> {
  const wanted = new Set(codes);
  const candidates = await query
    .clone()
    .andWhere(`(${codes.map((code) => `(${NARROWING[code]})`).join(' OR ')})`, { today: context.today, now: context.now })
    .getMany();
  const flagged: string[] = [];
  for (let start = 0; start < candidates.length; start += BATCH) {
    const batch = candidates.slice(start, start + BATCH);
    const recurrence = await loadItemRecurrence(dataSource, batch.map((item) => item.id));
    for (const item of batch) {
      const flags = flagsFor({ ...item, lastActivityAt: item.updatedAt }, recurrence.get(item.id) ?? null, context);
      if (flags.some((flag) => wanted.has(flag.code))) flagged.push(item.id);
    }
  }
  return flagged;
}
