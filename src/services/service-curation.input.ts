import { Field, ID, InputType } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';

@InputType()
export class MergeServicesInput {
  @Field(() => ID, { description: 'The service that stays; it takes the other one’s name as an alias.' })
  @IsUUID()
  targetId: string;

  @Field(() => ID, { description: 'The service merged away: its incidents, items and root causes move to the target.' })
  @IsUUID()
  sourceId: string;
}

@InputType()
export class SetIncidentServiceInput {
  @Field(() => ID)
  @IsUUID()
  incidentId: string;

  @Field(() => ID, { description: 'The service the incident really affected; re-imports and recomputing keep this choice.' })
  @IsUUID()
  serviceId: string;
}
