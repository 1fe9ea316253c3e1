import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Webhook deliveries already handled, by Jira's identifier (the same across retries), so each is applied once. */
@Entity('jira_webhook_delivery')
export class JiraWebhookDeliveryEntity {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  identifier: string;

  @Index()
  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  @Column({ type: 'varchar', length: 64 })
  event: string;

  @Column({ name: 'issue_id', type: 'varchar', length: 32, nullable: true })
  issueId: string | null;

  /** applied, unchanged, stale, unlinked, deleted */
  @Column({ type: 'varchar', length: 32 })
  outcome: string;
}
