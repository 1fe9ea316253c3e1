import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsDefined, IsOptional, IsString, IsUUID, Length, ValidateIf } from 'class-validator';
import { NonBlankText, OptionalIdField } from '../graphql/input-fields';

/** Edits the ownership map: omitted fields stay; `aliases` replaces the list; `owningTeamId: null` clears the team. */
@InputType()
export class UpdateServiceInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => String, { nullable: true })
  @ValidateIf((_, value) => value !== undefined)
  @IsDefined()
  @NonBlankText(200)
  name?: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  aliases?: string[] | null;

  @OptionalIdField('The team (an Owner) answering for this service; null clears it.')
  owningTeamId?: string | null;
}
