import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from './role';

/** An API token. Only the SHA-256 of its secret is kept: the secret is shown once, when it is created. */
@Entity('api_token')
@Check('api_token_role_check', `"role" IN ('viewer', 'editor', 'admin')`)
@Index('api_token_active_name', ['name'], { unique: true, where: '"revoked_at" IS NULL' })
export class ApiTokenEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 10 })
  role: Role;

  @Column({ name: 'secret_hash', type: 'char', length: 64, unique: true })
  secretHash: string;

  @Column({ name: 'secret_hint', type: 'varchar', length: 16 })
  secretHint: string;

  @Column({ name: 'created_by', type: 'varchar', length: 200 })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
