import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { NonBlankText, OptionalIdField } from '../graphql/input-fields';
import { LocalDateScalar } from '../graphql/local-date.scalar';
import { ActionItemKind, Priority } from './action-item-enums';

@InputType()
export class CreateActionItemInput {
  @Field(() => ID, { description: 'The incident whose postmortem proposed this measure.' })
  @IsUUID()
  incidentId: string;

  @Field()
  @NonBlankText(300)
  title: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  description?: string | null;

  @Field(() => ActionItemKind)
  @IsEnum(ActionItemKind)
  kind: ActionItemKind;

  @Field(() => Priority, { nullable: true, description: 'Defaults to P3.' })
  @IsOptional()
  @IsEnum(Priority)
  priority?: Priority | null;

  @OptionalIdField()
  ownerId?: string | null;

  @OptionalIdField()
  serviceId?: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  @IsOptional()
  @IsString()
  dueOn?: string | null;
}
