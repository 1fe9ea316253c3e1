import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Role } from './role';

@ObjectType('ApiToken', { description: 'An API token; its secret is shown only once, when it is created.' })
export class ApiTokenModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => Role)
  role: Role;

  @Field({ description: 'The first characters of the secret, to tell tokens apart.' })
  secretHint: string;

  @Field()
  createdBy: string;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'Last request made with it, to the minute.' })
  lastUsedAt: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt: Date | null;
}

@ObjectType('CreatedApiToken')
export class CreatedApiTokenModel {
  @Field(() => ApiTokenModel)
  token: ApiTokenModel;

  @Field({ description: 'Send as "Authorization: Bearer <secret>". It is not stored and cannot be shown again.' })
  secret: string;
}
