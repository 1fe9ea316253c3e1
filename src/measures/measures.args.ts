import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';

@InputType()
export class MeasureFilter {
  @Field(() => Int, { nullable: true, description: 'Only measures proposed at least this many times (default 1; 2 shows repeated promises only).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  minOccurrences?: number | null;

  @Field(() => String, { nullable: true, description: 'monitoring, testing, code-review, …' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  category?: string | null;
}

@ArgsType()
export class MeasuresArgs {
  @Field(() => MeasureFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => MeasureFilter)
  filter?: MeasureFilter | null;
}

@InputType()
export class MergeMeasuresInput {
  @Field(() => ID, { description: 'The measure that stays.' })
  @IsUUID()
  targetId: string;

  @Field(() => ID, { description: 'The measure whose occurrences move to the target; it is then deleted.' })
  @IsUUID()
  sourceId: string;
}

@InputType()
export class SplitMeasureInput {
  @Field(() => ID, { description: 'The action item to take out of its measure; it becomes a measure of its own.' })
  @IsUUID()
  actionItemId: string;
}
