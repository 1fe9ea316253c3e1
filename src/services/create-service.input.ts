import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsOptional, IsString, Length } from 'class-validator';
import { NonBlankText, OptionalIdField } from '../graphql/input-fields';

@InputType()
export class CreateServiceInput {
  @Field()
  @NonBlankText(200)
  name: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  aliases?: string[] | null;

  @OptionalIdField('The team (an Owner) answering for this service.')
  owningTeamId?: string | null;
}
