import { Module } from '@nestjs/common';
import { IncidentRecurrenceResolver, RelatedIncidentResolver, RootCauseLinkResolver } from './incident-recurrence.resolver';
import { RecurrenceService } from './recurrence.service';
import { FailureModeGroupsResolver, RootCausesResolver } from './root-causes.resolver';
import { RootCausesService } from './root-causes.service';

@Module({
  providers: [RootCausesService, RecurrenceService, RootCausesResolver, FailureModeGroupsResolver, IncidentRecurrenceResolver, RelatedIncidentResolver, RootCauseLinkResolver],
  exports: [RecurrenceService],
})
export class RootCausesModule {}
