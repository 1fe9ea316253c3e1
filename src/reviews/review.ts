import type { FlagCode, FlagEvidence } from '../flags/action-item-flags';

/** The weekly reliability review: plain data, built by `buildReview` and shown as GraphQL, markdown and the dashboard. */
export interface Review {
  /** ISO week, e.g. 2024-W25. */
  week: string;
  /** Monday and Sunday of the week, in the review's time zone. */
  startsOn: string;
  endsOn: string;
  /** The instant the review describes: the end of the week, or now for the current week. */
  asOf: Date;
  timeZone: string;
  team: { id: string; name: string } | null;
  incidents: ReviewIncident[];
  created: ReviewItem[];
  completed: ReviewItem[];
  newlyOverdue: ReviewItem[];
  dueNextWeek: ReviewItem[];
  totals: { open: number; overdue: number; aging: AgingBucket[] };
  completion: CompletionStats;
  trend: TrendWeek[];
  recurringRootCauses: ReviewRootCause[];
  brokenPromises: BrokenPromise[];
  scorecards: TeamScorecard[];
}

/** An item as it stood at the review's `asOf`. */
export interface ReviewItem {
  id: string;
  title: string;
  status: string;
  dueOn: string | null;
  /** Whole days past due at `asOf` (0 when not overdue). */
  daysOverdue: number;
  ownerName: string | null;
  teamName: string | null;
  incidentId: string;
  incidentTitle: string;
  jiraKey: string | null;
  jiraUrl: string | null;
}

export interface ReviewIncident {
  id: string;
  title: string;
  startedAt: Date | null;
  severity: string | null;
  impact: string | null;
  durationMinutes: number | null;
  /** e.g. "memory leak in payment gateway", from its linked root cause, else the postmortem's own summary. */
  rootCause: string | null;
}

export interface AgingBucket {
  label: string;
  minDays: number;
  /** null: no upper bound */
  maxDays: number | null;
  count: number;
}

export interface CompletionStats {
  /** The window the figures cover, ending with the review's week. */
  windowWeeks: number;
  closed: number;
  closedOnTime: number;
  /** closedOnTime / closed among items with a due date; null when none closed. */
  onTimeRate: number | null;
  medianDaysToClose: number | null;
  p90DaysToClose: number | null;
}

export interface TrendWeek {
  week: string;
  startsOn: string;
  opened: number;
  completed: number;
  /** Open items past due at the end of that week. */
  openOverdue: number;
}

export interface ReviewRootCause {
  id: string;
  label: string;
  failureMode: string;
  serviceName: string;
  incidentCount: number;
  lastSeenAt: Date | null;
  openItems: ReviewItem[];
}

export interface BrokenPromise {
  item: ReviewItem;
  code: Extract<FlagCode, 'PROMISED_AGAIN' | 'RECURRED_WHILE_OPEN' | 'INEFFECTIVE'>;
  reason: string;
  evidence: FlagEvidence[];
}

export interface TeamScorecard {
  teamId: string | null;
  /** "(no team)" for items no team answers for. */
  teamName: string;
  open: number;
  overdue: number;
  createdThisWeek: number;
  completedThisWeek: number;
  onTimeRate: number | null;
  brokenPromises: number;
}
