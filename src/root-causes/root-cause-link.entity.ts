import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { IncidentEntity } from '../incidents/incident.entity';
import { LinkStatus } from './link-status';
import { RootCauseEntity } from './root-cause.entity';

/** An incident attributed to a recurring root cause: suggested by the matcher until a person decides. */
@Entity('root_cause_link')
@Unique('root_cause_link_incident_root_cause_key', ['incidentId', 'rootCauseId'])
@Check('root_cause_link_status_check', `"status" IN ('SUGGESTED', 'CONFIRMED', 'REJECTED')`)
// (root_cause_id) INCLUDE (incident_id, status), created by its migration: the other incidents of a root cause
// are an index-only scan that can stop at the first one.
@Index('root_cause_link_root_cause_idx', { synchronize: false })
export class RootCauseLinkEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'incident_id', type: 'uuid' })
  incidentId: string;

  @ManyToOne(() => IncidentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'incident_id' })
  incident?: IncidentEntity;

  @Column({ name: 'root_cause_id', type: 'uuid' })
  rootCauseId: string;

  @ManyToOne(() => RootCauseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'root_cause_id' })
  rootCause?: RootCauseEntity;

  @Column({ type: 'varchar', length: 16, default: LinkStatus.SUGGESTED })
  status: LinkStatus;

  /** 0..1: how sure the matcher was (the service match times the failure-mode reading). */
  @Column({ type: 'double precision' })
  confidence: number;

  /** Why, in plain words: which words named the failure mode and the service. */
  @Column({ type: 'text' })
  evidence: string;

  @Column({ name: 'decided_by', type: 'varchar', length: 200, nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
