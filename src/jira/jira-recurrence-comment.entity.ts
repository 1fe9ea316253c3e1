import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ActionItemEntity } from '../action-items/action-item.entity';
import { IncidentEntity } from '../incidents/incident.entity';

/**
 * A comment owed to an item's Jira issue: its root cause recurred in `incident` while the item was open. The row
 * is written in the transaction that linked the recurrence (a trigger on root_cause_link; see the migration), at
 * most once per item and incident, so re-imports and retried jobs never say it twice.
 */
@Entity('jira_recurrence_comment')
export class JiraRecurrenceCommentEntity {
  @PrimaryColumn({ name: 'action_item_id', type: 'uuid' })
  actionItemId: string;

  @ManyToOne(() => ActionItemEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_item_id' })
  actionItem?: ActionItemEntity;

  @Index()
  @PrimaryColumn({ name: 'incident_id', type: 'uuid' })
  incidentId: string;

  @ManyToOne(() => IncidentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'incident_id' })
  incident?: IncidentEntity;

  @Column({ name: 'queued_at', type: 'timestamptz', default: () => 'now()' })
  queuedAt: Date;

  /** A comment was sent whose outcome is unknown: before sending again, the worker looks for it on the issue. */
  @Column({ name: 'attempted_at', type: 'timestamptz', nullable: true })
  attemptedAt: Date | null;

  @Column({ name: 'comment_id', type: 'varchar', length: 32, nullable: true })
  commentId: string | null;

  /** Null while the comment is owed. */
  @Column({ name: 'posted_at', type: 'timestamptz', nullable: true })
  postedAt: Date | null;
}
