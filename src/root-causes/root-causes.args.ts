import { ArgsType, Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { OptionalIdField } from '../graphql/input-fields';
import { FAILURE_MODES } from '../parser/parsed-postmortem';

@InputType()
export class RootCauseFilter {
  @Field(() => String, { nullable: true, description: 'One failure mode, e.g. "memory-leak".' })
  @IsOptional()
  @IsIn(FAILURE_MODES, { message: `failureMode must be one of: ${FAILURE_MODES.join(', ')}` })
  failureMode?: string | null;

  @OptionalIdField()
  serviceId?: string | null;

  @Field(() => Int, { nullable: true, description: 'Only root causes with at least this many incidents (default 1; 2 shows recurrences only).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  minIncidents?: number | null;
}

@ArgsType()
export class RootCausesArgs {
  @Field(() => RootCauseFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => RootCauseFilter)
  filter?: RootCauseFilter | null;
}
