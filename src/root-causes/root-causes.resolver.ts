import { Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Args } from '../graphql/args';
import { ActionItemModel } from '../action-items/action-item.model';
import type { GraphQLContext } from '../graphql/graphql-context';
import { IdArgs } from '../graphql/id.args';
import { IncidentModel } from '../incidents/incident.model';
import { ServiceModel } from '../services/service.model';
import { LinkStatus } from './link-status';
import { RecomputeRecurrencePayload } from './recompute-recurrence.payload';
import { RecurrenceService } from './recurrence.service';
import { FailureModeGroupModel, RootCauseLinkModel, RootCauseModel } from './root-cause.model';
import { RootCausesArgs } from './root-causes.args';
import { RootCausesService, withRecurrenceCount } from './root-causes.service';

@Resolver(() => RootCauseModel)
export class RootCausesResolver {
  constructor(
    private readonly rootCauseService: RootCausesService,
    private readonly recurrence: RecurrenceService,
  ) {}

  @Query(() => [RootCauseModel], { description: 'Recurring root causes (failure mode × service), most incidents first.' })
  async rootCauses(@Args() { filter }: RootCausesArgs): Promise<RootCauseModel[]> {
    return (await this.rootCauseService.list(filter ?? {})).map(withRecurrenceCount);
  }

  @Query(() => RootCauseModel)
  async rootCause(@Args() { id }: IdArgs): Promise<RootCauseModel> {
    return withRecurrenceCount(await this.rootCauseService.get(id));
  }

  @Query(() => [FailureModeGroupModel], { description: 'Incidents grouped by failure mode across services, largest group first.' })
  failureModes(): Promise<FailureModeGroupModel[]> {
    return this.rootCauseService.failureModes();
  }

  @Mutation(() => RootCauseLinkModel, { description: 'A person agrees the incident has this root cause; recomputing keeps it.' })
  confirmRootCauseLink(@Args() { id }: IdArgs, @Context() context: GraphQLContext): Promise<RootCauseLinkModel> {
    return this.recurrence.decide(id, LinkStatus.CONFIRMED, context.actor);
  }

  @Mutation(() => RootCauseLinkModel, { description: 'A person says the incident does not have this root cause; it stops counting, and re-imports and recomputing keep it rejected.' })
  rejectRootCauseLink(@Args() { id }: IdArgs, @Context() context: GraphQLContext): Promise<RootCauseLinkModel> {
    return this.recurrence.decide(id, LinkStatus.REJECTED, context.actor);
  }

  @Mutation(() => RecomputeRecurrencePayload, { description: "Re-links every incident and regroups every measure; people's decisions stay." })
  recomputeRecurrence(): Promise<RecomputeRecurrencePayload> {
    return this.recurrence.recompute();
  }

  @ResolveField(() => ServiceModel)
  service(@Parent() rootCause: RootCauseModel, @Context() context: GraphQLContext): Promise<ServiceModel> {
    return context.loaders.service.load(rootCause.serviceId) as Promise<ServiceModel>;
  }

  @ResolveField(() => [IncidentModel], { description: 'Its incidents, oldest first.' })
  async incidents(@Parent() rootCause: RootCauseModel): Promise<IncidentModel[]> {
    return (await this.rootCauseService.incidentsOf(rootCause.id)).map(({ incident }) => incident);
  }

  @ResolveField(() => [RootCauseLinkModel], { description: 'Every link to it, rejected ones included, with confidence and evidence.' })
  async links(@Parent() rootCause: RootCauseModel): Promise<RootCauseLinkModel[]> {
    return this.rootCauseService.allLinksOf(rootCause.id);
  }

  @ResolveField(() => [ActionItemModel], { description: 'Measures from any of its incidents that are still to do, by due date.' })
  openItems(@Parent() rootCause: RootCauseModel): Promise<ActionItemModel[]> {
    return this.rootCauseService.openItemsOf(rootCause.id);
  }

  @ResolveField(() => String, { description: 'The recurrence in one sentence.' })
  explanation(@Parent() rootCause: RootCauseModel, @Context() context: GraphQLContext): Promise<string> {
    return context.loaders.service.load(rootCause.serviceId).then((service) => explainRootCause(rootCause, service?.name ?? 'an unknown service'));
  }
}

@Resolver(() => FailureModeGroupModel)
export class FailureModeGroupsResolver {
  constructor(private readonly rootCauseService: RootCausesService) {}

  @ResolveField(() => [RootCauseModel], { description: 'Its root causes, one per service.' })
  async rootCauses(@Parent() group: FailureModeGroupModel): Promise<RootCauseModel[]> {
    return (await this.rootCauseService.list({ failureMode: group.failureMode })).map(withRecurrenceCount);
  }

  @ResolveField(() => [IncidentModel], { description: 'Its incidents across services, oldest first.' })
  incidents(@Parent() group: FailureModeGroupModel): Promise<IncidentModel[]> {
    return this.rootCauseService.incidentsOfMode(group.failureMode);
  }
}

function explainRootCause(rootCause: RootCauseModel, serviceName: string): string {
  const span = rootCause.firstSeenAt && rootCause.lastSeenAt ? ` between ${day(rootCause.firstSeenAt)} and ${day(rootCause.lastSeenAt)}` : '';
  if (rootCause.incidentCount <= 1) return `${rootCause.failureMode} in ${serviceName}: ${rootCause.incidentCount} incident${span}, no recurrence yet.`;
  return `${rootCause.failureMode} in ${serviceName} caused ${rootCause.incidentCount} incidents${span}: it came back ${rootCause.recurrenceCount} time${rootCause.recurrenceCount === 1 ? '' : 's'}.`;
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}
