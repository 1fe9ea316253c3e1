import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { ActionItemKind } from '../action-items/action-item-enums';
import { Severity } from '../incidents/severity';

@ObjectType('ParseWarning', { description: 'Something the parser could not read, with its position in the document.' })
export class ParseWarningModel {
  @Field(() => Int)
  line: number;

  @Field(() => Int)
  column: number;

  @Field({ description: 'NO_ACTION_ITEMS, NO_TITLE, AMBIGUOUS_DATE, NO_ROOT_CAUSE or TOO_MANY_ITEMS' })
  code: string;

  @Field()
  message: string;
}

@ObjectType('ParsedRootCause')
export class ParsedRootCauseModel {
  @Field(() => String, { nullable: true })
  summary: string | null;

  @Field({ description: 'memory-leak, configuration-error, … (see the README)' })
  category: string;

  @Field(() => String, { nullable: true, description: 'The failing component as written.' })
  component: string | null;
}

@ObjectType('ParsedTimelineEntry')
export class ParsedTimelineEntryModel {
  @Field(() => String, { nullable: true, description: 'ISO-8601 with the written zone, when the date and zone are known.' })
  at: string | null;

  @Field({ description: 'The time as written.' })
  time: string;

  @Field()
  text: string;

  @Field(() => Int)
  line: number;
}

@ObjectType('ParsedActionItem')
export class ParsedActionItemModel {
  @Field({ description: 'As written, without bullets or markup.' })
  text: string;

  @Field()
  title: string;

  @Field(() => ActionItemKind)
  kind: ActionItemKind;

  @Field()
  category: string;

  @Field(() => String, { nullable: true })
  owner: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, when the text gives one.' })
  due: string | null;

  @Field()
  doneInSource: boolean;

  @Field(() => String, { nullable: true })
  section: string | null;

  @Field(() => Int)
  lineStart: number;

  @Field(() => Int)
  lineEnd: number;
}

@ObjectType('PostmortemPreview', { description: 'What an import would read from a document, without saving anything.' })
export class PostmortemPreviewModel {
  @Field(() => String, { nullable: true })
  title: string | null;

  @Field(() => String, { nullable: true })
  summary: string | null;

  @Field(() => String, { nullable: true, description: 'ISO-8601 with the zone as written.' })
  startedAt: string | null;

  @Field(() => String, { nullable: true })
  endedAt: string | null;

  @Field(() => Int, { nullable: true })
  durationMinutes: number | null;

  @Field(() => Float, { nullable: true })
  impactPercent: number | null;

  @Field(() => String, { nullable: true })
  impact: string | null;

  @Field(() => Severity, { nullable: true })
  severity: Severity | null;

  @Field(() => ParsedRootCauseModel)
  rootCause: ParsedRootCauseModel;

  @Field(() => String, { nullable: true })
  resolution: string | null;

  @Field(() => [ParsedTimelineEntryModel])
  timeline: ParsedTimelineEntryModel[];

  @Field(() => [ParsedActionItemModel])
  actionItems: ParsedActionItemModel[];

  @Field(() => [ParseWarningModel])
  warnings: ParseWarningModel[];
}
