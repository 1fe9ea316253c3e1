import { Mutation, Query, Resolver } from '@nestjs/graphql';
import { Args } from '../graphql/args';
import { PageArgs, toConnection } from '../graphql/connection';
import { CreateOwnerInput } from './create-owner.input';
import { OwnerConnection, OwnerModel } from './owner.model';
import { OwnersService } from './owners.service';

@Resolver(() => OwnerModel)
export class OwnersResolver {
  constructor(private readonly ownersService: OwnersService) {}

  @Query(() => OwnerConnection, { description: 'People and teams, by name.' })
  async owners(@Args() page: PageArgs): Promise<OwnerConnection> {
    return toConnection(await this.ownersService.list(page));
  }

  @Mutation(() => OwnerModel)
  createOwner(@Args('input') input: CreateOwnerInput): Promise<OwnerModel> {
    return this.ownersService.create(input);
  }
}
