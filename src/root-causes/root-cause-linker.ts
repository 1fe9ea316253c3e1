import type { EntityManager } from 'typeorm';
import type { IncidentEntity } from '../incidents/incident.entity';
import { failureModeCue } from '../parser/root-cause';
import { suggestRootCause } from '../recurrence/root-cause-suggestion';
import { ServiceEntity } from '../services/service.entity';
import { LinkStatus } from './link-status';
import { RootCauseEntity } from './root-cause.entity';

/**
 * Links an incident to its recurring root cause inside the caller's transaction. The root cause is found by
 * its key (failure mode, service) through a unique index, so linking costs the same however many incidents
 * are stored. A person's decision (CONFIRMED or REJECTED) is never overwritten; stale suggestions are dropped.
 */
export class RootCauseLinker {
  constructor(private readonly manager: EntityManager) {}

  async link(incident: IncidentEntity): Promise<string | null> {
    const service = incident.serviceId ? await this.manager.findOneBy(ServiceEntity, { id: incident.serviceId }) : null;
    const suggestion = suggestRootCause({
      failureMode: incident.failureMode,
      serviceId: incident.serviceId,
      serviceName: service?.name ?? null,
      serviceConfidence: incident.serviceConfidence,
      serviceEvidence: incident.serviceEvidence,
      failureModeCue: incident.failureMode && incident.rootCauseSummary ? failureModeCue(incident.rootCauseSummary, incident.failureMode) : null,
    });
    let rootCauseId: string | null = null;
    if (suggestion) {
      await this.manager.createQueryBuilder().insert().into(RootCauseEntity).values({ failureMode: suggestion.failureMode, serviceId: suggestion.serviceId }).orIgnore().execute();
      rootCauseId = (await this.manager.findOneByOrFail(RootCauseEntity, { failureMode: suggestion.failureMode, serviceId: suggestion.serviceId })).id;
      await this.manager.query(
        `INSERT INTO root_cause_link (incident_id, root_cause_id, status, confidence, evidence, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (incident_id, root_cause_id) DO UPDATE SET confidence = EXCLUDED.confidence, evidence = EXCLUDED.evidence
         WHERE root_cause_link.status = $3`,
        [incident.id, rootCauseId, LinkStatus.SUGGESTED, suggestion.confidence, suggestion.evidence, incident.updatedAt],
      );
    }
    await this.manager.query(`DELETE FROM root_cause_link WHERE incident_id = $1 AND status = $2 AND root_cause_id IS DISTINCT FROM $3`, [incident.id, LinkStatus.SUGGESTED, rootCauseId]);
    return rootCauseId;
  }
}
