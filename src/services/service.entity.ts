import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OwnerEntity } from '../owners/owner.entity';

/** A component that incidents affect ("payment gateway"), owned by a team. */
@Entity('service')
export class ServiceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200, unique: true })
  name: string;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  aliases: string[];

  @Index()
  @Column({ name: 'owning_team_id', type: 'uuid', nullable: true })
  owningTeamId: string | null;

  @ManyToOne(() => OwnerEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'owning_team_id' })
  owningTeam?: OwnerEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
