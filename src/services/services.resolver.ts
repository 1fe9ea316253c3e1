import { Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Args } from '../graphql/args';
import { RequireRole } from '../auth/access.decorators';
import { Role } from '../auth/role';
import { PageArgs, toConnection } from '../graphql/connection';
import type { GraphQLContext } from '../graphql/graphql-context';
import { OwnerModel } from '../owners/owner.model';
import { CreateServiceInput } from './create-service.input';
import { UpdateServiceInput } from './update-service.input';
import { ServiceCatalogService } from './service-catalog.service';
import { IncidentModel } from '../incidents/incident.model';
import { MergeServicesInput, SetIncidentServiceInput } from './service-curation.input';
import { ServiceCurationService } from './service-curation.service';
import { ServiceConnection, ServiceModel } from './service.model';

@Resolver(() => ServiceModel)
export class ServicesResolver {
  constructor(
    private readonly catalog: ServiceCatalogService,
    private readonly curation: ServiceCurationService,
  ) {}

  @Query(() => ServiceConnection, { description: 'Services, by name.' })
  async services(@Args() page: PageArgs): Promise<ServiceConnection> {
    return toConnection(await this.catalog.list(page));
  }

  @RequireRole(Role.ADMIN)
  @Mutation(() => ServiceModel)
  createService(@Args('input') input: CreateServiceInput): Promise<ServiceModel> {
    return this.catalog.create(input);
  }

  @RequireRole(Role.ADMIN)
  @Mutation(() => ServiceModel, { description: 'Renames a service, replaces its aliases or changes its owning team (the ownership map).' })
  updateService(@Args('input') input: UpdateServiceInput): Promise<ServiceModel> {
    return this.catalog.update(input);
  }

  @RequireRole(Role.ADMIN)
  @Mutation(() => ServiceModel, { description: 'Two names of one service: the source’s incidents, items, root causes and names move to the target.' })
  mergeServices(@Args('input') input: MergeServicesInput, @Context() context: GraphQLContext): Promise<ServiceModel> {
    return this.curation.merge(input.targetId, input.sourceId, context.actor);
  }

  @Mutation(() => IncidentModel, { description: 'Moves an incident to the service it really affected (splitting a wrong match); re-imports keep the choice.' })
  setIncidentService(@Args('input') input: SetIncidentServiceInput, @Context() context: GraphQLContext): Promise<IncidentModel> {
    return this.curation.setIncidentService(input.incidentId, input.serviceId, context.actor);
  }

  @ResolveField(() => OwnerModel, { nullable: true })
  owningTeam(@Parent() service: ServiceModel, @Context() context: GraphQLContext): Promise<OwnerModel | null> | null {
    return service.owningTeamId ? context.loaders.owner.load(service.owningTeamId) : null;
  }
}
