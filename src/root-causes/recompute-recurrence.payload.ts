import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('RecomputeRecurrencePayload')
export class RecomputeRecurrencePayload {
  @Field(() => Int, { description: 'Incidents re-linked.' })
  incidents: number;

  @Field(() => Int, { description: 'Root-cause links that count (not rejected) afterwards.' })
  rootCauseLinks: number;

  @Field(() => Int, { description: 'Action items regrouped.' })
  actionItems: number;

  @Field(() => Int, { description: 'Measures afterwards.' })
  measures: number;
}
