import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ActionItemModel } from '../action-items/action-item.model';
import { IncidentModel } from '../incidents/incident.model';
import { ImportOutcome } from './import-outcome';
import { ParseWarningModel } from './parsed-postmortem.model';
import { PostmortemModel } from './postmortem.model';

registerEnumType(ImportOutcome, { name: 'ImportOutcome' });

@ObjectType('ImportChanges', { description: 'What the import did to the incident\'s items.' })
export class ImportChangesModel {
  @Field(() => Int)
  created: number;

  @Field(() => Int, { description: 'Reworded in a new revision (fields a person edited are kept).' })
  updated: number;

  @Field(() => Int, { description: 'Dropped by a new revision: kept, and flagged REMOVED_FROM_SOURCE.' })
  removed: number;

  @Field(() => Int)
  unchanged: number;
}

@ObjectType('ImportPostmortemPayload')
export class ImportPostmortemPayload {
  @Field(() => ImportOutcome)
  outcome: ImportOutcome;

  @Field(() => IncidentModel)
  incident: IncidentModel;

  @Field(() => PostmortemModel)
  postmortem: PostmortemModel;

  @Field(() => [ActionItemModel], { description: 'All items of the incident after the import.' })
  actionItems: ActionItemModel[];

  @Field(() => [ParseWarningModel])
  warnings: ParseWarningModel[];

  @Field(() => ImportChangesModel)
  changes: ImportChangesModel;
}
