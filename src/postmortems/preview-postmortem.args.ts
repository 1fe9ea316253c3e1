import { ArgsType, Field } from '@nestjs/graphql';
import { IsString } from 'class-validator';

@ArgsType()
export class PreviewPostmortemArgs {
  @Field()
  @IsString()
  text: string;
}
