import { In, Not, Like, type EntityManager } from 'typeorm';
import { diffFields } from '../action-items/action-item-changes';
import { ACTIVE_STATUSES, ActionItemKind, ActionItemStatus, AssignmentOrigin } from '../action-items/action-item-enums';
import { ActionItemEventEntity } from '../action-items/action-item-event.entity';
import { insertActionItem, saveItemChanges } from '../action-items/action-item-writer';
import { ActionItemEntity } from '../action-items/action-item.entity';
import type { IncidentEntity } from '../incidents/incident.entity';
import { OwnerKind } from '../owners/owner-kind';
import { OwnerEntity } from '../owners/owner.entity';
import type { ParsedActionItem, ParsedPostmortem } from '../parser/parsed-postmortem';
import type { DuePolicy } from './due-policy';
import { IMPORT_ACTOR_SUFFIX } from './import-actor';
import { assignItem, looksLikeTeam, ownerName, priorityFor } from './item-assignment';
import type { PostmortemEntity } from './postmortem.entity';
import { matchRevisionItems } from './revision-matching';

export interface ItemChanges {
  created: number;
  updated: number;
  removed: number;
  unchanged: number;
}

interface ImportContext {
  parsed: ParsedPostmortem;
  incident: IncidentEntity;
  postmortem: PostmortemEntity;
  /** The owning team of the incident's service, from the ownership map. */
  team: string | null;
  policy: DuePolicy;
  actor: string;
  now: Date;
}

// Fields a person may have edited; a revision of the document never overwrites those edits.
const TEXT_FIELDS = ['title', 'description', 'kind'] as const;

/** Writes a postmortem revision's measures as items, inside the import's transaction. */
export class ImportedItemsWriter {
  private readonly owners = new Map<string, string>();

  constructor(
    private readonly manager: EntityManager,
    private readonly context: ImportContext,
  ) {}

  async createAll(): Promise<ItemChanges> {
    for (const item of this.context.parsed.actionItems) await this.create(item);
    return { created: this.context.parsed.actionItems.length, updated: 0, removed: 0, unchanged: 0 };
  }

  /** New measures are added, reworded ones updated, dropped ones kept and marked as removed from the source. */
  async revise(): Promise<ItemChanges> {
    const parsedItems = this.context.parsed.actionItems;
    const existing = await this.manager.find(ActionItemEntity, { where: { incidentId: this.context.incident.id } });
    const match = matchRevisionItems(
      parsedItems.map((item) => item.text),
      existing.map((item) => ({ id: item.id, text: item.sourceText ?? item.title })),
    );
    const edited = await this.personEditedFields(existing.map((item) => item.id));
    const changes: ItemChanges = { created: 0, updated: 0, removed: 0, unchanged: 0 };
    for (const [index, id] of match.matched) {
      const changed = await this.update(parsedItems[index], existing.find((item) => item.id === id)!, edited.get(id) ?? new Set());
      changes[changed ? 'updated' : 'unchanged']++;
    }
    for (const index of match.added) await this.create(parsedItems[index]);
    changes.created = match.added.length;
    for (const id of match.dropped) {
      const item = existing.find((candidate) => candidate.id === id)!;
      if (!ACTIVE_STATUSES.includes(item.status) || item.removedFromSourceAt) continue;
      await saveItemChanges(this.manager, item, { removedFromSourceAt: this.context.now }, [{ field: 'removedFromSource', from: null, to: `revision ${this.context.postmortem.revision}` }], this.context.actor, this.context.now);
      changes.removed++;
    }
    return changes;
  }

  private async create(item: ParsedActionItem): Promise<void> {
    const { incident, now } = this.context;
    const assignment = assignItem(item, incident.severity, this.context.team, this.context.policy, incident.startedAt ?? now);
    await insertActionItem(
      this.manager,
      {
        incidentId: incident.id,
        title: item.title.slice(0, 300),
        description: item.text,
        sourceText: item.text,
        kind: item.kind.toUpperCase() as ActionItemKind,
        category: item.category,
        priority: priorityFor(incident.severity),
        // The document itself says it was done ("[x]", "(DONE)").
        status: item.doneInSource ? ActionItemStatus.DONE : ActionItemStatus.OPEN,
        completedAt: item.doneInSource ? now : null,
        ownerId: assignment.ownerName ? await this.ownerId(assignment.ownerName) : null,
        ownerOrigin: assignment.ownerOrigin,
        serviceId: incident.serviceId,
        dueOn: assignment.dueOn,
        dueOrigin: assignment.dueOrigin,
        ...this.provenance(item),
      },
      this.context.actor,
      now,
    );
  }

  private async update(item: ParsedActionItem, existing: ActionItemEntity, edited: Set<string>): Promise<boolean> {
    const patch: Partial<ActionItemEntity> = {};
    const fromSource = { title: item.title.slice(0, 300), description: item.text, kind: item.kind.toUpperCase() as ActionItemKind };
    for (const field of TEXT_FIELDS) if (!edited.has(field)) Object.assign(patch, { [field]: fromSource[field] });
    const writtenOwner = item.owner ? ownerName(item.owner) : '';
    if (writtenOwner && existing.ownerOrigin !== AssignmentOrigin.MANUAL) {
      patch.ownerId = await this.ownerId(writtenOwner);
      patch.ownerOrigin = AssignmentOrigin.TEXT;
    }
    if (item.due && existing.dueOrigin !== AssignmentOrigin.MANUAL) {
      patch.dueOn = item.due;
      patch.dueOrigin = AssignmentOrigin.TEXT;
    }
    if (existing.removedFromSourceAt) patch.removedFromSourceAt = null;
    const { ownerOrigin: _owner, dueOrigin: _due, ...audited } = patch;
    const changes = diffFields(existing, audited as Record<string, string | Date | null>);
    // Provenance moves to the new revision silently; only what a reader would notice is audited.
    Object.assign(existing, this.provenance(item), { sourceText: item.text, category: item.category });
    if (changes.length === 0) {
      await this.manager.save(existing);
      return false;
    }
    await saveItemChanges(this.manager, existing, patch, changes, this.context.actor, this.context.now);
    return true;
  }

  private provenance(item: ParsedActionItem): Partial<ActionItemEntity> {
    return { postmortemId: this.context.postmortem.id, sourceSection: item.section?.slice(0, 300) ?? null, sourceLineStart: item.lines.start, sourceLineEnd: item.lines.end };
  }

  private async ownerId(name: string): Promise<string> {
    const cached = this.owners.get(name);
    if (cached) return cached;
    await this.manager
      .createQueryBuilder()
      .insert()
      .into(OwnerEntity)
      .values({ name: name.slice(0, 200), kind: looksLikeTeam(name) ? OwnerKind.TEAM : OwnerKind.PERSON })
      .orIgnore()
      .execute();
    const owner = await this.manager.findOneByOrFail(OwnerEntity, { name: name.slice(0, 200) });
    this.owners.set(name, owner.id);
    return owner.id;
  }

  /** Fields of these items that someone other than an import has changed. */
  private async personEditedFields(itemIds: string[]): Promise<Map<string, Set<string>>> {
    const edits = new Map<string, Set<string>>();
    if (itemIds.length === 0) return edits;
    const events = await this.manager.find(ActionItemEventEntity, {
      where: { actionItemId: In(itemIds), field: In([...TEXT_FIELDS]), actor: Not(Like(`%${IMPORT_ACTOR_SUFFIX}`)) },
    });
    for (const event of events) edits.set(event.actionItemId, (edits.get(event.actionItemId) ?? new Set()).add(event.field));
    return edits;
  }
}
