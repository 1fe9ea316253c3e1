import { Field, InputType } from '@nestjs/graphql';
import { NonBlankText, OptionalAliasesField, OptionalIdField } from '../graphql/input-fields';

@InputType()
export class CreateServiceInput {
  @Field()
  @NonBlankText(200)
  name: string;

  @OptionalAliasesField()
  aliases?: string[] | null;

  @OptionalIdField('The team (an Owner) answering for this service.')
  owningTeamId?: string | null;
}
