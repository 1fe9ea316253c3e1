import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { ConflictError, NotFoundError } from '../common/domain-error';
import { IncidentEntity } from '../incidents/incident.entity';
import { OwnerEntity } from '../owners/owner.entity';
import { ServiceEntity } from '../services/service.entity';
import { diffFields } from './action-item-changes';
import { ActionItemStatus, AssignmentOrigin, Priority } from './action-item-enums';
import { insertActionItem, saveItemChanges } from './action-item-writer';
import { applyTransition } from './action-item-lifecycle';
import { ActionItemEntity } from './action-item.entity';
import type { CreateActionItemInput } from './create-action-item.input';
import type { TransitionActionItemArgs } from './transition-action-item.args';
import type { UpdateActionItemInput } from './update-action-item.input';

/** Every write is one transaction: the row change and its audit events commit together or not at all. */
@Injectable()
export class ActionItemsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  create(input: CreateActionItemInput, actor: string): Promise<ActionItemEntity> {
    return this.dataSource.transaction(async (manager) => {
      await assertExists(manager, IncidentEntity, 'Incident', input.incidentId);
      await this.assertReferences(manager, input);
      return insertActionItem(
        manager,
        {
          incidentId: input.incidentId,
          title: input.title.trim(),
          description: input.description ?? null,
          kind: input.kind,
          priority: input.priority ?? Priority.P3,
          status: ActionItemStatus.OPEN,
          ownerId: input.ownerId ?? null,
          serviceId: input.serviceId ?? null,
          dueOn: input.dueOn ?? null,
          ownerOrigin: input.ownerId ? AssignmentOrigin.MANUAL : null,
          dueOrigin: input.dueOn ? AssignmentOrigin.MANUAL : null,
        },
        actor,
        this.clock.now(),
      );
    });
  }

  update(input: UpdateActionItemInput, actor: string): Promise<ActionItemEntity> {
    return this.dataSource.transaction(async (manager) => {
      const item = await lockItem(manager, input.id);
      assertVersion(item, input.version);
      await this.assertReferences(manager, input);
      const patch = {
        title: input.title?.trim(),
        description: input.description,
        kind: input.kind,
        priority: input.priority,
        ownerId: input.ownerId,
        serviceId: input.serviceId,
        dueOn: input.dueOn,
      };
      const changes = diffFields(item, patch);
      if (changes.length === 0) return item;
      const changed: Partial<ActionItemEntity> = Object.fromEntries(changes.map((change) => [change.field, patch[change.field as keyof typeof patch]]));
      // A person's choice of owner or due date is theirs: imports never overwrite it.
      if (changes.some((c) => c.field === 'ownerId')) changed.ownerOrigin = input.ownerId ? AssignmentOrigin.MANUAL : null;
      if (changes.some((c) => c.field === 'dueOn')) changed.dueOrigin = input.dueOn ? AssignmentOrigin.MANUAL : null;
      return saveItemChanges(manager, item, changed, changes, actor, this.clock.now());
    });
  }

  transition(args: TransitionActionItemArgs, actor: string): Promise<ActionItemEntity> {
    return this.dataSource.transaction(async (manager) => {
      const item = await lockItem(manager, args.id);
      if (args.version) assertVersion(item, args.version);
      const now = this.clock.now();
      const next = applyTransition(item, { to: args.to, reason: args.reason, evidenceUrl: args.evidenceUrl, at: now });
      const changes = diffFields(item, { ...next });
      if (changes.length === 0) return item;
      return saveItemChanges(manager, item, next, changes, actor, now, args.reason?.trim() || null);
    });
  }

  private async assertReferences(manager: EntityManager, refs: { ownerId?: string | null; serviceId?: string | null }): Promise<void> {
    if (refs.ownerId) await assertExists(manager, OwnerEntity, 'Owner', refs.ownerId);
    if (refs.serviceId) await assertExists(manager, ServiceEntity, 'Service', refs.serviceId);
  }
}

// Locks the row so concurrent writers queue behind each other and the version check below is reliable.
async function lockItem(manager: EntityManager, id: string): Promise<ActionItemEntity> {
  const item = await manager.findOne(ActionItemEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!item) throw new NotFoundError('Action item', id);
  return item;
}

function assertVersion(item: ActionItemEntity, expected: number): void {
  if (item.version !== expected) {
    throw new ConflictError(
      `Action item ${item.id} was changed by someone else: you sent version ${expected}, it is now at version ${item.version}. Reload it and apply your change again.`,
      { currentVersion: item.version },
    );
  }
}

async function assertExists(manager: EntityManager, entity: typeof IncidentEntity | typeof OwnerEntity | typeof ServiceEntity, label: string, id: string) {
  if (!(await manager.existsBy(entity, { id }))) throw new NotFoundError(label, id);
}
