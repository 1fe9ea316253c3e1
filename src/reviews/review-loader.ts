import type { DataSource } from 'typeorm';
import type { HistoryEvent, ReviewInput, SourceIncident, SourceItem, SourceRootCause } from './review-input';

/** The changes the review undoes to see items as they were (creation and text edits it does not need). */
const TRACKED_FIELDS = ['status', 'dueOn', 'ownerId', 'serviceId', 'title', 'completedAt', 'removedFromSource', 'removedFromSourceAt'];

/**
 * Everything recorded by `asOf`, and the history since `historySince` (the start of the trend window): older
 * changes never need undoing. A handful of queries, whatever the number of items; none starts once `signal` aborts.
 */
export async function loadReviewSources(
  dataSource: DataSource,
  asOf: Date,
  historySince: Date,
  signal?: AbortSignal,
): Promise<Pick<ReviewInput, 'items' | 'incidents' | 'rootCauses' | 'owners' | 'serviceTeams'>> {
  const query = <T>(sql: string, parameters?: unknown[]): Promise<T> => {
    signal?.throwIfAborted();
    return dataSource.query<T>(sql, parameters);
  };
  const itemRows: (Omit<SourceItem, 'events'> & { due_on: string | null })[] = await query(
    `SELECT a.id, a.title, a.description, a.incident_id AS "incidentId", a.service_id AS "serviceId", a.measure_id AS "measureId", a.status,
            to_char(a.due_on, 'YYYY-MM-DD') AS due_on, a.owner_id AS "ownerId", a.created_at AS "createdAt", a.completed_at AS "completedAt",
            a.removed_from_source_at AS "removedFromSourceAt", s.issue_key AS "jiraKey", s.issue_url AS "jiraUrl"
       FROM action_item a LEFT JOIN jira_sync s ON s.action_item_id = a.id AND s.state <> 'DELETED'
      WHERE a.created_at <= $1`,
    [asOf],
  );
  const events: (HistoryEvent & { itemId: string })[] = await query(
    `SELECT action_item_id AS "itemId", field, from_value AS "from", to_value AS "to", at
       FROM action_item_event WHERE at > $1 AND field = ANY($2::text[]) ORDER BY at, sequence`,
    [historySince, TRACKED_FIELDS],
  );
  const eventsOf = new Map<string, HistoryEvent[]>();
  for (const { itemId, ...event } of events) eventsOf.set(itemId, [...(eventsOf.get(itemId) ?? []), event]);
  const items: SourceItem[] = itemRows.map(({ due_on, ...row }) => ({ ...row, dueOn: due_on, events: eventsOf.get(row.id) ?? [] }));

  const incidents: SourceIncident[] = await query(
    `SELECT id, title, started_at AS "startedAt", created_at AS "createdAt", severity, impact, duration_minutes AS "durationMinutes",
            service_id AS "serviceId", root_cause_summary AS "rootCauseSummary"
       FROM incident WHERE created_at <= $1`,
    [asOf],
  );
  const rootCauses: SourceRootCause[] = await query(
    `SELECT rc.id, rc.failure_mode AS "failureMode", s.name AS "serviceName", array_agg(l.incident_id ORDER BY l.incident_id) AS "incidentIds"
       FROM root_cause rc JOIN service s ON s.id = rc.service_id JOIN root_cause_link l ON l.root_cause_id = rc.id AND l.status <> 'REJECTED'
      GROUP BY rc.id, rc.failure_mode, s.name`,
  );
  const owners: { id: string; name: string; kind: string }[] = await query(`SELECT id, name, kind FROM owner`);
  // Services merged away too: a week before the merge shows their items under the team that owned them.
  const services: { id: string; owning_team_id: string | null }[] = await query(
    `SELECT id, owning_team_id FROM service UNION ALL SELECT id, owning_team_id FROM merged_service`,
  );
  return {
    items,
    incidents,
    rootCauses,
    owners: new Map(owners.map((owner) => [owner.id, { name: owner.name, isTeam: owner.kind === 'TEAM' }])),
    serviceTeams: new Map(services.map((service) => [service.id, service.owning_team_id])),
  };
}
