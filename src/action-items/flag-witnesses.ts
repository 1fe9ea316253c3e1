import type { DataSource } from 'typeorm';
import type { IncidentFact, ItemRecurrence } from '../flags/action-item-flags';
import { LinkStatus } from '../root-causes/link-status';
import { ACTIVE_STATUSES, ActionItemStatus } from './action-item-enums';

// The rules compare JavaScript Dates, which hold milliseconds; PostgreSQL keeps microseconds. Comparing
// truncated values here makes each condition exactly the rule's.
const ms = (column: string) => `date_trunc('milliseconds', ${column})`;
const ACTIVE = `a.status IN ('${ACTIVE_STATUSES.join("', '")}')`;
const DONE = `a.status = '${ActionItemStatus.DONE}'`;
const SAME_ROOT_CAUSE = `root_cause_link mine
  JOIN root_cause_link other ON other.root_cause_id = mine.root_cause_id AND other.incident_id <> mine.incident_id AND other.status <> $2
  JOIN incident oi ON oi.id = other.incident_id
  WHERE mine.incident_id = a.incident_id AND mine.status <> $2`;
/** The incident columns of `alias`, named as WitnessRow names them. */
const INCIDENT = (alias: string, prefix: string) =>
  `${alias}.id AS ${prefix}incident_id, ${alias}.title AS ${prefix}incident_title, ${alias}.started_at AS ${prefix}incident_started_at, ${alias}.created_at AS ${prefix}incident_created_at`;

// Each LATERAL finds at most one witness and stops there (like EXISTS), reading only covering indexes
// (action_item_measure_occurrence_idx, incident_occurrence_idx, root_cause_link_root_cause_idx); the witness's
// incident is read afterwards. So an item whose measure was promised in thousands of postmortems costs a short
// index-only scan, not thousands of rows.
const WITNESSES = `
SELECT a.id, ${INCIDENT('i', '')}, promised.id AS p_id, promised.status AS p_status, promised.completed_at AS p_completed_at,
  ${INCIDENT('p', 'p_')}, ${INCIDENT('w', 'w_')}, ${INCIDENT('e', 'e_')}
FROM action_item a
JOIN incident i ON i.id = a.incident_id
LEFT JOIN LATERAL (
  SELECT o.id, o.status, o.completed_at, o.incident_id
  FROM action_item o JOIN incident oi ON oi.id = o.incident_id
  WHERE ${ACTIVE} AND o.measure_id = a.measure_id AND o.id <> a.id AND o.incident_id <> a.incident_id AND o.status <> '${ActionItemStatus.DONE}'
    AND ${ms('coalesce(oi.started_at, oi.created_at)')} < ${ms('coalesce(i.started_at, i.created_at)')}
  LIMIT 1
) promised ON true
LEFT JOIN LATERAL (
  SELECT oi.id FROM ${SAME_ROOT_CAUSE}
    AND ${ms('oi.started_at')} > ${ms('a.created_at')} AND (${ACTIVE} OR (${DONE} AND ${ms('oi.started_at')} < ${ms('a.completed_at')}))
  LIMIT 1
) while_open ON true
LEFT JOIN LATERAL (
  SELECT oi.id FROM ${SAME_ROOT_CAUSE}
    AND ${DONE} AND ${ms('oi.started_at')} > ${ms('a.completed_at')}
  LIMIT 1
) after_done ON true
LEFT JOIN incident p ON p.id = promised.incident_id
LEFT JOIN incident w ON w.id = while_open.id
LEFT JOIN incident e ON e.id = after_done.id
WHERE a.id = ANY($1::uuid[])`;

interface WitnessRow {
  id: string;
  incident_id: string;
  incident_title: string;
  incident_started_at: Date | null;
  incident_created_at: Date;
  p_id: string | null;
  p_status: ActionItemStatus | null;
  p_completed_at: Date | null;
  p_incident_id: string | null;
  p_incident_title: string;
  p_incident_started_at: Date | null;
  p_incident_created_at: Date;
  w_incident_id: string | null;
  w_incident_title: string;
  w_incident_started_at: Date | null;
  w_incident_created_at: Date;
  e_incident_id: string | null;
  e_incident_title: string;
  e_incident_started_at: Date | null;
  e_incident_created_at: Date;
}

/** The incident in the row's columns with that prefix; null when the LATERAL found no witness. */
function incidentOf(row: WitnessRow, prefix: '' | 'p_' | 'w_' | 'e_'): IncidentFact | null {
  const id = row[`${prefix}incident_id`];
  if (id === null) return null;
  return { id, title: row[`${prefix}incident_title`], startedAt: row[`${prefix}incident_started_at`], createdAt: row[`${prefix}incident_created_at`] };
}

/**
 * What decides the recurrence flags' codes of many items, in one query: each item's incident and at most one
 * witness per rule — an unfinished occurrence of its measure from a strictly earlier incident (PROMISED_AGAIN),
 * an incident with its root cause that started while it was open (RECURRED_WHILE_OPEN), one that started after
 * it was done (INEFFECTIVE). Each SQL condition is the rule's own, so `flagsFor` on these facts gives exactly the
 * codes it gives on all of them (`loadItemRecurrence`); its reasons and evidence would be incomplete, so use this
 * only when the codes are all that is asked for.
 */
export async function loadFlagWitnesses(dataSource: DataSource, itemIds: readonly string[]): Promise<Map<string, ItemRecurrence>> {
  const result = new Map<string, ItemRecurrence>();
  if (itemIds.length === 0) return result;
  const rows: WitnessRow[] = await dataSource.query(WITNESSES, [itemIds, LinkStatus.REJECTED]);
  for (const row of rows) {
    const promised = incidentOf(row, 'p_');
    // p_id is set whenever p_incident_id is: they come from one LATERAL row.
    result.set(row.id, {
      incident: { id: row.incident_id, title: row.incident_title, startedAt: row.incident_started_at, createdAt: row.incident_created_at },
      sameMeasure: promised ? [{ itemId: row.p_id!, status: row.p_status!, completedAt: row.p_completed_at, incident: promised }] : [],
      sameRootCause: [incidentOf(row, 'w_'), incidentOf(row, 'e_')].filter((incident): incident is IncidentFact => incident !== null),
    });
  }
  return result;
}
