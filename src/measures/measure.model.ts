import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Measure', { description: 'One measure proposed in one or more postmortems ("add memory-usage alerts"); its occurrences are action items.' })
export class MeasureModel {
  @Field(() => ID)
  id: string;

  @Field({ description: 'The title of its first occurrence.' })
  title: string;

  @Field(() => String, { nullable: true })
  category: string | null;

  @Field(() => String, { nullable: true, description: 'What it is about (memory, load, certificate, …), when the matcher could tell.' })
  subject: string | null;

  @Field(() => Int, { description: 'Action items that propose it.' })
  occurrenceCount: number;

  @Field(() => Int, { description: 'Incidents whose postmortems propose it.' })
  incidentCount: number;

  @Field({ description: 'Whether any occurrence was ever completed.' })
  isEverCompleted: boolean;

  @Field()
  createdAt: Date;
}
