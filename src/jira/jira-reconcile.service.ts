import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { Env } from '../config/env';
import type { JiraClient } from './jira-client';
import { JiraPullService, type PullOutcome } from './jira-pull.service';
import type { JiraSettings } from './jira-settings';
import { JIRA_CLIENT, JIRA_SETTINGS } from './jira-settings.provider';
import { JiraRequestError } from './jira-request-error';
import { issuesByIdJql, reconcileJql, reconcileWindowStart } from './jql';
import { jiraTime, type JiraIssue } from './remote-issue';

export interface ReconcileReport {
  ran: boolean;
  jql: string | null;
  pages: number;
  examined: number;
  outcomes: Record<PullOutcome, number>;
}

const CURSOR = 'issues';
const DELIVERY_MEMORY_DAYS = 7;
const IDS_PER_SEARCH = 50;

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
    const start = reconcileWindowStart(cursor, 60_000 + this.env.JIRA_SEARCH_SETTLE_MS);
    let keptLatest: Date | null = null;
    try {
      // Issues adopted without overwrite carry none of our labels, so the label search misses them: they are read
      // first, by id; should that fail, the cursor stays where it was.
      for (const issues of chunks(await this.keptIssues(), IDS_PER_SEARCH)) {
        keptLatest = later(keptLatest, await this.readKept(issues, start, report, onPage));
      }
    } catch (error) {
      await this.release(workerId, cursor, `failed: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
    try {
      report.jql = reconcileJql(this.settings.label, start, this.settings.timeZone);
      let token: string | undefined;
      do {
        const page = await this.client.search(report.jql, token);
        report.pages += 1;
        latest = later(latest, await this.applyAll(page.issues, report));
        onPage?.(report);
        token = page.isLast === false || page.nextPageToken ? page.nextPageToken : undefined;
      } while (token);
      await this.release(workerId, later(latest, keptLatest), `${report.examined} issue(s) read: ${describeOutcomes(report)}`);
    } catch (error) {
      // The cursor only moves past what was read, so the next run picks up where this one failed.
      await this.release(workerId, latest, `failed: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
    this.log.log(`Reconciled ${report.examined} Jira issue(s): ${describeOutcomes(report)}`);
    return report;
  }

  /** Applies issues like webhooks; returns the latest `updated` among them. */
  private async applyAll(issues: readonly JiraIssue[], report: ReconcileReport): Promise<Date | null> {
    let latest: Date | null = null;
    for (const issue of issues) {
      const outcome = await this.dataSource.transaction((manager) => this.pull.applyIssue(manager, issue, null));
      report.outcomes[outcome] += 1;
      report.examined += 1;
      latest = later(latest, issue.fields.updated ? jiraTime(issue.fields.updated) : null);
    }
    return latest;
  }

  /** The linked issues adopted without overwrite. */
  private async keptIssues(): Promise<{ id: string; key: string }[]> {
    const rows: { issue_id: string; issue_key: string | null }[] = await this.dataSource.query(
      `SELECT issue_id, issue_key FROM jira_sync WHERE keep_issue_text AND issue_id IS NOT NULL AND state <> 'DELETED' ORDER BY issue_id`,
    );
    return rows.filter((row) => /^\d+$/.test(row.issue_id)).map((row) => ({ id: row.issue_id, key: row.issue_key ?? row.issue_id }));
  }

  /** Reads some kept issues changed in the window; one by one should Jira refuse the search (an id it no longer has). */
  private async readKept(
    kept: readonly { id: string; key: string }[],
    start: Date | null,
    report: ReconcileReport,
    onPage?: (report: ReconcileReport) => void,
  ): Promise<Date | null> {
    let latest: Date | null = null;
    try {
      const jql = issuesByIdJql(kept.map((issue) => issue.id), start, this.settings.timeZone);
      let token: string | undefined;
      do {
        const page = await this.client.search(jql, token);
        report.pages += 1;
        latest = later(latest, await this.applyAll(page.issues, report));
        onPage?.(report);
        token = page.isLast === false || page.nextPageToken ? page.nextPageToken : undefined;
      } while (token);
      return latest;
    } catch (error) {
      if (!(error instanceof JiraRequestError && error.status === 400)) throw error;
    }
    for (const { id, key } of kept) {
      let issue: JiraIssue;
      try {
        issue = await this.client.getIssue(id);
      } catch (error) {
        if (!(error instanceof JiraRequestError && error.status === 404)) throw error;
        report.outcomes[await this.dataSource.transaction((manager) => this.pull.markDeleted(manager, { id, key, fields: {} }))] += 1;
        report.examined += 1;
        continue;
      }
      latest = later(latest, await this.applyAll([issue], report));
    }
    onPage?.(report);
    return latest;
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

function later(a: Date | null, b: Date | null): Date | null {
  return !a || (b && b > a) ? b : a;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function describeOutcomes(report: ReconcileReport): string {
  return Object.entries(report.outcomes)
    .filter(([, count]) => count > 0)
    .map(([outcome, count]) => `${count} ${outcome}`)
    .join(', ') || 'nothing to do';
}
