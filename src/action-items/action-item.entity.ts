import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MeasureEntity } from '../measures/measure.entity';
import { IncidentEntity } from '../incidents/incident.entity';
import { OwnerEntity } from '../owners/owner.entity';
import { PostmortemEntity } from '../postmortems/postmortem.entity';
import { ServiceEntity } from '../services/service.entity';
import { ActionItemKind, ActionItemStatus, AssignmentOrigin, Priority } from './action-item-enums';

@Entity('action_item')
@Check('action_item_kind_check', `"kind" IN ('CORRECTIVE', 'PREVENTIVE', 'DETECTIVE', 'MITIGATIVE', 'PROCESS')`)
@Check('action_item_status_check', `"status" IN ('OPEN', 'IN_PROGRESS', 'BLOCKED', 'DONE', 'WONT_DO')`)
@Check('action_item_priority_check', `"priority" IN ('P1', 'P2', 'P3', 'P4')`)
@Index('action_item_status_due_on_idx', ['status', 'dueOn'])
// Open items in list order (dueOn, then id): the overdue page is read straight off it and its count is an
// index-only scan, with no sort; done and won't-do items, most of a mature corpus, are left out.
@Index('action_item_active_due_on_idx', ['dueOn', 'id'], { where: `"status" IN ('OPEN', 'IN_PROGRESS', 'BLOCKED')` })
// An item's measure with what the flag rules read of each occurrence (INCLUDE: TypeORM cannot declare it, so the
// migration creates it and schema sync leaves it alone): finding an unfinished earlier occurrence is index-only.
@Index('action_item_measure_occurrence_idx', { synchronize: false })
@Check('action_item_owner_origin_check', `"owner_origin" IN ('TEXT', 'OWNERSHIP_MAP', 'MANUAL')`)
@Check('action_item_due_origin_check', `"due_origin" IN ('TEXT', 'POLICY', 'MANUAL')`)
export class ActionItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ name: 'incident_id', type: 'uuid' })
  incidentId: string;

  @ManyToOne(() => IncidentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'incident_id' })
  incident?: IncidentEntity;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 16 })
  kind: ActionItemKind;

  /** What the measure is about (monitoring, testing, …), as the parser classified it. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  category: string | null;

  @Column({ type: 'varchar', length: 2, default: Priority.P3 })
  priority: Priority;

  @Column({ type: 'varchar', length: 16, default: ActionItemStatus.OPEN })
  status: ActionItemStatus;

  @Index()
  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId: string | null;

  @ManyToOne(() => OwnerEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'owner_id' })
  owner?: OwnerEntity;

  @Index()
  @Column({ name: 'service_id', type: 'uuid', nullable: true })
  serviceId: string | null;

  @ManyToOne(() => ServiceEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'service_id' })
  service?: ServiceEntity;

  @Column({ name: 'due_on', type: 'date', nullable: true })
  dueOn: string | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ name: 'evidence_url', type: 'varchar', length: 2048, nullable: true })
  evidenceUrl: string | null;

  @Column({ name: 'wont_do_reason', type: 'text', nullable: true })
  wontDoReason: string | null;

  /** Provenance: the postmortem revision, section and lines this item was read from. */
  @Column({ name: 'postmortem_id', type: 'uuid', nullable: true })
  postmortemId: string | null;

  @ManyToOne(() => PostmortemEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'postmortem_id' })
  postmortem?: PostmortemEntity;

  @Column({ name: 'source_section', type: 'varchar', length: 300, nullable: true })
  sourceSection: string | null;

  @Column({ name: 'source_line_start', type: 'integer', nullable: true })
  sourceLineStart: number | null;

  @Column({ name: 'source_line_end', type: 'integer', nullable: true })
  sourceLineEnd: number | null;

  /** The measure exactly as the postmortem wrote it, to match it across revisions. */
  @Column({ name: 'source_text', type: 'text', nullable: true })
  sourceText: string | null;

  /** Set when a later revision of the postmortem no longer lists the measure (it is kept, not deleted). */
  @Column({ name: 'removed_from_source_at', type: 'timestamptz', nullable: true })
  removedFromSourceAt: Date | null;

  @Column({ name: 'owner_origin', type: 'varchar', length: 16, nullable: true })
  ownerOrigin: AssignmentOrigin | null;

  @Column({ name: 'due_origin', type: 'varchar', length: 16, nullable: true })
  dueOrigin: AssignmentOrigin | null;

  /** The measure this item is an occurrence of (the same measure proposed in several postmortems). */
  @Column({ name: 'measure_id', type: 'uuid', nullable: true })
  measureId: string | null;

  @ManyToOne(() => MeasureEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'measure_id' })
  measure?: MeasureEntity;

  /** The salient words the matcher read from it, to notice when a re-import changed its wording. */
  @Column({ name: 'match_terms', type: 'text', array: true, default: () => `'{}'` })
  matchTerms: string[];

  /** What the measure is about (memory, load, …), when the matcher could tell. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  subject: string | null;

  /** Why it joined its measure, in plain words (null for the first occurrence). */
  @Column({ name: 'measure_evidence', type: 'text', nullable: true })
  measureEvidence: string | null;

  /** Who put it in its measure by hand (a merge or split); recomputing then leaves it alone. */
  @Column({ name: 'measure_decided_by', type: 'varchar', length: 200, nullable: true })
  measureDecidedBy: string | null;

  /** Optimistic lock: every change increments it, and writers must name the version they read. */
  @Column({ type: 'integer', default: 1 })
  version: number;

  // Set from the injected clock (not the database's), so "created this week" is testable.
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
