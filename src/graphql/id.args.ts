import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';

@ArgsType()
export class IdArgs {
  @Field(() => ID)
  @IsUUID(undefined, { message: 'id must be a UUID, as returned by this API' })
  id: string;
}
