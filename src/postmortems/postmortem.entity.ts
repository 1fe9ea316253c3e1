import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { IncidentEntity } from '../incidents/incident.entity';
import { PostmortemFormat } from './postmortem-format';

/** The source document exactly as imported; one incident may have several revisions. */
@Entity('postmortem')
@Unique('postmortem_incident_revision_unique', ['incidentId', 'revision'])
@Check('postmortem_format_check', `"format" IN ('MARKDOWN', 'TEXT')`)
export class PostmortemEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'incident_id', type: 'uuid' })
  incidentId: string;

  @ManyToOne(() => IncidentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'incident_id' })
  incident?: IncidentEntity;

  @Column({ name: 'raw_text', type: 'text' })
  rawText: string;

  @Column({ type: 'varchar', length: 16 })
  format: PostmortemFormat;

  @Index()
  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Index()
  @Column({ name: 'source_uri', type: 'varchar', length: 2048, nullable: true })
  sourceUri: string | null;

  @Column({ name: 'imported_at', type: 'timestamptz' })
  importedAt: Date;

  @Column({ type: 'integer' })
  revision: number;

  /** What the parser read from this revision (warnings included), kept for audits and re-processing. */
  @Column({ type: 'jsonb', nullable: true })
  parsed: object | null;
}
