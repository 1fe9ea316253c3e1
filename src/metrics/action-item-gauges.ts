import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ACTIVE_STATUSES } from '../action-items/action-item-enums';
import { ActionItemsQueryService } from '../action-items/action-items-query.service';
import { Clock } from '../common/clock';
import { Env } from '../config/env';
import { ExpiringValue } from './expiring-value';
import { countItemFlags } from './item-flag-counts';
import { ITEM_TEAM, ITEM_TEAM_JOINS } from './item-team';
import { MetricsService } from './metrics.service';
import { querySamples, registerScrapedGauge } from './scraped-gauge';

const TEAM_DEFINITION = "team: the item's owner when it is a team, else its service's owning team, else its incident's service's; none when no team";

/** Action items as Prometheus sees them: counts read at scrape time, one grouped query each; flags cached. */
@Injectable()
export class ActionItemGauges {
  constructor(metrics: MetricsService, dataSource: DataSource, queries: ActionItemsQueryService, clock: Clock, env: Env) {
    registerScrapedGauge(metrics, {
      name: 'action_items',
      help: `Action items by owning team, kind and status (${TEAM_DEFINITION}).`,
      labelNames: ['team', 'kind', 'status'],
      read: () =>
        querySamples(dataSource, `SELECT ${ITEM_TEAM} AS team, a.kind, a.status, count(*)::int AS value FROM action_item a ${ITEM_TEAM_JOINS} GROUP BY 1, 2, 3`, []),
    });
    registerScrapedGauge(metrics, {
      name: 'action_items_overdue',
      help: `Open items (OPEN, IN_PROGRESS, BLOCKED) due before today in DUE_DATE_TIME_ZONE (${env.DUE_DATE_TIME_ZONE}), by owning team and kind.`,
      labelNames: ['team', 'kind'],
      read: () =>
        querySamples(
          dataSource,
          `SELECT ${ITEM_TEAM} AS team, a.kind, count(*)::int AS value FROM action_item a ${ITEM_TEAM_JOINS}
            WHERE a.status = ANY($1::text[]) AND a.due_on < $2::date GROUP BY 1, 2`,
          [ACTIVE_STATUSES, queries.today()],
        ),
    });
    // Flags cost a pass over every open item, so frequent scrapes share one computation for the TTL.
    const ttlSeconds = env.METRICS_FLAGS_TTL_SECONDS;
    const flagCounts = new ExpiringValue(ttlSeconds * 1000, () => clock.now().getTime(), () => countItemFlags(dataSource, queries.flagContext()));
    registerScrapedGauge(metrics, {
      name: 'action_items_flagged',
      help:
        'Items carrying each flag, by owning team, by the rules of actionItem.flags: open items, and done ones for RECURRED_WHILE_OPEN and INEFFECTIVE ' +
        `(${TEAM_DEFINITION}). Computed at most every METRICS_FLAGS_TTL_SECONDS, so up to ${ttlSeconds} s old.`,
      labelNames: ['team', 'flag'],
      read: () => flagCounts.get(),
    });
  }
}
