import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { ACTIVE_STATUSES, ActionItemStatus } from '../action-items/action-item-enums';
import { ActionItemEntity } from '../action-items/action-item.entity';
import { NotFoundError } from '../common/domain-error';
import { IncidentEntity } from '../incidents/incident.entity';
import { LinkStatus } from './link-status';
import { RootCauseLinkEntity } from './root-cause-link.entity';

export interface RootCauseSummary {
  id: string;
  failureMode: string;
  serviceId: string;
  incidentCount: number;
  firstSeenAt: Date | null;
  lastSeenAt: Date | null;
}

/** A summary with how many times the cause came back after its first incident. */
export function withRecurrenceCount(summary: RootCauseSummary): RootCauseSummary & { recurrenceCount: number } {
  return { ...summary, recurrenceCount: Math.max(0, summary.incidentCount - 1) };
}

export interface FailureModeSummary {
  failureMode: string;
  incidentCount: number;
  serviceCount: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

export interface RootCauseFilter {
  failureMode?: string | null;
  serviceId?: string | null;
  minIncidents?: number | null;
}

export interface RelatedIncident {
  incident: IncidentEntity;
  rootCauseId: string;
  failureMode: string;
  serviceId: string;
}

// When an incident happened: its start, or when it was recorded if the postmortem gives no start.
const OCCURRED_AT = 'COALESCE(i.started_at, i.created_at)';
const COUNTED = `l.status <> '${LinkStatus.REJECTED}'`;

/** Reads of recurring root causes: counts and dates are aggregated in SQL over the links people did not reject. */
@Injectable()
export class RootCausesService {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: RootCauseFilter): Promise<RootCauseSummary[]> {
    const conditions: string[] = [];
    const parameters: unknown[] = [Math.max(1, filter.minIncidents ?? 1)];
    if (filter.failureMode) conditions.push(`rc.failure_mode = $${parameters.push(filter.failureMode)}`);
    if (filter.serviceId) conditions.push(`rc.service_id = $${parameters.push(filter.serviceId)}`);
    return this.summaries(conditions, parameters);
  }

  async get(id: string): Promise<RootCauseSummary> {
    // A root cause whose every link was rejected still exists, with no incidents.
    const [found] = await this.summaries([`rc.id = $2`], [0, id]);
    if (!found) throw new NotFoundError('Root cause', id);
    return found;
  }

  async failureModes(): Promise<FailureModeSummary[]> {
    const rows: { failure_mode: string; incident_count: string; service_count: string; first_seen: Date; last_seen: Date }[] = await this.dataSource.query(
      `SELECT rc.failure_mode, count(DISTINCT i.id) AS incident_count, count(DISTINCT rc.service_id) AS service_count,
              min(${OCCURRED_AT}) AS first_seen, max(${OCCURRED_AT}) AS last_seen
       FROM root_cause rc JOIN root_cause_link l ON l.root_cause_id = rc.id AND ${COUNTED} JOIN incident i ON i.id = l.incident_id
       GROUP BY rc.failure_mode ORDER BY count(DISTINCT i.id) DESC, rc.failure_mode`,
    );
    return rows.map((row) => ({ failureMode: row.failure_mode, incidentCount: Number(row.incident_count), serviceCount: Number(row.service_count), firstSeenAt: row.first_seen, lastSeenAt: row.last_seen }));
  }

  /** The incidents linked to a root cause, oldest first, each with its link. */
  async incidentsOf(rootCauseId: string): Promise<{ incident: IncidentEntity; link: RootCauseLinkEntity }[]> {
    const links = await this.dataSource.getRepository(RootCauseLinkEntity).find({ where: { rootCauseId }, relations: { incident: true } });
    return links
      .filter((link) => link.status !== LinkStatus.REJECTED)
      .map((link) => ({ incident: link.incident!, link }))
      .sort((a, b) => occurredAt(a.incident) - occurredAt(b.incident) || a.incident.id.localeCompare(b.incident.id));
  }

  /** Every incident of one failure mode across services, oldest first. */
  incidentsOfMode(failureMode: string): Promise<IncidentEntity[]> {
    return this.dataSource
      .getRepository(IncidentEntity)
      .createQueryBuilder('i')
      .where(`i.id IN (SELECT l.incident_id FROM root_cause_link l JOIN root_cause rc ON rc.id = l.root_cause_id WHERE rc.failure_mode = :failureMode AND ${COUNTED})`, { failureMode })
      .orderBy(OCCURRED_AT)
      .addOrderBy('i.id')
      .getMany();
  }

  /** Items still to do from any incident of a root cause, by due date. */
  openItemsOf(rootCauseId: string): Promise<ActionItemEntity[]> {
    return this.dataSource
      .getRepository(ActionItemEntity)
      .createQueryBuilder('item')
      .where(`item.incident_id IN (SELECT l.incident_id FROM root_cause_link l WHERE l.root_cause_id = :rootCauseId AND ${COUNTED})`, { rootCauseId })
      .andWhere('item.status IN (:...active)', { active: ACTIVE_STATUSES })
      .orderBy('item.due_on', 'ASC', 'NULLS LAST')
      .addOrderBy('item.id')
      .getMany();
  }

  allLinksOf(rootCauseId: string): Promise<RootCauseLinkEntity[]> {
    return this.dataSource.getRepository(RootCauseLinkEntity).find({ where: { rootCauseId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  linksOf(incidentId: string): Promise<RootCauseLinkEntity[]> {
    return this.dataSource.getRepository(RootCauseLinkEntity).find({ where: { incidentId }, order: { confidence: 'DESC', id: 'ASC' } });
  }

  /** Other incidents that share a root cause with this one (links nobody rejected on either side), oldest first. */
  async relatedIncidents(incidentId: string): Promise<RelatedIncident[]> {
    const rows: { id: string; root_cause_id: string; failure_mode: string; service_id: string }[] = await this.dataSource.query(
      `SELECT i.id, rc.id AS root_cause_id, rc.failure_mode, rc.service_id
       FROM root_cause_link mine
       JOIN root_cause rc ON rc.id = mine.root_cause_id
       JOIN root_cause_link l ON l.root_cause_id = rc.id AND l.incident_id <> mine.incident_id AND ${COUNTED}
       JOIN incident i ON i.id = l.incident_id
       WHERE mine.incident_id = $1 AND mine.status <> '${LinkStatus.REJECTED}'
       ORDER BY ${OCCURRED_AT}, i.id`,
      [incidentId],
    );
    const incidents = new Map((await this.dataSource.getRepository(IncidentEntity).findBy({ id: In(rows.map((row) => row.id)) })).map((incident) => [incident.id, incident]));
    return rows.map((row) => ({ incident: incidents.get(row.id)!, rootCauseId: row.root_cause_id, failureMode: row.failure_mode, serviceId: row.service_id }));
  }

  /**
   * "We promised this last time": measures from earlier incidents with the same root cause that were never
   * done (still open, or closed without doing them), oldest incident first.
   */
  async unfinishedMeasures(incidentId: string): Promise<ActionItemEntity[]> {
    return this.dataSource
      .getRepository(ActionItemEntity)
      .createQueryBuilder('item')
      .innerJoin(IncidentEntity, 'i', 'i.id = item.incident_id')
      .where(
        `item.incident_id IN (
           SELECT l.incident_id FROM root_cause_link mine
           JOIN root_cause_link l ON l.root_cause_id = mine.root_cause_id AND l.incident_id <> mine.incident_id AND ${COUNTED}
           WHERE mine.incident_id = :incidentId AND mine.status <> '${LinkStatus.REJECTED}')`,
        { incidentId },
      )
      .andWhere(`${OCCURRED_AT} < (SELECT COALESCE(me.started_at, me.created_at) FROM incident me WHERE me.id = :incidentId)`)
      .andWhere('item.status <> :done', { done: ActionItemStatus.DONE })
      .orderBy(OCCURRED_AT, 'ASC')
      .addOrderBy('item.source_line_start', 'ASC', 'NULLS LAST')
      .addOrderBy('item.id')
      .getMany();
  }

  private async summaries(conditions: string[], parameters: unknown[]): Promise<RootCauseSummary[]> {
    const rows: { id: string; failure_mode: string; service_id: string; incident_count: string; first_seen: Date; last_seen: Date }[] = await this.dataSource.query(
      `SELECT rc.id, rc.failure_mode, rc.service_id, count(i.id) AS incident_count, min(${OCCURRED_AT}) AS first_seen, max(${OCCURRED_AT}) AS last_seen
       FROM root_cause rc LEFT JOIN root_cause_link l ON l.root_cause_id = rc.id AND ${COUNTED} LEFT JOIN incident i ON i.id = l.incident_id
       ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
       GROUP BY rc.id HAVING count(i.id) >= $1
       ORDER BY count(i.id) DESC, max(${OCCURRED_AT}) DESC NULLS LAST, rc.id`,
      parameters,
    );
    return rows.map((row) => ({ id: row.id, failureMode: row.failure_mode, serviceId: row.service_id, incidentCount: Number(row.incident_count), firstSeenAt: row.first_seen, lastSeenAt: row.last_seen }));
  }
}

function occurredAt(incident: IncidentEntity): number {
  return (incident.startedAt ?? incident.createdAt).getTime();
}
