import type { DataSource } from 'typeorm';
import type { ItemRecurrence, IncidentFact } from '../flags/action-item-flags';
import { LinkStatus } from '../root-causes/link-status';
import type { ActionItemStatus } from './action-item-enums';

interface IncidentRow {
  incident_id: string;
  incident_title: string;
  incident_started_at: Date | null;
  incident_created_at: Date;
}

const incidentOf = (row: IncidentRow): IncidentFact => ({ id: row.incident_id, title: row.incident_title, startedAt: row.incident_started_at, createdAt: row.incident_created_at });

/**
 * What the recurrence flags need to know about many items, in three queries whatever their number: each item's
 * incident, the other occurrences of its measure, and the other incidents sharing its incident's root cause.
 */
export async function loadItemRecurrence(dataSource: DataSource, itemIds: readonly string[]): Promise<Map<string, ItemRecurrence>> {
  const result = new Map<string, ItemRecurrence>();
  if (itemIds.length === 0) return result;
  const items: (IncidentRow & { id: string; measure_id: string | null })[] = await dataSource.query(
    `SELECT a.id, a.measure_id, i.id AS incident_id, i.title AS incident_title, i.started_at AS incident_started_at, i.created_at AS incident_created_at
     FROM action_item a JOIN incident i ON i.id = a.incident_id WHERE a.id = ANY($1::uuid[])`,
    [itemIds],
  );
  const measureIds = [...new Set(items.map((item) => item.measure_id).filter((id): id is string => id !== null))];
  const incidentIds = [...new Set(items.map((item) => item.incident_id))];
  const occurrences: (IncidentRow & { id: string; measure_id: string; status: ActionItemStatus; completed_at: Date | null })[] = measureIds.length
    ? await dataSource.query(
        `SELECT a.id, a.measure_id, a.status, a.completed_at, i.id AS incident_id, i.title AS incident_title, i.started_at AS incident_started_at, i.created_at AS incident_created_at
         FROM action_item a JOIN incident i ON i.id = a.incident_id WHERE a.measure_id = ANY($1::uuid[])`,
        [measureIds],
      )
    : [];
  const recurrences: (IncidentRow & { of_incident: string })[] = await dataSource.query(
    `SELECT DISTINCT mine.incident_id AS of_incident, i.id AS incident_id, i.title AS incident_title, i.started_at AS incident_started_at, i.created_at AS incident_created_at
     FROM root_cause_link mine
     JOIN root_cause_link other ON other.root_cause_id = mine.root_cause_id AND other.incident_id <> mine.incident_id AND other.status <> $2
     JOIN incident i ON i.id = other.incident_id
     WHERE mine.incident_id = ANY($1::uuid[]) AND mine.status <> $2`,
    [incidentIds, LinkStatus.REJECTED],
  );
  const byMeasure = groupBy(occurrences, (row) => row.measure_id);
  const byIncident = groupBy(recurrences, (row) => row.of_incident);
  for (const item of items) {
    result.set(item.id, {
      incident: incidentOf(item),
      sameMeasure: (item.measure_id ? (byMeasure.get(item.measure_id) ?? []) : [])
        .filter((other) => other.id !== item.id)
        .map((other) => ({ itemId: other.id, status: other.status, completedAt: other.completed_at, incident: incidentOf(other) })),
      sameRootCause: (byIncident.get(item.incident_id) ?? []).map(incidentOf),
    });
  }
  return result;
}

function groupBy<T>(rows: T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(keyOf(row));
    if (group) group.push(row);
    else groups.set(keyOf(row), [row]);
  }
  return groups;
}
