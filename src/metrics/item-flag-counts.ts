import type { DataSource } from 'typeorm';
import { ACTIVE_STATUSES, ActionItemStatus } from '../action-items/action-item-enums';
import { loadItemRecurrence } from '../action-items/item-recurrence';
import { flagsFor, type FlagContext, type FlaggableItem } from '../flags/action-item-flags';
import { LinkStatus } from '../root-causes/link-status';
import { ITEM_TEAM, ITEM_TEAM_JOINS } from './item-team';
import type { GaugeSample } from './scraped-gauge';

interface ItemRow {
  id: string;
  title: string;
  description: string | null;
  status: ActionItemStatus;
  owner_id: string | null;
  due_on: string | null;
  created_at: Date;
  completed_at: Date | null;
  removed_from_source_at: Date | null;
  updated_at: Date;
  team: string;
}

const BATCH = 500;
// Only these can carry a flag: WONT_DO items never do, DONE ones only through a root cause shared with other incidents.
const MAY_BE_FLAGGED = `(a.status = ANY($1::text[]) OR (a.status = '${ActionItemStatus.DONE}'
  AND EXISTS (SELECT 1 FROM root_cause_link l WHERE l.incident_id = a.incident_id AND l.status <> '${LinkStatus.REJECTED}')))`;

/**
 * How many items carry each flag, by team. The flags come from the pure rules behind `actionItem.flags`, so the
 * counts agree with `actionItems(filter: { flags })`. Items are read by id in batches, four queries per batch.
 */
export async function countItemFlags(dataSource: DataSource, context: FlagContext): Promise<GaugeSample<'team' | 'flag'>[]> {
  const counts = new Map<string, GaugeSample<'team' | 'flag'>>();
  let after: string | null = null;
  for (;;) {
    const rows: ItemRow[] = await dataSource.query(
      `SELECT a.id, a.title, a.description, a.status, a.owner_id, a.due_on, a.created_at, a.completed_at, a.removed_from_source_at, a.updated_at,
              ${ITEM_TEAM} AS team
         FROM action_item a ${ITEM_TEAM_JOINS}
        WHERE ${MAY_BE_FLAGGED} AND ($2::uuid IS NULL OR a.id > $2::uuid)
        ORDER BY a.id LIMIT ${BATCH}`,
      [ACTIVE_STATUSES, after],
    );
    const recurrence = await loadItemRecurrence(dataSource, rows.map((row) => row.id));
    for (const row of rows) {
      for (const flag of flagsFor(flaggable(row), recurrence.get(row.id) ?? null, context)) {
        const key = `${row.team}\u0000${flag.code}`;
        const sample = counts.get(key) ?? { labels: { team: row.team, flag: flag.code }, value: 0 };
        sample.value += 1;
        counts.set(key, sample);
      }
    }
    if (rows.length < BATCH) return [...counts.values()];
    after = rows[rows.length - 1].id;
  }
}

// lastActivityAt is updatedAt, as in the resolver and the flag filter.
function flaggable(row: ItemRow): FlaggableItem {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    status: row.status,
    ownerId: row.owner_id,
    dueOn: row.due_on,
    createdAt: row.created_at,
    completedAt: row.completed_at,
    removedFromSourceAt: row.removed_from_source_at,
    lastActivityAt: row.updated_at,
  };
}
