import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsString, IsUrl, IsUUID, MaxLength, Min } from 'class-validator';
import { ActionItemStatus } from './action-item-enums';

@ArgsType()
export class TransitionActionItemArgs {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => ActionItemStatus)
  @IsEnum(ActionItemStatus)
  to: ActionItemStatus;

  @Field(() => String, { nullable: true, description: 'Why; required for WONT_DO, recorded in the history for any move.' })
  @IsOptional()
  @IsString()
  @MaxLength(2_000)
  reason?: string | null;

  @Field(() => String, { nullable: true, description: 'Proof of completion; only with DONE.' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(2_048)
  evidenceUrl?: string | null;

  @Field(() => Int, { nullable: true, description: 'When given, the move is refused with CONFLICT if the item changed since this version.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number | null;
}
