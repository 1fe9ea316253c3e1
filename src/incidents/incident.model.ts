import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../graphql/connection';
import { Severity } from './severity';

registerEnumType(Severity, { name: 'Severity', description: 'SEV1 is the worst.' });

@ObjectType('Incident', { description: 'What happened: an outage or degradation that a postmortem describes.' })
export class IncidentModel {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field(() => String, { nullable: true })
  summary: string | null;

  @Field(() => Date, { nullable: true })
  startedAt: Date | null;

  @Field(() => Date, { nullable: true })
  endedAt: Date | null;

  @Field(() => Int, { nullable: true })
  durationMinutes: number | null;

  @Field(() => Float, { nullable: true, description: 'Share of users or requests affected, 0 to 100.' })
  impactPercent: number | null;

  @Field(() => String, { nullable: true, description: 'The impact as written.' })
  impact: string | null;

  @Field(() => Severity, { nullable: true })
  severity: Severity | null;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}

@ObjectType()
export class IncidentConnection extends Connection(IncidentModel, 'Incident') {}
