import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One measure proposed in one or more postmortems ("add memory-usage alerts"); its occurrences are action items. */
@Entity('measure')
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

  /** False for a measure a person split off: the matcher adds nothing to it, since a person said it stands apart. */
  @Column({ name: 'accepts_matches', type: 'boolean', default: true })
  acceptsMatches: boolean;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
