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

  @Field(() => String, { nullable: true, description: 'What the postmortem says was done to end the incident.' })
  resolution: string | null;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;

  rootCauseSummary: string | null;
  failureMode: string | null;
  component: string | null;
  serviceId: string | null;
}

@ObjectType('IncidentRootCause', { description: 'The root cause as the postmortem states it.' })
export class IncidentRootCauseModel {
  @Field(() => String, { nullable: true })
  summary: string | null;

  @Field(() => String, { nullable: true, description: 'memory-leak, configuration-error, deployment-regression, … (see the README).' })
  failureMode: string | null;

  @Field(() => String, { nullable: true, description: 'The failing component as written.' })
  component: string | null;
}

@ObjectType()
export class IncidentConnection extends Connection(IncidentModel, 'Incident') {}
