import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How far the reconcile search has read Jira's changes, and a lease so one worker runs it at a time. */
@Entity('jira_reconcile_cursor')
export class JiraReconcileCursorEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  name: string;

  /** The latest `updated` seen; the next search starts a little before it. */
  @Column({ name: 'updated_since', type: 'timestamptz', nullable: true })
  updatedSince: Date | null;

  @Column({ name: 'locked_by', type: 'varchar', length: 100, nullable: true })
  lockedBy: string | null;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ name: 'last_run_at', type: 'timestamptz', nullable: true })
  lastRunAt: Date | null;

  @Column({ name: 'last_outcome', type: 'text', nullable: true })
  lastOutcome: string | null;
}
