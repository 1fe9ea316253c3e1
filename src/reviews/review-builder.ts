import { addDays, calendarDateIn, startOfDayIn } from '../common/calendar';
import { parseIsoWeek, shiftWeek, type IsoWeek } from './iso-week';
import type { Review, ReviewRootCause, TeamScorecard, TrendWeek } from './review';
import type { ReviewInput, SourceIncident } from './review-input';
import { brokenPromiseSteps } from './review-promises';
import { Snapshot, type ItemAt } from './review-snapshot';
import { agingBuckets, median, percentile, round2 } from './review-stats';

export const TREND_WEEKS = 12;
const TOP_ROOT_CAUSES = 10;
const DAY_MS = 86_400_000;

/**
 * The weekly reliability review, as of the end of the week (or now, while it runs). Every item is taken as it
 * stood then, rebuilt from its audit history, so a past week's review does not change when items move later.
 */
export function buildReview(input: ReviewInput): Review {
  const steps = reviewSteps(input);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * buildReview, a step at a time: it yields between steps, and every item inside the long ones, so its caller can
 * let the event loop run other work now and then and stop when the review is no longer wanted (runInSlices).
 */
export function* reviewSteps(input: ReviewInput): Generator<void, Review, void> {
  const week = parseIsoWeek(input.week);
  if (!week) throw new Error(`Not an ISO week: ${input.week}`);
  const incidents = new Map(input.incidents.map((incident) => [incident.id, incident]));
  const bounds = (w: IsoWeek) => ({ start: startOfDayIn(w.startsOn, input.timeZone), end: new Date(Math.min(startOfDayIn(addDays(w.endsOn, 1), input.timeZone).getTime() - 1, input.now.getTime())) });
  const { start, end: asOf } = bounds(week);
  const snapshot = new Snapshot(input, asOf, incidents);
  yield;
  const mine = (entry: ItemAt) => !input.team || entry.teamId === input.team.id;
  const shown = snapshot.entries.filter(mine);
  const inWeek = (instant: Date | null) => instant !== null && instant >= start && instant <= asOf;
  const next = shiftWeek(week, 1);

  const open = shown.filter((entry) => snapshot.isActive(entry));
  const overdue = open.filter((entry) => snapshot.isOverdue(entry));
  const completed = shown.filter((entry) => entry.state.status === 'DONE' && inWeek(entry.state.completedAt));
  const windowStart = startOfDayIn(shiftWeek(week, 1 - TREND_WEEKS).startsOn, input.timeZone);
  const context = { today: snapshot.day, now: asOf, timeZone: input.timeZone, dueSoonDays: input.dueSoonDays, staleAfterDays: input.staleAfterDays };
  const promises = yield* brokenPromiseSteps(snapshot, shown, incidents, input.rootCauses, context);
  const byDue = (a: ItemAt, b: ItemAt) => (a.state.dueOn ?? '').localeCompare(b.state.dueOn ?? '') || a.state.title.localeCompare(b.state.title) || a.item.id.localeCompare(b.item.id);
  const items = (entries: ItemAt[]) => [...entries].sort(byDue).map((entry) => snapshot.reviewItem(entry));
  const teamIncidents = new Set(shown.map((entry) => entry.incident.id));
  const trend: TrendWeek[] = [];
  for (let index = 0; index < TREND_WEEKS; index++) {
    yield;
    trend.push(trendWeek(input, shiftWeek(week, index + 1 - TREND_WEEKS), bounds, incidents, mine));
  }
  yield;
  const recurring = recurringRootCauses(input, snapshot, shown, incidents);
  yield;

  return {
    week: week.label,
    startsOn: week.startsOn,
    endsOn: week.endsOn,
    asOf,
    timeZone: input.timeZone,
    team: input.team,
    incidents: input.incidents
      .filter((incident) => inWeek(incident.startedAt) && incident.createdAt <= asOf && (!input.team || teamIncidents.has(incident.id) || ownedBy(input, incident)))
      .sort((a, b) => (a.startedAt as Date).getTime() - (b.startedAt as Date).getTime())
      .map((incident) => ({ ...pick(incident), rootCause: rootCauseLabel(input, incident) })),
    created: items(shown.filter((entry) => inWeek(entry.item.createdAt))),
    completed: items(completed),
    newlyOverdue: items(overdue.filter((entry) => (entry.state.dueOn as string) >= addDays(week.startsOn, -1))),
    dueNextWeek: items(open.filter((entry) => entry.state.dueOn !== null && entry.state.dueOn >= next.startsOn && entry.state.dueOn <= next.endsOn)),
    totals: { open: open.length, overdue: overdue.length, aging: agingBuckets(overdue.map((entry) => snapshot.daysOverdue(entry))) },
    completion: completionStats(shown, windowStart, input.timeZone),
    trend,
    recurringRootCauses: recurring,
    brokenPromises: promises,
    scorecards: scorecards(input, snapshot, shown, windowStart, inWeek, new Set(promises.map((promise) => promise.item.id))),
  };
}

function pick({ id, title, startedAt, severity, impact, durationMinutes }: SourceIncident) {
  return { id, title, startedAt, severity, impact, durationMinutes };
}

function ownedBy(input: ReviewInput, incident: SourceIncident): boolean {
  return incident.serviceId !== null && input.serviceTeams.get(incident.serviceId) === input.team?.id;
}

function rootCauseLabel(input: ReviewInput, incident: SourceIncident): string | null {
  const cause = input.rootCauses.find((candidate) => candidate.incidentIds.includes(incident.id));
  return cause ? causeLabel(cause.failureMode, cause.serviceName) : (incident.rootCauseSummary?.slice(0, 200) ?? null);
}

export function causeLabel(failureMode: string, serviceName: string): string {
  return `${failureMode.replace(/-/g, ' ')} in ${serviceName}`;
}

/** Closed items of the window: how many on time, and how long they took. */
function completionStats(entries: readonly ItemAt[], windowStart: Date, timeZone: string) {
  const closed = entries.filter((entry) => entry.state.status === 'DONE' && entry.state.completedAt !== null && entry.state.completedAt >= windowStart);
  const dated = closed.filter((entry) => entry.state.dueOn !== null);
  const onTime = dated.filter((entry) => calendarDateIn(entry.state.completedAt as Date, timeZone) <= (entry.state.dueOn as string));
  const durations = closed.map((entry) => ((entry.state.completedAt as Date).getTime() - entry.item.createdAt.getTime()) / DAY_MS);
  return {
    windowWeeks: TREND_WEEKS,
    closed: closed.length,
    closedOnTime: onTime.length,
    onTimeRate: dated.length > 0 ? round2(onTime.length / dated.length) : null,
    medianDaysToClose: round2(median(durations)),
    p90DaysToClose: round2(percentile(durations, 0.9)),
  };
}

function trendWeek(
  input: ReviewInput,
  week: IsoWeek,
  bounds: (w: IsoWeek) => { start: Date; end: Date },
  incidents: ReadonlyMap<string, SourceIncident>,
  mine: (entry: ItemAt) => boolean,
): TrendWeek {
  const { start, end } = bounds(week);
  const during = (instant: Date | null) => instant !== null && instant >= start && instant <= end;
  const snapshot = new Snapshot(input, end, incidents);
  const entries = snapshot.entries.filter(mine);
  return {
    week: week.label,
    startsOn: week.startsOn,
    opened: entries.filter((entry) => during(entry.item.createdAt)).length,
    completed: entries.filter((entry) => entry.state.status === 'DONE' && during(entry.state.completedAt)).length,
    openOverdue: entries.filter((entry) => snapshot.isOverdue(entry)).length,
  };
}

/** Root causes seen in two or more incidents recorded by then, with the items of theirs still open. */
function recurringRootCauses(input: ReviewInput, snapshot: Snapshot, shown: readonly ItemAt[], incidents: ReadonlyMap<string, SourceIncident>): ReviewRootCause[] {
  const shownIncidents = new Set(shown.map((entry) => entry.incident.id));
  return input.rootCauses
    .map((cause) => {
      const known = cause.incidentIds.map((id) => incidents.get(id)).filter((incident): incident is SourceIncident => !!incident && incident.createdAt <= snapshot.instant);
      const ids = new Set(known.map((incident) => incident.id));
      const lastSeen = known.map((incident) => incident.startedAt ?? incident.createdAt).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
      const openItems = shown
        .filter((entry) => ids.has(entry.incident.id) && snapshot.isActive(entry))
        .map((entry) => snapshot.reviewItem(entry))
        .sort((a, b) => (a.dueOn ?? '').localeCompare(b.dueOn ?? '') || a.title.localeCompare(b.title) || a.id.localeCompare(b.id));
      const relevant = !input.team || known.some((incident) => shownIncidents.has(incident.id));
      return { cause, known, lastSeen, openItems, relevant };
    })
    .filter(({ known, relevant }) => relevant && known.length >= 2)
    .sort((a, b) => b.known.length - a.known.length || (b.lastSeen?.getTime() ?? 0) - (a.lastSeen?.getTime() ?? 0))
    .slice(0, TOP_ROOT_CAUSES)
    .map(({ cause, known, lastSeen, openItems }) => ({
      id: cause.id,
      label: causeLabel(cause.failureMode, cause.serviceName),
      failureMode: cause.failureMode,
      serviceName: cause.serviceName,
      incidentCount: known.length,
      lastSeenAt: lastSeen,
      openItems,
    }));
}

function scorecards(
  input: ReviewInput,
  snapshot: Snapshot,
  shown: readonly ItemAt[],
  windowStart: Date,
  inWeek: (instant: Date | null) => boolean,
  brokenItemIds: ReadonlySet<string>,
): TeamScorecard[] {
  const teams = new Map<string | null, ItemAt[]>();
  for (const entry of shown) teams.set(entry.teamId, [...(teams.get(entry.teamId) ?? []), entry]);
  return [...teams.entries()]
    .map(([teamId, entries]) => ({
      teamId,
      teamName: teamId ? (input.owners.get(teamId)?.name ?? teamId) : '(no team)',
      open: entries.filter((entry) => snapshot.isActive(entry)).length,
      overdue: entries.filter((entry) => snapshot.isOverdue(entry)).length,
      createdThisWeek: entries.filter((entry) => inWeek(entry.item.createdAt)).length,
      completedThisWeek: entries.filter((entry) => entry.state.status === 'DONE' && inWeek(entry.state.completedAt)).length,
      onTimeRate: completionStats(entries, windowStart, input.timeZone).onTimeRate,
      brokenPromises: entries.filter((entry) => brokenItemIds.has(entry.item.id)).length,
    }))
    .sort((a, b) => b.overdue - a.overdue || b.open - a.open || a.teamName.localeCompare(b.teamName));
}
