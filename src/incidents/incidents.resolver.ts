import { Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Args } from '../graphql/args';
import { ActionItemModel } from '../action-items/action-item.model';
import { toConnection } from '../graphql/connection';
import type { GraphQLContext } from '../graphql/graphql-context';
import { IdArgs } from '../graphql/id.args';
import { PostmortemModel } from '../postmortems/postmortem.model';
import { CreateIncidentInput } from './create-incident.input';
import { IncidentConnection, IncidentModel, IncidentRootCauseModel } from './incident.model';
import { ServiceModel } from '../services/service.model';
import { IncidentsArgs } from './incidents.args';
import { IncidentsService } from './incidents.service';

@Resolver(() => IncidentModel)
export class IncidentsResolver {
  constructor(private readonly incidentsService: IncidentsService) {}

  @Query(() => IncidentModel)
  incident(@Args() { id }: IdArgs): Promise<IncidentModel> {
    return this.incidentsService.get(id);
  }

  @Query(() => IncidentConnection, { description: 'Incidents, most recent first.' })
  async incidents(@Args() { filter, first, after }: IncidentsArgs): Promise<IncidentConnection> {
    return toConnection(await this.incidentsService.list(filter ?? {}, { first, after }));
  }

  @Mutation(() => IncidentModel)
  createIncident(@Args('input') input: CreateIncidentInput): Promise<IncidentModel> {
    return this.incidentsService.create(input);
  }

  @ResolveField(() => [ActionItemModel], { description: 'Its action items, oldest first.' })
  actionItems(@Parent() incident: IncidentModel, @Context() context: GraphQLContext): Promise<ActionItemModel[]> {
    return context.loaders.actionItemsByIncident.load(incident.id);
  }

  @ResolveField(() => IncidentRootCauseModel)
  rootCause(@Parent() incident: IncidentModel): IncidentRootCauseModel {
    return { summary: incident.rootCauseSummary, failureMode: incident.failureMode, component: incident.component };
  }

  @ResolveField(() => ServiceModel, { nullable: true, description: 'The affected service, resolved through the ownership map.' })
  service(@Parent() incident: IncidentModel, @Context() context: GraphQLContext): Promise<ServiceModel | null> | null {
    return incident.serviceId ? context.loaders.service.load(incident.serviceId) : null;
  }

  @ResolveField(() => [PostmortemModel], { description: 'Imported revisions of its postmortem, oldest first.' })
  postmortems(@Parent() incident: IncidentModel, @Context() context: GraphQLContext): Promise<PostmortemModel[]> {
    return context.loaders.postmortemsByIncident.load(incident.id);
  }
}
