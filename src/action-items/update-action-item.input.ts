import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsDefined, IsEnum, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, ValidateIf } from 'class-validator';
import { NonBlankText, OptionalIdField } from '../graphql/input-fields';
import { LocalDateScalar } from '../graphql/local-date.scalar';
import { ActionItemKind, Priority } from './action-item-enums';

const isGiven = (_: object, value: unknown) => value !== undefined;

/** Omitted fields stay as they are; `null` clears the clearable ones (description, owner, service, due date). */
@InputType()
export class UpdateActionItemInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => Int, { description: 'The version you last read; if the item changed since, the update is refused with CONFLICT.' })
  @IsInt()
  @Min(1)
  version: number;

  @Field(() => String, { nullable: true })
  @ValidateIf(isGiven)
  @IsDefined()
  @NonBlankText(300)
  title?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  description?: string | null;

  @Field(() => ActionItemKind, { nullable: true })
  @ValidateIf(isGiven)
  @IsDefined()
  @IsEnum(ActionItemKind)
  kind?: ActionItemKind;

  @Field(() => Priority, { nullable: true })
  @ValidateIf(isGiven)
  @IsDefined()
  @IsEnum(Priority)
  priority?: Priority;

  @OptionalIdField()
  ownerId?: string | null;

  @OptionalIdField()
  serviceId?: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  @IsOptional()
  @IsString()
  dueOn?: string | null;
}
