import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JiraSyncState } from '../jira/jira-sync-state';
import { MetricsService } from './metrics.service';
import { querySamples, registerScrapedGauge } from './scraped-gauge';

/** The Jira outbox by state. Exported with Jira unconfigured too: every item then waits as PENDING for sync to be turned on. */
@Injectable()
export class JiraSyncGauge {
  constructor(metrics: MetricsService, dataSource: DataSource) {
    registerScrapedGauge(metrics, {
      name: 'jira_sync_items',
      help: 'Items by Jira sync state: PENDING (a push waits or is retried), SYNCED, FAILED (gave up; retryJiraSync), DELETED (issue deleted in Jira).',
      labelNames: ['state'],
      read: async () => {
        const found = await querySamples<'state'>(dataSource, `SELECT state, count(*)::int AS value FROM jira_sync GROUP BY state`, []);
        const counts = new Map<string, number>(found.map((sample) => [sample.labels.state, sample.value]));
        // Every state is always present, at 0 when no item is in it, so alerts on FAILED see a series.
        return Object.values(JiraSyncState).map((state) => ({ labels: { state }, value: counts.get(state) ?? 0 }));
      },
    });
  }
}
