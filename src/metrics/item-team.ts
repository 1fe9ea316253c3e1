import { OwnerKind } from '../owners/owner-kind';

/** Label value of items no team answers for. */
export const NO_TEAM = 'none';

/**
 * Joins, from `action_item a`, that find the team answering for an item: its owner when the owner is a team,
 * else the owning team of its service, else that of its incident's service.
 */
export const ITEM_TEAM_JOINS = `
  JOIN incident i ON i.id = a.incident_id
  LEFT JOIN owner o ON o.id = a.owner_id
  LEFT JOIN service item_service ON item_service.id = a.service_id
  LEFT JOIN owner item_service_team ON item_service_team.id = item_service.owning_team_id
  LEFT JOIN service incident_service ON incident_service.id = i.service_id
  LEFT JOIN owner incident_service_team ON incident_service_team.id = incident_service.owning_team_id`;

export const ITEM_TEAM = `COALESCE(CASE WHEN o.kind = '${OwnerKind.TEAM}' THEN o.name END, item_service_team.name, incident_service_team.name, '${NO_TEAM}')`;
