import { Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Args } from '../graphql/args';
import { IdArgs } from '../graphql/id.args';
import type { GraphQLContext } from '../graphql/graphql-context';
import { RequireRole } from './access.decorators';
import { ApiTokenModel, CreatedApiTokenModel } from './api-token.model';
import { ApiTokensService } from './api-tokens.service';
import { CreateApiTokenInput } from './create-api-token.input';
import { Role } from './role';

@Resolver(() => ApiTokenModel)
@RequireRole(Role.ADMIN)
export class ApiTokensResolver {
  constructor(private readonly tokens: ApiTokensService) {}

  @Query(() => [ApiTokenModel], { description: 'API tokens (admin), oldest first; revoked ones too when asked.' })
  apiTokens(@Args('includeRevoked', { defaultValue: false }) includeRevoked: boolean): Promise<ApiTokenModel[]> {
    return this.tokens.list(includeRevoked);
  }

  @Mutation(() => CreatedApiTokenModel, { description: 'Creates an API token (admin); the answer is the only place its secret appears.' })
  createApiToken(@Args('input') input: CreateApiTokenInput, @Context() context: GraphQLContext): Promise<CreatedApiTokenModel> {
    return this.tokens.create(input.name, input.role, context.actor);
  }

  @Mutation(() => ApiTokenModel, { description: 'Revokes an API token (admin); requests with it are refused from now on.' })
  revokeApiToken(@Args() { id }: IdArgs): Promise<ApiTokenModel> {
    return this.tokens.revoke(id);
  }
}
