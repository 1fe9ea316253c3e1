import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { Env } from '../config/env';
import type { JiraClient } from './jira-client';
import { JiraPullService, type PullOutcome } from './jira-pull.service';
import type { JiraSettings } from './jira-settings';
import { JIRA_CLIENT, JIRA_SETTINGS } from './jira-settings.provider';
import { reconcileJql, reconcileWindowStart } from './jql';
import { jiraTime } from './remote-issue';

export interface ReconcileReport {
  ran: boolean;
  jql: string | null;
  pages: number;
  examined: number;
  outcomes: Record<PullOutcome, number>;
}

const CURSOR = 'issues';
const DELIVERY_MEMORY_DAYS = 7;

/**
 * Webhooks are best effort: Jira drops some and reorders others. This search reads every issue of ours that
 * changed since the cursor and applies it like a webhook, so whatever a dropped delivery carried still arrives.
 */
@Injectable()
export class JiraReconcileService {
  private readonly log = new Logger('JiraReconcile');

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly env: Env,
    @Inject(JIRA_SETTINGS) private readonly settings: JiraSettings,
    @Inject(JIRA_CLIENT) private readonly client: JiraClient,
    private readonly pull: JiraPullService,
  ) {}

  async reconcile(workerId: string, onPage?: (report: ReconcileReport) => void): Promise<ReconcileReport> {
    const report: ReconcileReport = { ran: false, jql: null, pages: 0, examined: 0, outcomes: { applied: 0, unchanged: 0, stale: 0, unlinked: 0, deleted: 0 } };
    const cursor = await this.lease(workerId);
    if (cursor === undefined) return report;
    report.ran = true;
    let latest = cursor;
    try {
      const start = reconcileWindowStart(cursor, 60_000 + this.env.JIRA_SEARCH_SETTLE_MS);
      report.jql = reconcileJql(this.settings.label, start, this.settings.timeZone);
      let token: string | undefined;
      do {
        const page = await this.client.search(report.jql, token);
        report.pages += 1;
        for (const issue of page.issues) {
          const outcome = await this.dataSource.transaction((manager) => this.pull.applyIssue(manager, issue, null));
          report.outcomes[outcome] += 1;
          report.examined += 1;
          const updated = issue.fields.updated ? jiraTime(issue.fields.updated) : null;
          if (updated && (!latest || updated > latest)) latest = updated;
        }
        onPage?.(report);
        token = page.isLast === false || page.nextPageToken ? page.nextPageToken : undefined;
      } while (token);
      await this.release(workerId, latest, `${report.examined} issue(s) read: ${describeOutcomes(report)}`);
    } catch (error) {
      // The cursor only moves past what was read, so the next run picks up where this one failed.
      await this.release(workerId, latest, `failed: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
    this.log.log(`Reconciled ${report.examined} Jira issue(s): ${describeOutcomes(report)}`);
    return report;
  }

  /** Takes the single reconcile lease; undefined when another worker holds it. */
  private async lease(workerId: string): Promise<Date | null | undefined> {
    const now = this.clock.now();
    await this.dataSource.query(`INSERT INTO jira_reconcile_cursor (name) VALUES ($1) ON CONFLICT (name) DO NOTHING`, [CURSOR]);
    const rows: { updated_since: Date | null }[] = await this.dataSource.query(
      `WITH leased AS (
         UPDATE jira_reconcile_cursor SET locked_by = $2, locked_until = $3
          WHERE name = $1 AND (locked_until IS NULL OR locked_until < $4) RETURNING updated_since)
       SELECT * FROM leased`,
      [CURSOR, workerId, new Date(now.getTime() + 10 * 60_000), now],
    );
    return rows.length === 0 ? undefined : rows[0].updated_since;
  }

  private async release(workerId: string, cursor: Date | null, outcome: string): Promise<void> {
    const now = this.clock.now();
    await this.dataSource.query(
      `UPDATE jira_reconcile_cursor SET updated_since = $3, locked_by = NULL, locked_until = NULL, last_run_at = $4, last_outcome = $5
        WHERE name = $1 AND locked_by = $2`,
      [CURSOR, workerId, cursor, now, outcome],
    );
    await this.dataSource.query(`DELETE FROM jira_webhook_delivery WHERE received_at < $1`, [new Date(now.getTime() - DELIVERY_MEMORY_DAYS * 86_400_000)]);
  }
}

function describeOutcomes(report: ReconcileReport): string {
  return Object.entries(report.outcomes)
    .filter(([, count]) => count > 0)
    .map(([outcome, count]) => `${count} ${outcome}`)
    .join(', ') || 'nothing to do';
}
