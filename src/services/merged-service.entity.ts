import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OwnerEntity } from '../owners/owner.entity';

/**
 * A service merged away, kept under its own id: item histories still name it, and the review rebuilding a week
 * before the merge needs the team that owned it then (a service row is deleted by the merge).
 */
@Entity('merged_service')
export class MergedServiceEntity {
  /** The id the service had, as item histories name it. */
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'owning_team_id', type: 'uuid', nullable: true })
  owningTeamId: string | null;

  @ManyToOne(() => OwnerEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'owning_team_id' })
  owningTeam?: OwnerEntity;

  /** The service it became part of (itself perhaps merged later, so no foreign key). */
  @Column({ name: 'merged_into_id', type: 'uuid' })
  mergedIntoId: string;

  @Column({ name: 'merged_by', type: 'varchar', length: 200 })
  mergedBy: string;

  @Column({ name: 'merged_at', type: 'timestamptz' })
  mergedAt: Date;
}
