import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLContext } from '../graphql/graphql-context';
import { PostmortemModel } from '../postmortems/postmortem.model';
import { ActionItemSourceModel } from './action-item.model';

@Resolver(() => ActionItemSourceModel)
export class ActionItemSourceResolver {
  @ResolveField(() => PostmortemModel, { nullable: true, description: 'The postmortem revision the item was imported from.' })
  postmortem(@Parent() source: ActionItemSourceModel, @Context() context: GraphQLContext): Promise<PostmortemModel | null> | null {
    return source.postmortemId ? context.loaders.postmortem.load(source.postmortemId) : null;
  }
}
