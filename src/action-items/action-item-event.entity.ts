import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ActionItemEntity } from './action-item.entity';

/** One audited change to an action item: who changed which field, when, from what to what. */
@Entity('action_item_event')
@Index('action_item_event_item_at_idx', ['actionItemId', 'at', 'sequence'])
export class ActionItemEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'action_item_id', type: 'uuid' })
  actionItemId: string;

  @ManyToOne(() => ActionItemEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_item_id' })
  actionItem?: ActionItemEntity;

  @Column({ type: 'varchar', length: 200 })
  actor: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  /** Insertion order, to keep the changes of one instant in the order they were made. */
  @Column({ type: 'bigint', generated: 'increment', select: false })
  sequence: string;

  /** The field that changed, or `created` for the item's creation. */
  @Column({ type: 'varchar', length: 40 })
  field: string;

  @Column({ name: 'from_value', type: 'text', nullable: true })
  fromValue: string | null;

  @Column({ name: 'to_value', type: 'text', nullable: true })
  toValue: string | null;

  /** Why, when the change came with a reason (a transition to WONT_DO or BLOCKED). */
  @Column({ type: 'text', nullable: true })
  reason: string | null;
}
