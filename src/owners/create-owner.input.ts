import { Field, InputType } from '@nestjs/graphql';
import { IsEmail, IsEnum, IsOptional, IsString, Length } from 'class-validator';
import { NonBlankText } from '../graphql/input-fields';
import { OwnerKind } from './owner-kind';

@InputType()
export class CreateOwnerInput {
  @Field(() => OwnerKind)
  @IsEnum(OwnerKind)
  kind: OwnerKind;

  @Field({ description: 'Unique: a person\'s handle or a team name, e.g. "payments-team".' })
  @NonBlankText(200)
  name: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail()
  @Length(3, 320)
  email?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  jiraAccountId?: string | null;
}
