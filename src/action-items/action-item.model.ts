import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../graphql/connection';
import { LocalDateScalar } from '../graphql/local-date.scalar';
import { ActionItemKind, ActionItemStatus, AssignmentOrigin, Priority } from './action-item-enums';

registerEnumType(ActionItemKind, { name: 'ActionItemKind', description: 'What the measure does, after Google SRE practice.' });
registerEnumType(ActionItemStatus, {
  name: 'ActionItemStatus',
  description: 'OPEN → IN_PROGRESS → DONE; BLOCKED and WONT_DO (with a reason) on the side; DONE and WONT_DO can be reopened.',
});
registerEnumType(Priority, { name: 'Priority', description: 'P1 is the most urgent.' });
registerEnumType(AssignmentOrigin, { name: 'AssignmentOrigin', description: "Where an owner or due date came from: the postmortem's text, the ownership map, the due-date policy, or a person." });

@ObjectType('ActionItem', { description: 'One corrective or preventive measure: owned, due-dated, tracked to done.' })
export class ActionItemModel {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => ActionItemKind)
  kind: ActionItemKind;

  @Field(() => Priority)
  priority: Priority;

  @Field(() => ActionItemStatus)
  status: ActionItemStatus;

  @Field(() => String, { nullable: true, description: 'monitoring, testing, code-review, deployment, capacity, configuration, process, training, vendor, documentation, incident-response, fix or other.' })
  category: string | null;

  @Field(() => AssignmentOrigin, { nullable: true })
  ownerOrigin: AssignmentOrigin | null;

  @Field(() => AssignmentOrigin, { nullable: true })
  dueOrigin: AssignmentOrigin | null;

  @Field(() => Date, { nullable: true, description: 'When a later revision of the postmortem stopped listing it.' })
  removedFromSourceAt: Date | null;

  @Field(() => LocalDateScalar, { nullable: true })
  dueOn: string | null;

  @Field(() => Date, { nullable: true, description: 'When it moved to DONE.' })
  completedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Proof of completion (a PR, a runbook, a dashboard).' })
  evidenceUrl: string | null;

  @Field(() => String, { nullable: true })
  wontDoReason: string | null;

  @Field(() => Int, { description: 'Pass it back to updateActionItem; a stale version is refused with CONFLICT.' })
  version: number;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;

  @Field(() => String, { nullable: true, description: 'Why it joined its measure (which words and category matched), or who put it there by hand.' })
  measureEvidence: string | null;

  incidentId: string;
  measureId: string | null;
  ownerId: string | null;
  serviceId: string | null;
  postmortemId: string | null;
  sourceSection: string | null;
  sourceLineStart: number | null;
  sourceLineEnd: number | null;
  sourceText: string | null;
}

@ObjectType('ActionItemSource', { description: 'Where in which postmortem revision the item was written.' })
export class ActionItemSourceModel {
  postmortemId: string | null;

  @Field(() => String, { nullable: true, description: 'The measure exactly as the postmortem wrote it.' })
  text: string | null;

  @Field(() => String, { nullable: true, description: 'The heading of the section it was listed under.' })
  section: string | null;

  @Field(() => Int, { nullable: true })
  lineStart: number | null;

  @Field(() => Int, { nullable: true })
  lineEnd: number | null;
}

@ObjectType('ActionItemEvent', { description: 'An audited change: who changed which field, when, from what to what.' })
export class ActionItemEventModel {
  @Field(() => ID)
  id: string;

  @Field()
  actor: string;

  @Field()
  at: Date;

  @Field({ description: 'The field that changed, or "created".' })
  field: string;

  @Field(() => String, { nullable: true, name: 'from' })
  fromValue: string | null;

  @Field(() => String, { nullable: true, name: 'to' })
  toValue: string | null;

  @Field(() => String, { nullable: true })
  reason: string | null;
}

@ObjectType()
export class ActionItemConnection extends Connection(ActionItemModel, 'ActionItem') {}
