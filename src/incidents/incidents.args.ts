import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsEnum, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { PageArgs } from '../graphql/connection';
import { Severity } from './severity';

@InputType()
export class IncidentFilter {
  @Field(() => String, { nullable: true, description: 'Case-insensitive text in the title or summary.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  startedAfter?: Date | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  startedBefore?: Date | null;

  @Field(() => [Severity], { nullable: true })
  @IsOptional()
  @IsEnum(Severity, { each: true })
  severity?: Severity[] | null;
}

@ArgsType()
export class IncidentsArgs extends PageArgs {
  @Field(() => IncidentFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => IncidentFilter)
  filter?: IncidentFilter | null;
}
