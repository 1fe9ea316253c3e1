import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { LinkStatus } from './link-status';

registerEnumType(LinkStatus, { name: 'LinkStatus', description: "SUGGESTED by the matcher until a person CONFIRMS or REJECTS it; recomputing never changes a person's decision." });

@ObjectType('RootCause', { description: 'A recurring cause: one failure mode in one service ("memory-leak × payment-gateway"), with the incidents it caused.' })
export class RootCauseModel {
  @Field(() => ID)
  id: string;

  @Field({ description: 'memory-leak, resource-exhaustion, configuration-error, … (see the README).' })
  failureMode: string;

  @Field(() => Int, { description: 'Incidents linked to it (links a person rejected do not count).' })
  incidentCount: number;

  @Field(() => Int, { description: 'How many times it came back after the first incident: incidentCount − 1.' })
  recurrenceCount: number;

  @Field(() => Date, { nullable: true, description: 'When its first incident started (or was recorded, for a postmortem with no start time).' })
  firstSeenAt: Date | null;

  @Field(() => Date, { nullable: true })
  lastSeenAt: Date | null;

  serviceId: string;
}

@ObjectType('RootCauseLink', { description: 'An incident attributed to a root cause, with how sure the matcher was and why.' })
export class RootCauseLinkModel {
  @Field(() => ID)
  id: string;

  @Field(() => LinkStatus)
  status: LinkStatus;

  @Field(() => Float, { description: '0..1' })
  confidence: number;

  @Field({ description: 'Why, in plain words: which words named the failure mode and the service.' })
  evidence: string;

  @Field(() => String, { nullable: true })
  decidedBy: string | null;

  @Field(() => Date, { nullable: true })
  decidedAt: Date | null;

  incidentId: string;
  rootCauseId: string;
}

@ObjectType('FailureModeGroup', { description: 'Every incident of one failure mode, across services ("all of these were memory leaks").' })
export class FailureModeGroupModel {
  @Field()
  failureMode: string;

  @Field(() => Int)
  incidentCount: number;

  @Field(() => Int)
  serviceCount: number;

  @Field()
  firstSeenAt: Date;

  @Field()
  lastSeenAt: Date;
}

@ObjectType('RelatedIncident', { description: 'Another incident with the same root cause, and why they are related.' })
export class RelatedIncidentModel {
  @Field(() => RootCauseModel)
  rootCause: RootCauseModel;

  @Field({ description: 'Why, in plain words.' })
  reason: string;

  incidentId: string;
}
