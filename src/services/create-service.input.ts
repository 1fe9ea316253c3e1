import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';

@InputType()
export class CreateServiceInput {
  @Field()
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'name must not be blank' })
  name: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  aliases?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'The team (an Owner) answering for this service.' })
  @IsOptional()
  @IsUUID()
  owningTeamId?: string | null;
}
