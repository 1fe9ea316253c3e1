import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsOptional, IsUUID, Matches } from 'class-validator';

@ArgsType()
export class ReliabilityReviewArgs {
  @Field(() => String, { nullable: true, description: 'ISO week, e.g. 2024-W25; the current week when omitted.' })
  @IsOptional()
  @Matches(/^\d{4}-W\d{2}$/i, { message: 'week must be an ISO week such as 2024-W25' })
  week?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only the items (and incidents) this team answers for.' })
  @IsOptional()
  @IsUUID(undefined, { message: 'team must be a team id (a UUID), as returned by owners' })
  team?: string | null;
}
