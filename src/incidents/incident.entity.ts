import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Severity } from './severity';

@Entity('incident')
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

  // Set from the injected clock (not the database's), so "created this week" is testable.
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
