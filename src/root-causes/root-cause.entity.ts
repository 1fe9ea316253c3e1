import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { ServiceEntity } from '../services/service.entity';

/** A recurring cause: one failure mode in one service ("memory-leak × payment-gateway"). */
@Entity('root_cause')
@Unique('root_cause_mode_service_key', ['failureMode', 'serviceId'])
export class RootCauseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'failure_mode', type: 'varchar', length: 32 })
  failureMode: string;

  @Index()
  @Column({ name: 'service_id', type: 'uuid' })
  serviceId: string;

  @ManyToOne(() => ServiceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'service_id' })
  service?: ServiceEntity;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
