import { createHash } from 'node:crypto';
import type { Client } from 'pg';

/**
 * What an import wrote, without ids, timestamps or sequence numbers (they differ between two runs of the
 * same import): every incident with its postmortem, root-cause links and items, each item with its owner,
 * measure, audit events and Jira outbox row; the measures with their members; and row counts of every table.
 */
export interface DatabaseContent {
  counts: Record<string, number>;
  incidents: Record<string, unknown>[];
  measures: Record<string, unknown>[];
  owners: Record<string, unknown>[];
}

const TABLES = ['incident', 'postmortem', 'action_item', 'action_item_event', 'jira_sync', 'owner', 'service', 'measure', 'root_cause', 'root_cause_link'];

const INCIDENTS = `
  SELECT p.source_uri, p.revision, p.sha256, p.format, i.title, i.summary, i.started_at, i.ended_at, i.duration_minutes, i.impact_percent, i.impact,
         i.severity, i.root_cause_summary, i.failure_mode, i.component, i.resolution, s.name AS service, i.service_confidence, i.service_evidence,
    (SELECT coalesce(json_agg(json_build_object('failureMode', rc.failure_mode, 'service', rs.name, 'status', l.status, 'confidence', l.confidence, 'evidence', l.evidence)
                              ORDER BY rc.failure_mode, rs.name), '[]')
       FROM root_cause_link l JOIN root_cause rc ON rc.id = l.root_cause_id JOIN service rs ON rs.id = rc.service_id WHERE l.incident_id = i.id) AS root_causes,
    (SELECT coalesce(json_agg(json_build_object(
        'title', a.title, 'description', a.description, 'sourceText', a.source_text, 'kind', a.kind, 'category', a.category, 'priority', a.priority,
        'status', a.status, 'completed', a.completed_at IS NOT NULL, 'owner', o.name, 'ownerOrigin', a.owner_origin, 'dueOn', a.due_on, 'dueOrigin', a.due_origin,
        'service', asv.name, 'section', a.source_section, 'lines', json_build_array(a.source_line_start, a.source_line_end), 'version', a.version,
        'ofThisPostmortem', a.postmortem_id = p.id, 'subject', a.subject, 'matchTerms', a.match_terms, 'measure', m.title, 'measureEvidence', a.measure_evidence,
        'events', (SELECT coalesce(json_agg(json_build_object('field', e.field, 'from', e.from_value, 'to', e.to_value, 'actor', e.actor) ORDER BY e.sequence), '[]')
                     FROM action_item_event e WHERE e.action_item_id = a.id),
        'jira', (SELECT json_build_object('state', j.state, 'changeSeq', j.change_seq, 'attempts', j.attempts, 'issueKey', j.issue_key, 'lockedBy', j.locked_by)
                   FROM jira_sync j WHERE j.action_item_id = a.id)
      ) ORDER BY a.source_line_start, a.title), '[]')
       FROM action_item a LEFT JOIN owner o ON o.id = a.owner_id LEFT JOIN service asv ON asv.id = a.service_id LEFT JOIN measure m ON m.id = a.measure_id
      WHERE a.incident_id = i.id) AS items
  FROM incident i LEFT JOIN postmortem p ON p.incident_id = i.id LEFT JOIN service s ON s.id = i.service_id
  ORDER BY p.source_uri, p.revision, i.title`;

const MEASURES = `
  SELECT m.title, m.category, m.subject, m.match_terms, s.name AS service, m.accepts_matches,
    (SELECT json_agg(json_build_object('sourceUri', p.source_uri, 'line', a.source_line_start) ORDER BY p.source_uri, a.source_line_start)
       FROM action_item a JOIN incident i ON i.id = a.incident_id JOIN postmortem p ON p.incident_id = i.id WHERE a.measure_id = m.id) AS members
  FROM measure m LEFT JOIN service s ON s.id = m.service_id`;

export async function readContent(client: Client): Promise<DatabaseContent> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) counts[table] = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`)).rows[0].n;
  const incidents = (await client.query<Record<string, unknown>>(INCIDENTS)).rows;
  // Measures have no natural key: order them by their first member, then by what they say.
  const measures = (await client.query<Record<string, unknown>>(MEASURES)).rows.sort((a, b) => JSON.stringify([a.members, a.title]).localeCompare(JSON.stringify([b.members, b.title])));
  const owners = (await client.query<Record<string, unknown>>(`SELECT name, kind, email FROM owner ORDER BY name`)).rows;
  return { counts, incidents, measures, owners };
}

export function digestOf(content: DatabaseContent): string {
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}
