import { Check, Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { ActionItemEntity } from '../action-items/action-item.entity';
import type { RemoteIssue } from './remote-issue';
import { JiraSyncState } from './jira-sync-state';

/**
 * An item's link to its Jira issue, and its outbox entry: every change to the item bumps `changeSeq` in the
 * same transaction, and a worker pushes it when `nextAttemptAt` comes. Many changes coalesce into one push.
 */
@Entity('jira_sync')
@Check('jira_sync_state_check', `"state" IN ('PENDING', 'SYNCED', 'FAILED', 'DELETED')`)
@Index('jira_sync_due_idx', ['nextAttemptAt'], { where: `"state" = 'PENDING'` })
export class JiraSyncEntity {
  @PrimaryColumn({ name: 'action_item_id', type: 'uuid' })
  actionItemId: string;

  @OneToOne(() => ActionItemEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_item_id' })
  actionItem?: ActionItemEntity;

  @Column({ type: 'varchar', length: 16, default: JiraSyncState.PENDING })
  state: JiraSyncState;

  /** Jira's numeric issue id: keys change when an issue moves between projects, ids do not. */
  @Index('jira_sync_issue_id_key', { unique: true, where: '"issue_id" IS NOT NULL' })
  @Column({ name: 'issue_id', type: 'varchar', length: 32, nullable: true })
  issueId: string | null;

  @Column({ name: 'issue_key', type: 'varchar', length: 64, nullable: true })
  issueKey: string | null;

  @Column({ name: 'issue_url', type: 'varchar', length: 2048, nullable: true })
  issueUrl: string | null;

  /** An existing issue someone asked to adopt (linkJiraIssue); the worker resolves it to an id. */
  @Column({ name: 'adopt_key', type: 'varchar', length: 64, nullable: true })
  adoptKey: string | null;

  /**
   * The issue was adopted without `overwrite`: its summary, description, priority and labels are people's and are
   * never written; status, due date and assignee still sync. linkJiraIssue with `overwrite: true` clears it.
   */
  @Column({ name: 'keep_issue_text', type: 'boolean', default: false })
  keepIssueText: boolean;

  /** Bumped by every change to the item; a push that started at an older value leaves the job pending. */
  @Column({ name: 'change_seq', type: 'integer', default: 1 })
  changeSeq: number;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz' })
  nextAttemptAt: Date;

  /** Lease of the worker processing the job, so two workers never push the same item at once. */
  @Column({ name: 'locked_by', type: 'varchar', length: 100, nullable: true })
  lockedBy: string | null;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  /** When a create was sent whose answer may have been lost; a retry searches for that issue before creating. */
  @Column({ name: 'create_attempted_at', type: 'timestamptz', nullable: true })
  createAttemptedAt: Date | null;

  /** The issue as Jira last showed it: the base against which both sides' changes are told apart. */
  @Column({ type: 'jsonb', nullable: true })
  remote: RemoteIssue | null;

  /** Jira's `updated` of that snapshot; events older than it are stale. */
  @Column({ name: 'remote_updated_at', type: 'timestamptz', nullable: true })
  remoteUpdatedAt: Date | null;

  @Column({ name: 'last_synced_at', type: 'timestamptz', nullable: true })
  lastSyncedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** Something the sync could not mirror (e.g. an unmapped Jira status), reported rather than ignored. */
  @Column({ type: 'text', nullable: true })
  warning: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
