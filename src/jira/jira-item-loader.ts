import type { EntityManager } from 'typeorm';
import type { ActionItemStatus, Priority } from '../action-items/action-item-enums';
import type { ItemForJira } from './jira-issue-mapper';

interface ItemRow {
  id: string;
  title: string;
  description: string | null;
  kind: string;
  category: string | null;
  priority: Priority;
  status: ActionItemStatus;
  due_on: string | null;
  source_section: string | null;
  source_line_start: number | null;
  source_line_end: number | null;
  incident_id: string;
  incident_title: string;
  started_at: Date | null;
  severity: string | null;
  owner_id: string | null;
  owner_kind: string | null;
  owner_name: string | null;
  owner_email: string | null;
  owner_account_id: string | null;
  team_name: string | null;
  failure_mode: string | null;
  incident_service: string | null;
}

export interface LoadedItem {
  item: Omit<ItemForJira, 'assigneeAccountId'>;
  owner: { id: string; isPerson: boolean; email: string | null; jiraAccountId: string | null } | null;
}

/** Everything the mapper shows about an item, in one query (the worker syncs items one at a time). */
export async function loadItemForJira(manager: EntityManager, itemId: string): Promise<LoadedItem | null> {
  const rows: ItemRow[] = await manager.query(
    `SELECT a.id, a.title, a.description, a.kind, a.category, a.priority, a.status, to_char(a.due_on, 'YYYY-MM-DD') AS due_on,
            a.source_section, a.source_line_start, a.source_line_end,
            i.id AS incident_id, i.title AS incident_title, i.started_at, i.severity,
            o.id AS owner_id, o.kind AS owner_kind, o.name AS owner_name, o.email AS owner_email, o.jira_account_id AS owner_account_id,
            CASE WHEN o.kind = 'TEAM' THEN o.name ELSE team.name END AS team_name,
            i.failure_mode, incident_service.name AS incident_service
       FROM action_item a
       JOIN incident i ON i.id = a.incident_id
       LEFT JOIN owner o ON o.id = a.owner_id
       LEFT JOIN service s ON s.id = COALESCE(a.service_id, i.service_id)
       LEFT JOIN owner team ON team.id = s.owning_team_id
       LEFT JOIN service incident_service ON incident_service.id = i.service_id
      WHERE a.id = $1`,
    [itemId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    item: {
      id: row.id,
      title: row.title,
      description: row.description,
      kind: row.kind,
      category: row.category,
      priority: row.priority,
      status: row.status,
      dueOn: row.due_on,
      sourceSection: row.source_section,
      sourceLines: row.source_line_start !== null && row.source_line_end !== null ? { start: row.source_line_start, end: row.source_line_end } : null,
      incident: { id: row.incident_id, title: row.incident_title, startedAt: row.started_at, severity: row.severity },
      rootCause: row.failure_mode ? { failureMode: row.failure_mode, serviceName: row.incident_service } : null,
      ownerName: row.owner_name,
      teamName: row.team_name,
    },
    owner: row.owner_id
      ? { id: row.owner_id, isPerson: row.owner_kind === 'PERSON', email: row.owner_email, jiraAccountId: row.owner_account_id }
      : null,
  };
}
