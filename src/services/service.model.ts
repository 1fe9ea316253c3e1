import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '../graphql/connection';

@ObjectType('Service', { description: 'A component incidents affect ("payment gateway"), with the team that owns it.' })
export class ServiceModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => [String], { description: 'Other names postmortems use for it ("payment gateway API").' })
  aliases: string[];

  owningTeamId: string | null;

  @Field()
  createdAt: Date;
}

@ObjectType()
export class ServiceConnection extends Connection(ServiceModel, 'Service') {}
