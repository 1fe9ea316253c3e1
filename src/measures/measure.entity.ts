import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One measure proposed in one or more postmortems ("add memory-usage alerts"); its occurrences are action items. */
@Entity('measure')
@Index('measure_category_subject_idx', ['category', 'subject'])
export class MeasureEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The title of its first occurrence. */
  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  category: string | null;

  /** What it is about (memory, load, certificate, …), when the matcher could tell. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  subject: string | null;

  /**
   * The salient words of its first occurrence: new items are matched against measures (not against every item),
   * found through this GIN-indexed column or the subject.
   */
  @Index('measure_match_terms_idx', { type: 'gin' })
  @Column({ name: 'match_terms', type: 'text', array: true, default: () => `'{}'` })
  matchTerms: string[];

  /** The service of its first occurrence (a small bonus when a new item is about the same service). */
  @Column({ name: 'service_id', type: 'uuid', nullable: true })
  serviceId: string | null;

  /** False for a measure a person split off: the matcher adds nothing to it, since a person said it stands apart. */
  @Column({ name: 'accepts_matches', type: 'boolean', default: true })
  acceptsMatches: boolean;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
