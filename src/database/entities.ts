import { ApiTokenEntity } from '../auth/api-token.entity';
import { ActionItemEventEntity } from '../action-items/action-item-event.entity';
import { ActionItemEntity } from '../action-items/action-item.entity';
import { MeasureEntity } from '../measures/measure.entity';
import { RootCauseLinkEntity } from '../root-causes/root-cause-link.entity';
import { RootCauseEntity } from '../root-causes/root-cause.entity';
import { IncidentEntity } from '../incidents/incident.entity';
import { OwnerEntity } from '../owners/owner.entity';
import { PostmortemEntity } from '../postmortems/postmortem.entity';
import { MergedServiceEntity } from '../services/merged-service.entity';
import { ServiceEntity } from '../services/service.entity';
import { JiraReconcileCursorEntity } from '../jira/jira-reconcile-cursor.entity';
import { JiraRecurrenceCommentEntity } from '../jira/jira-recurrence-comment.entity';
import { JiraSyncEntity } from '../jira/jira-sync.entity';
import { JiraWebhookDeliveryEntity } from '../jira/jira-webhook-delivery.entity';

export const ENTITIES = [
  IncidentEntity, PostmortemEntity, OwnerEntity, ServiceEntity, ActionItemEntity, ActionItemEventEntity, MeasureEntity, RootCauseEntity, RootCauseLinkEntity,
  JiraSyncEntity,
  JiraWebhookDeliveryEntity,
  JiraReconcileCursorEntity,
  JiraRecurrenceCommentEntity,
  ApiTokenEntity,
  MergedServiceEntity,
];
