import { Field, Float, InputType, Int } from '@nestjs/graphql';
import { IsDate, IsEnum, IsInt, IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { NonBlankText } from '../graphql/input-fields';
import { Severity } from './severity';

@InputType()
export class CreateIncidentInput {
  @Field()
  @NonBlankText(500)
  title: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  summary?: string | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  startedAt?: Date | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  endedAt?: Date | null;

  @Field(() => Int, { nullable: true, description: 'Computed from startedAt and endedAt when omitted.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(525_600)
  durationMinutes?: number | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  impactPercent?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5_000)
  impact?: string | null;

  @Field(() => Severity, { nullable: true })
  @IsOptional()
  @IsEnum(Severity)
  severity?: Severity | null;
}
