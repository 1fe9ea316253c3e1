import type { BuildSchemaOptions } from '@nestjs/graphql';
import { ActionItemSourceResolver } from '../action-items/action-item-source.resolver';
import { ActionItemsResolver } from '../action-items/action-items.resolver';
import { ApiTokensResolver } from '../auth/api-tokens.resolver';
import { IncidentsResolver } from '../incidents/incidents.resolver';
import { OwnersResolver } from '../owners/owners.resolver';
import { PostmortemsResolver } from '../postmortems/postmortems.resolver';
import { ServicesResolver } from '../services/services.resolver';
import { ActionItemMeasureResolver, MeasuresResolver } from '../measures/measures.resolver';
import { IncidentRecurrenceResolver, RelatedIncidentResolver, RootCauseLinkResolver } from '../root-causes/incident-recurrence.resolver';
import { FailureModeGroupsResolver, RootCausesResolver } from '../root-causes/root-causes.resolver';
import { JiraResolver } from '../jira/jira.resolver';
import { ReviewsResolver } from '../reviews/reviews.resolver';
import { DateTimeScalar } from './date-time.scalar';

/** Every resolver class; the schema printer builds schema.graphql from this list. */
export const RESOLVERS = [OwnersResolver, ServicesResolver, IncidentsResolver, ActionItemsResolver, ActionItemSourceResolver, PostmortemsResolver,
  RootCausesResolver, FailureModeGroupsResolver, IncidentRecurrenceResolver, RelatedIncidentResolver, RootCauseLinkResolver, MeasuresResolver, ActionItemMeasureResolver, JiraResolver,
  ReviewsResolver, ApiTokensResolver];

export const BUILD_SCHEMA_OPTIONS: BuildSchemaOptions = {
  scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
};
