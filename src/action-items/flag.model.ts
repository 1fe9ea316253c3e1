import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { FLAG_CODES, type FlagCode } from '../flags/action-item-flags';

/** The flag codes as a GraphQL enum (the pure rules keep them as a string union). */
export const FlagCodeEnum = Object.fromEntries(FLAG_CODES.map((code) => [code, code])) as { [K in FlagCode]: K };

registerEnumType(FlagCodeEnum, {
  name: 'FlagCode',
  description: 'Why a measure is rotting. See the README for each rule.',
  valuesMap: {
    OVERDUE: { description: 'Still to do after its due date (in DUE_DATE_TIME_ZONE).' },
    DUE_SOON: { description: 'Due within DUE_SOON_DAYS.' },
    UNOWNED: { description: 'Nobody owns it.' },
    NO_DUE_DATE: { description: 'It has no due date.' },
    STALE: { description: 'No change for STALE_AFTER_DAYS days.' },
    PROMISED_AGAIN: { description: 'The same measure from an earlier incident was never done.' },
    RECURRED_WHILE_OPEN: { description: 'An incident with the same root cause started while it was still open.' },
    INEFFECTIVE: { description: 'Done, and then the root cause came back.' },
    REMOVED_FROM_SOURCE: { description: 'A later revision of the postmortem dropped it without it being done.' },
    VAGUE: { description: 'It names no concrete, checkable outcome.' },
  },
});

@ObjectType('FlagEvidence', { description: 'One fact behind a flag: another incident or item, and when.' })
export class FlagEvidenceModel {
  @Field(() => String, { nullable: true })
  incidentId: string | null;

  @Field(() => String, { nullable: true })
  incidentTitle: string | null;

  @Field(() => String, { nullable: true })
  actionItemId: string | null;

  @Field(() => String, { nullable: true, description: 'The date (YYYY-MM-DD) the fact is about.' })
  on: string | null;

  @Field()
  note: string;
}

@ObjectType('Flag', { description: 'A computed warning on an item, with a one-line reason and the evidence.' })
export class FlagModel {
  @Field(() => FlagCodeEnum)
  code: FlagCode;

  @Field({ description: 'One line a person can act on.' })
  reason: string;

  @Field(() => [FlagEvidenceModel], { description: 'The incidents or items that prove it, oldest first; empty for rules on the item itself.' })
  evidence: FlagEvidenceModel[];
}
