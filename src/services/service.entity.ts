import { BeforeInsert, BeforeUpdate, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OwnerEntity } from '../owners/owner.entity';
import { serviceMatchTerms } from './service-match-terms';

/** A component that incidents affect ("payment gateway"), owned by a team. */
@Entity('service')
export class ServiceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200, unique: true })
  name: string;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  aliases: string[];

  /** The distinguishing words of its name and aliases: a GIN-indexed key to find candidates for fuzzy matching. */
  @Index('service_match_terms_idx', { type: 'gin' })
  @Column({ name: 'match_terms', type: 'text', array: true, default: () => `'{}'` })
  matchTerms: string[];

  @Index()
  @Column({ name: 'owning_team_id', type: 'uuid', nullable: true })
  owningTeamId: string | null;

  @ManyToOne(() => OwnerEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'owning_team_id' })
  owningTeam?: OwnerEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @BeforeInsert()
  @BeforeUpdate()
  keepMatchTermsCurrent(): void {
    if (this.name !== undefined) this.matchTerms = serviceMatchTerms(this.name, this.aliases ?? []);
  }
}
