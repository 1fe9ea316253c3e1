import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../graphql/connection';
import { OwnerKind } from './owner-kind';

registerEnumType(OwnerKind, { name: 'OwnerKind', description: 'Whether an owner is one person or a team.' });

@ObjectType('Owner', { description: 'Who answers for an action item: a person or a team.' })
export class OwnerModel {
  @Field(() => ID)
  id: string;

  @Field(() => OwnerKind)
  kind: OwnerKind;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  email: string | null;

  @Field(() => String, { nullable: true, description: 'The Jira Cloud accountId, for assigning synced issues.' })
  jiraAccountId: string | null;

  @Field()
  createdAt: Date;
}

@ObjectType()
export class OwnerConnection extends Connection(OwnerModel, 'Owner') {}
