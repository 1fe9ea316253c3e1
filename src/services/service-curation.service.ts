import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { moveItemsToService } from '../action-items/action-item-writer';
import { Clock } from '../common/clock';
import { BadInputError, NotFoundError } from '../common/domain-error';
import { IncidentEntity } from '../incidents/incident.entity';
import { LinkStatus } from '../root-causes/link-status';
import { RootCauseLinker } from '../root-causes/root-cause-linker';
import { RootCauseEntity } from '../root-causes/root-cause.entity';
import { MergedServiceEntity } from './merged-service.entity';
import { ServiceEntity } from './service.entity';

/** People correcting the matcher: two names of one service merged, or an incident moved to another service (a split). */
@Injectable()
export class ServiceCurationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async merge(targetId: string, sourceId: string, actor: string): Promise<ServiceEntity> {
    if (targetId === sourceId) throw new BadInputError('A service cannot be merged into itself.', { field: 'input.sourceId' });
    return this.dataSource.transaction(async (manager) => {
      const target = await findService(manager, targetId);
      const source = await findService(manager, sourceId);
      for (const rootCause of await manager.findBy(RootCauseEntity, { serviceId: source.id })) {
        const twin = await manager.findOneBy(RootCauseEntity, { serviceId: target.id, failureMode: rootCause.failureMode });
        if (!twin) {
          await manager.update(RootCauseEntity, { id: rootCause.id }, { serviceId: target.id });
          continue;
        }
        // Links move to the target's root cause of the same failure mode, unless the incident is already there.
        await manager.query(
          `UPDATE root_cause_link SET root_cause_id = $1 WHERE root_cause_id = $2 AND incident_id NOT IN (SELECT incident_id FROM root_cause_link WHERE root_cause_id = $1)`,
          [twin.id, rootCause.id],
        );
        await manager.delete(RootCauseEntity, { id: rootCause.id });
      }
      await manager.update(IncidentEntity, { serviceId: source.id }, { serviceId: target.id });
      const now = this.clock.now();
      await moveItemsToService(manager, { serviceId: source.id }, target.id, actor, now, `The service "${source.name}" was merged into "${target.name}".`);
      // Past weeks still show its items as they were: the review finds the team of a service merged away here.
      await manager.insert(MergedServiceEntity, { id: source.id, name: source.name, owningTeamId: source.owningTeamId, mergedIntoId: target.id, mergedBy: actor, mergedAt: now });
      await manager.delete(ServiceEntity, { id: source.id });
      target.aliases = [...new Set([...target.aliases, source.name, ...source.aliases])].filter((alias) => alias !== target.name);
      target.owningTeamId ??= source.owningTeamId;
      return manager.save(target);
    });
  }

  /** Moves an incident (and its items) to another service and re-links its root cause; the choice sticks. */
  async setIncidentService(incidentId: string, serviceId: string, actor: string): Promise<IncidentEntity> {
    return this.dataSource.transaction(async (manager) => {
      const incident = await manager.findOneBy(IncidentEntity, { id: incidentId });
      if (!incident) throw new NotFoundError('Incident', incidentId);
      const service = await findService(manager, serviceId);
      Object.assign(incident, { serviceId: service.id, serviceDecidedBy: actor, serviceConfidence: 1, serviceEvidence: `${actor} chose the service "${service.name}".` });
      await manager.save(incident);
      await moveItemsToService(manager, { incidentId: incident.id }, service.id, actor, this.clock.now(), `The incident was moved to the service "${service.name}".`);
      // Links to the old service's root causes no longer hold, whoever made them; rejections are kept as a record.
      await manager.query(
        `DELETE FROM root_cause_link l USING root_cause rc WHERE l.root_cause_id = rc.id AND l.incident_id = $1 AND rc.service_id <> $2 AND l.status <> $3`,
        [incident.id, service.id, LinkStatus.REJECTED],
      );
      await new RootCauseLinker(manager).link(incident);
      return incident;
    });
  }
}

async function findService(manager: EntityManager, id: string): Promise<ServiceEntity> {
  const service = await manager.findOneBy(ServiceEntity, { id });
  if (!service) throw new NotFoundError('Service', id);
  return service;
}
