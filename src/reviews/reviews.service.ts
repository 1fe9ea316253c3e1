import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { addDays, calendarDateIn, startOfDayIn } from '../common/calendar';
import { Clock } from '../common/clock';
import { runInSlices } from '../common/run-in-slices';
import { BadInputError, NotFoundError } from '../common/domain-error';
import { Env } from '../config/env';
import { publicUrlOf } from '../config/public-url';
import { isoWeekOf, parseIsoWeek, shiftWeek } from './iso-week';
import type { Review } from './review';
import { reviewSteps, TREND_WEEKS } from './review-builder';
import { loadReviewSources } from './review-loader';
import { reviewMarkdown } from './review-markdown';

export type ReviewWithMarkdown = Review & { markdown: string };

/** Loads what the review needs, builds it (pure), and renders its markdown. */
@Injectable()
export class ReviewsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly env: Env,
  ) {}

  /**
   * The review of an ISO week ("2024-W25"; the current week when omitted), for one team or all. It gives the event
   * loop a turn between steps, and stops at the next step once `signal` aborts (the client has gone).
   */
  async review(weekLabel?: string | null, teamId?: string | null, signal?: AbortSignal): Promise<ReviewWithMarkdown> {
    const zone = this.env.DUE_DATE_TIME_ZONE;
    const now = this.clock.now();
    const week = weekLabel ? parseIsoWeek(weekLabel) : isoWeekOf(calendarDateIn(now, zone));
    if (!week) throw new BadInputError(`"${weekLabel}" is not an ISO week: write it like 2024-W25.`, { field: 'week' });
    if (startOfDayIn(week.startsOn, zone) > now) throw new BadInputError(`Week ${week.label} has not started yet.`, { field: 'week' });
    const team = teamId ? await this.team(teamId) : null;
    const asOf = new Date(Math.min(startOfDayIn(addDays(week.endsOn, 1), zone).getTime() - 1, now.getTime()));
    const historySince = startOfDayIn(shiftWeek(week, 1 - TREND_WEEKS).startsOn, zone);
    const sources = await loadReviewSources(this.dataSource, asOf, historySince, signal);
    const input = { ...sources, week: week.label, now, timeZone: zone, staleAfterDays: this.env.STALE_AFTER_DAYS, dueSoonDays: this.env.DUE_SOON_DAYS, team };
    const review = await runInSlices(reviewSteps(input), signal);
    signal?.throwIfAborted();
    return { ...review, markdown: reviewMarkdown(review, publicUrlOf(this.env)) };
  }

  /** A team by id, or by name (the CLI takes names). */
  async team(idOrName: string): Promise<{ id: string; name: string }> {
    const [team] = await this.dataSource.query<{ id: string; name: string; kind: string }[]>(
      `SELECT id, name, kind FROM owner WHERE id::text = $1 OR lower(name) = lower($1) ORDER BY id::text = $1 DESC LIMIT 1`,
      [idOrName],
    );
    if (!team) throw new NotFoundError('Team', idOrName);
    if (team.kind !== 'TEAM') throw new BadInputError(`${team.name} is a person, not a team.`, { field: 'team' });
    return { id: team.id, name: team.name };
  }
}
