import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { loadFlagWitnesses } from '../action-items/flag-witnesses';
import { loadItemRecurrence } from '../action-items/item-recurrence';
import type { ItemRecurrence } from '../flags/action-item-flags';
import { ActionItemEventEntity } from '../action-items/action-item-event.entity';
import { ActionItemEntity } from '../action-items/action-item.entity';
import { IncidentEntity } from '../incidents/incident.entity';
import { JiraSyncEntity } from '../jira/jira-sync.entity';
import { OwnerEntity } from '../owners/owner.entity';
import { PostmortemEntity } from '../postmortems/postmortem.entity';
import { ServiceEntity } from '../services/service.entity';
import { createByIdLoader, createGroupedLoader } from './loader-factories';

/** DataLoaders of one GraphQL request: field resolvers cost one query per relation, not one per row. */
export function createRequestLoaders(dataSource: DataSource) {
  return {
    owner: createByIdLoader(dataSource, OwnerEntity),
    service: createByIdLoader(dataSource, ServiceEntity),
    incident: createByIdLoader(dataSource, IncidentEntity),
    postmortem: createByIdLoader(dataSource, PostmortemEntity),
    actionItemsByIncident: createGroupedLoader(dataSource, ActionItemEntity, 'incidentId', { createdAt: 'ASC', sourceLineStart: 'ASC', id: 'ASC' }),
    postmortemsByIncident: createGroupedLoader(dataSource, PostmortemEntity, 'incidentId', { revision: 'ASC' }),
    itemRecurrence: new DataLoader<string, ItemRecurrence | null>(async (ids) => {
      const facts = await loadItemRecurrence(dataSource, ids);
      return ids.map((id) => facts.get(id) ?? null);
    }),
    flagWitnesses: new DataLoader<string, ItemRecurrence | null>(async (ids) => {
      const facts = await loadFlagWitnesses(dataSource, ids);
      return ids.map((id) => facts.get(id) ?? null);
    }),
    jiraSyncByActionItem: createGroupedLoader(dataSource, JiraSyncEntity, 'actionItemId', { actionItemId: 'ASC' }),
    historyByActionItem: createGroupedLoader(dataSource, ActionItemEventEntity, 'actionItemId', { at: 'ASC', sequence: 'ASC' }),
  };
}

export type RequestLoaders = ReturnType<typeof createRequestLoaders>;
