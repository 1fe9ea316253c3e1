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

export async function recordEvents(manager: EntityManager, actionItemId: string, actor: string, at: Date, changes: FieldChange[], reason: string | null = null) {
  if (changes.length === 0) return;
  await manager.insert(
    ActionItemEventEntity,
    changes.map((change) => ({ actionItemId, actor, at, field: change.field, fromValue: change.from, toValue: change.to, reason })),
  );
}
