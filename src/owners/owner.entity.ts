import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { OwnerKind } from './owner-kind';

@Entity('owner')
@Check('owner_kind_check', `"kind" IN ('PERSON', 'TEAM')`)
export class OwnerEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 10 })
  kind: OwnerKind;

  @Column({ type: 'varchar', length: 200, unique: true })
  name: string;

  @Column({ type: 'varchar', length: 320, nullable: true })
  email: string | null;

  @Column({ name: 'jira_account_id', type: 'varchar', length: 128, nullable: true })
  jiraAccountId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
