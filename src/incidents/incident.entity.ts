import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ServiceEntity } from '../services/service.entity';
import { Severity } from './severity';

@Entity('incident')
// (id) INCLUDE (started_at, created_at), created by its migration: when an incident occurred, without a heap visit,
// for the flag rules' index-only scans.
@Index('incident_occurrence_idx', { synchronize: false })
@Check('incident_severity_check', `"severity" IN ('SEV1', 'SEV2', 'SEV3', 'SEV4')`)
@Check('incident_impact_percent_check', `"impact_percent" BETWEEN 0 AND 100`)
export class IncidentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  @Column({ type: 'text', nullable: true })
  summary: string | null;

  @Index()
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ name: 'duration_minutes', type: 'integer', nullable: true })
  durationMinutes: number | null;

  @Column({ name: 'impact_percent', type: 'double precision', nullable: true })
  impactPercent: number | null;

  @Column({ type: 'text', nullable: true })
  impact: string | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  severity: Severity | null;

  @Column({ name: 'root_cause_summary', type: 'text', nullable: true })
  rootCauseSummary: string | null;

  /** The failure mode of the root cause (memory-leak, configuration-error, …). */
  @Column({ name: 'failure_mode', type: 'varchar', length: 32, nullable: true })
  failureMode: string | null;

  /** The failing component as the postmortem names it. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  component: string | null;

  @Column({ type: 'text', nullable: true })
  resolution: string | null;

  /** The service the component resolved to through the ownership map. */
  @Index()
  @Column({ name: 'service_id', type: 'uuid', nullable: true })
  serviceId: string | null;

  @ManyToOne(() => ServiceEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'service_id' })
  service?: ServiceEntity;

  /** How sure the matcher was that `component` names that service (1 for a name or alias). */
  @Column({ name: 'service_confidence', type: 'double precision', nullable: true })
  serviceConfidence: number | null;

  /** Why the component was read as that service, in plain words. */
  @Column({ name: 'service_evidence', type: 'text', nullable: true })
  serviceEvidence: string | null;

  /** Who set the service by hand (a split); re-imports and recomputing then leave it alone. */
  @Column({ name: 'service_decided_by', type: 'varchar', length: 200, nullable: true })
  serviceDecidedBy: string | null;

  // Set from the injected clock (not the database's), so "created this week" is testable.
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
