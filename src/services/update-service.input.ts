import { Field, ID, InputType } from '@nestjs/graphql';
import { IsDefined, IsUUID, ValidateIf } from 'class-validator';
import { NonBlankText, OptionalAliasesField, OptionalIdField } from '../graphql/input-fields';

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

  @OptionalAliasesField('Replaces the list.')
  aliases?: string[] | null;

  @OptionalIdField('The team (an Owner) answering for this service; null clears it.')
  owningTeamId?: string | null;
}
