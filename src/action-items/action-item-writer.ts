import type { EntityManager } from 'typeorm';
import { enqueueJiraSync } from '../jira/jira-outbox';
import type { FieldChange } from './action-item-changes';
import { ActionItemEventEntity } from './action-item-event.entity';
import { ActionItemEntity } from './action-item.entity';

/** Inserts an item, its "created" event and its Jira push, inside the caller's transaction. */
export async function insertActionItem(manager: EntityManager, fields: Partial<ActionItemEntity>, actor: string, now: Date): Promise<ActionItemEntity> {
  const item = await manager.save(manager.create(ActionItemEntity, { ...fields, createdAt: now, updatedAt: now }));
  await recordEvents(manager, item.id, actor, now, [{ field: 'created', from: null, to: item.title }]);
  await enqueueJiraSync(manager, [item.id], now);
  return item;
}

/** Applies changes to a loaded item, bumps its version, audits each field and queues the Jira push, inside the caller's transaction. */
export async function saveItemChanges(
  manager: EntityManager,
  item: ActionItemEntity,
  patch: Partial<ActionItemEntity>,
  changes: FieldChange[],
  actor: string,
  now: Date,
  reason: string | null = null,
): Promise<ActionItemEntity> {
  Object.assign(item, patch, { version: item.version + 1, updatedAt: now });
  await manager.save(item);
  await recordEvents(manager, item.id, actor, now, changes, reason);
  await enqueueJiraSync(manager, [item.id], now);
  return item;
}

/** Which items a bulk move selects: those of a service, or those of an incident. */
export type ItemSelection = { serviceId: string } | { incidentId: string };

/**
 * The bulk form of saveItemChanges for a change of service (a merge moves every item of a service, however many):
 * three statements whatever the number of items. The items are locked in id order before their outbox rows, as
 * every item change takes them; those whose service changes get a new version, `updatedAt` and a `serviceId`
 * event (old → new id, which the review undoes to see a past week); every selected item gets a Jira push, since
 * its issue names the service's team and the incident's root cause. Returns the ids of the items that moved.
 */
export async function moveItemsToService(manager: EntityManager, selection: ItemSelection, serviceId: string, actor: string, now: Date, reason: string): Promise<string[]> {
  const [column, value] = 'serviceId' in selection ? ['service_id', selection.serviceId] : ['incident_id', selection.incidentId];
  const items: { id: string; from: string | null }[] = await manager.query(`SELECT id, service_id AS "from" FROM action_item WHERE ${column} = $1 ORDER BY id FOR UPDATE`, [value]);
  const moving = items.filter((item) => item.from !== serviceId);
  if (moving.length > 0) {
    await manager.query(
      `WITH moved AS (
         UPDATE action_item a SET service_id = $3, version = a.version + 1, updated_at = $4
           FROM unnest($1::uuid[], $2::uuid[]) AS m(id, from_id) WHERE a.id = m.id
         RETURNING a.id, m.from_id)
       INSERT INTO action_item_event (action_item_id, actor, at, field, from_value, to_value, reason)
       SELECT id, $5, $4, 'serviceId', from_id::text, $3::text, $6 FROM moved ORDER BY id`,
      [moving.map((item) => item.id), moving.map((item) => item.from), serviceId, now, actor, reason],
    );
  }
  await enqueueJiraSync(manager, items.map((item) => item.id), now);
  return moving.map((item) => item.id);
}

export async function recordEvents(manager: EntityManager, actionItemId: string, actor: string, at: Date, changes: FieldChange[], reason: string | null = null) {
  if (changes.length === 0) return;
  await manager.insert(
    ActionItemEventEntity,
    changes.map((change) => ({ actionItemId, actor, at, field: change.field, fromValue: change.from, toValue: change.to, reason })),
  );
}
