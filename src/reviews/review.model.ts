import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { FlagCodeEnum, FlagEvidenceModel } from '../action-items/flag.model';
import type { FlagCode } from '../flags/action-item-flags';
import { LocalDateScalar } from '../graphql/local-date.scalar';

@ObjectType('ReviewItem', { description: 'An action item as it stood at the end of the reviewed week.' })
export class ReviewItemModel {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field({ description: 'Its status then (an ActionItemStatus).' })
  status: string;

  @Field(() => LocalDateScalar, { nullable: true })
  dueOn: string | null;

  @Field(() => Int, { description: 'Whole days past due at the end of the week; 0 when not overdue.' })
  daysOverdue: number;

  @Field(() => String, { nullable: true })
  ownerName: string | null;

  @Field(() => String, { nullable: true, description: 'The team that answers for it: its owner if a team, else its service’s owning team.' })
  teamName: string | null;

  @Field(() => ID)
  incidentId: string;

  @Field()
  incidentTitle: string;

  @Field(() => String, { nullable: true })
  jiraKey: string | null;

  @Field(() => String, { nullable: true })
  jiraUrl: string | null;
}

@ObjectType('ReviewIncident')
export class ReviewIncidentModel {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field(() => Date, { nullable: true })
  startedAt: Date | null;

  @Field(() => String, { nullable: true })
  severity: string | null;

  @Field(() => String, { nullable: true })
  impact: string | null;

  @Field(() => Int, { nullable: true })
  durationMinutes: number | null;

  @Field(() => String, { nullable: true, description: 'Its root cause, e.g. "memory leak in payment gateway".' })
  rootCause: string | null;
}

@ObjectType('AgingBucket', { description: 'Overdue items by how many days late they are.' })
export class AgingBucketModel {
  @Field()
  label: string;

  @Field(() => Int)
  minDays: number;

  @Field(() => Int, { nullable: true })
  maxDays: number | null;

  @Field(() => Int)
  count: number;
}

@ObjectType('ReviewTotals')
export class ReviewTotalsModel {
  @Field(() => Int, { description: 'Items still to do (OPEN, IN_PROGRESS, BLOCKED) at the end of the week.' })
  open: number;

  @Field(() => Int)
  overdue: number;

  @Field(() => [AgingBucketModel])
  aging: AgingBucketModel[];
}

@ObjectType('CompletionStats', { description: 'How promises were kept over the trailing window.' })
export class CompletionStatsModel {
  @Field(() => Int)
  windowWeeks: number;

  @Field(() => Int, { description: 'Items completed (DONE) in the window.' })
  closed: number;

  @Field(() => Int, { description: 'Of those, completed on or before their due date.' })
  closedOnTime: number;

  @Field(() => Float, { nullable: true, description: 'closedOnTime / closed (items with a due date); null when none.' })
  onTimeRate: number | null;

  @Field(() => Float, { nullable: true })
  medianDaysToClose: number | null;

  @Field(() => Float, { nullable: true })
  p90DaysToClose: number | null;
}

@ObjectType('TrendWeek')
export class TrendWeekModel {
  @Field()
  week: string;

  @Field(() => LocalDateScalar)
  startsOn: string;

  @Field(() => Int)
  opened: number;

  @Field(() => Int)
  completed: number;

  @Field(() => Int, { description: 'Open items past due at the end of that week.' })
  openOverdue: number;
}

@ObjectType('ReviewRootCause')
export class ReviewRootCauseModel {
  @Field(() => ID)
  id: string;

  @Field()
  label: string;

  @Field()
  failureMode: string;

  @Field()
  serviceName: string;

  @Field(() => Int)
  incidentCount: number;

  @Field(() => Date, { nullable: true })
  lastSeenAt: Date | null;

  @Field(() => [ReviewItemModel], { description: 'Items of its incidents still open at the end of the week.' })
  openItems: ReviewItemModel[];
}

@ObjectType('BrokenPromise', { description: 'A measure promised again, open when the cause came back, or done but ineffective.' })
export class BrokenPromiseModel {
  @Field(() => ReviewItemModel)
  item: ReviewItemModel;

  @Field(() => FlagCodeEnum)
  code: FlagCode;

  @Field()
  reason: string;

  @Field(() => [FlagEvidenceModel])
  evidence: FlagEvidenceModel[];
}

@ObjectType('TeamScorecard')
export class TeamScorecardModel {
  @Field(() => ID, { nullable: true })
  teamId: string | null;

  @Field()
  teamName: string;

  @Field(() => Int)
  open: number;

  @Field(() => Int)
  overdue: number;

  @Field(() => Int)
  createdThisWeek: number;

  @Field(() => Int)
  completedThisWeek: number;

  @Field(() => Float, { nullable: true, description: 'Share of its items completed in the window that were on time.' })
  onTimeRate: number | null;

  @Field(() => Int)
  brokenPromises: number;
}

@ObjectType('ReviewTeam')
export class ReviewTeamModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;
}

@ObjectType('ReliabilityReview', { description: 'The weekly reliability review, as of the end of the week (rebuilt from the audit history).' })
export class ReliabilityReviewModel {
  @Field({ description: 'ISO week, e.g. 2024-W25.' })
  week: string;

  @Field(() => LocalDateScalar)
  startsOn: string;

  @Field(() => LocalDateScalar)
  endsOn: string;

  @Field(() => Date, { description: 'The instant described: the end of the week, or now while the week is running.' })
  asOf: Date;

  @Field()
  timeZone: string;

  @Field(() => ReviewTeamModel, { nullable: true })
  team: ReviewTeamModel | null;

  @Field(() => [ReviewIncidentModel], { description: 'Incidents that started in the week.' })
  incidents: ReviewIncidentModel[];

  @Field(() => [ReviewItemModel], { description: 'Items created in the week.' })
  created: ReviewItemModel[];

  @Field(() => [ReviewItemModel], { description: 'Items completed (DONE) in the week.' })
  completed: ReviewItemModel[];

  @Field(() => [ReviewItemModel], { description: 'Items that became overdue in the week and were still open at its end.' })
  newlyOverdue: ReviewItemModel[];

  @Field(() => [ReviewItemModel], { description: 'Open items due in the following week.' })
  dueNextWeek: ReviewItemModel[];

  @Field(() => ReviewTotalsModel)
  totals: ReviewTotalsModel;

  @Field(() => CompletionStatsModel)
  completion: CompletionStatsModel;

  @Field(() => [TrendWeekModel], { description: 'The 12 weeks ending with this one, oldest first.' })
  trend: TrendWeekModel[];

  @Field(() => [ReviewRootCauseModel], { description: 'Root causes seen in two or more incidents, most incidents first.' })
  recurringRootCauses: ReviewRootCauseModel[];

  @Field(() => [BrokenPromiseModel])
  brokenPromises: BrokenPromiseModel[];

  @Field(() => [TeamScorecardModel])
  scorecards: TeamScorecardModel[];

  @Field({ description: 'The review as markdown (headings, tables, links), ready for Confluence or Slack.' })
  markdown: string;
}
