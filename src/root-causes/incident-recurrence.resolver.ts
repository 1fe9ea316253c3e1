import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { ActionItemModel } from '../action-items/action-item.model';
import type { GraphQLContext } from '../graphql/graphql-context';
import { IncidentModel } from '../incidents/incident.model';
import { RelatedIncidentModel, RootCauseLinkModel, RootCauseModel } from './root-cause.model';
import { RootCausesService, withRecurrenceCount } from './root-causes.service';

/** The recurrence side of an incident: its root-cause links, the incidents it shares a cause with, and the measures promised before. */
@Resolver(() => IncidentModel)
export class IncidentRecurrenceResolver {
  constructor(private readonly rootCauseService: RootCausesService) {}

  @ResolveField(() => [RootCauseLinkModel], { description: 'Its links to recurring root causes, rejected ones included.' })
  rootCauseLinks(@Parent() incident: IncidentModel): Promise<RootCauseLinkModel[]> {
    return this.rootCauseService.linksOf(incident.id);
  }

  @ResolveField(() => [RelatedIncidentModel], { description: 'Other incidents with the same root cause (failure mode × service), oldest first, and why.' })
  async relatedIncidents(@Parent() incident: IncidentModel, @Context() context: GraphQLContext): Promise<RelatedIncidentModel[]> {
    const related = await this.rootCauseService.relatedIncidents(incident.id);
    // An incident usually shares one root cause with all its related incidents: read each root cause once.
    const rootCauses = new Map(
      await Promise.all([...new Set(related.map((entry) => entry.rootCauseId))].map(async (id) => [id, withRecurrenceCount(await this.rootCauseService.get(id))] as const)),
    );
    return Promise.all(
      related.map(async (entry) => {
        const service = await context.loaders.service.load(entry.serviceId);
        const when = entry.incident.startedAt ? ` on ${entry.incident.startedAt.toISOString().slice(0, 10)}` : '';
        return {
          incidentId: entry.incident.id,
          rootCause: rootCauses.get(entry.rootCauseId)!,
          reason: `Both are ${entry.failureMode} in ${service?.name ?? 'the same service'}: "${entry.incident.title}"${when} has the same root cause.`,
        };
      }),
    );
  }

  @ResolveField(() => [ActionItemModel], {
    description: 'The "we promised this last time" list: measures from earlier incidents with the same root cause that were never done (open, or closed as WONT_DO).',
  })
  unfinishedMeasures(@Parent() incident: IncidentModel): Promise<ActionItemModel[]> {
    return this.rootCauseService.unfinishedMeasures(incident.id);
  }
}

@Resolver(() => RelatedIncidentModel)
export class RelatedIncidentResolver {
  @ResolveField(() => IncidentModel)
  incident(@Parent() related: RelatedIncidentModel, @Context() context: GraphQLContext): Promise<IncidentModel> {
    return context.loaders.incident.load(related.incidentId) as Promise<IncidentModel>;
  }
}

@Resolver(() => RootCauseLinkModel)
export class RootCauseLinkResolver {
  constructor(private readonly rootCauseService: RootCausesService) {}

  @ResolveField(() => IncidentModel)
  incident(@Parent() link: RootCauseLinkModel, @Context() context: GraphQLContext): Promise<IncidentModel> {
    return context.loaders.incident.load(link.incidentId) as Promise<IncidentModel>;
  }

  @ResolveField(() => RootCauseModel)
  async rootCause(@Parent() link: RootCauseLinkModel): Promise<RootCauseModel> {
    return withRecurrenceCount(await this.rootCauseService.get(link.rootCauseId));
  }
}
