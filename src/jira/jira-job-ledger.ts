import { Inject, Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { Env } from '../config/env';
import { MetricsService } from '../metrics/metrics.service';
import { browseUrl } from './jira-issue-mapper';
import { JiraRequestError } from './jira-request-error';
import type { JiraSettings } from './jira-settings';
import { JIRA_SETTINGS } from './jira-settings.provider';
import { PermanentSyncError, type PushOutcome } from './push-outcome';
import { jiraTime } from './remote-issue';
import { isTransient, retryDelayMs, type RetryPolicy } from './retry-policy';

/** A job a worker has leased: the item, and the change it saw when it took the job. */
export interface Claim {
  actionItemId: string;
  changeSeq: number;
  workerId: string;
}

/** The outbox's bookkeeping in the database: leases, outcomes, retries. Every write is one statement. */
@Injectable()
export class JiraJobLedger {
  private readonly policy: RetryPolicy;
  private readonly leaseMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    env: Env,
    @Inject(JIRA_SETTINGS) private readonly settings: JiraSettings,
    private readonly metrics: MetricsService,
  ) {
    this.policy = { maxAttempts: env.JIRA_MAX_ATTEMPTS, baseMs: env.JIRA_RETRY_BASE_MS, maxMs: env.JIRA_RETRY_MAX_MS };
    // Long enough for the slowest job (a handful of calls, each up to the timeout, plus write spacing).
    this.leaseMs = env.JIRA_TIMEOUT_MS * 8 + env.JIRA_WRITE_SPACING_MS * 4;
  }

  /** Leases due jobs; SKIP LOCKED lets several workers share the table without taking the same job. */
  async claim(workerId: string, limit: number): Promise<Claim[]> {
    const now = this.clock.now();
    const rows: { action_item_id: string; change_seq: number }[] = await this.dataSource.query(
      // Wrapped in a SELECT: TypeORM answers a bare UPDATE with [rows, count] instead of the rows.
      `WITH claimed AS (
         UPDATE jira_sync SET locked_by = $1, locked_until = $3
          WHERE action_item_id IN (
            SELECT action_item_id FROM jira_sync
             WHERE state = 'PENDING' AND next_attempt_at <= $2 AND (locked_until IS NULL OR locked_until < $2)
             ORDER BY next_attempt_at LIMIT $4 FOR UPDATE SKIP LOCKED)
          RETURNING action_item_id, change_seq)
       SELECT * FROM claimed`,
      [workerId, now, new Date(now.getTime() + this.leaseMs), limit],
    );
    return rows.map((row) => ({ actionItemId: row.action_item_id, changeSeq: row.change_seq, workerId }));
  }

  /** Hands back leased jobs that were never started (the worker is stopping), so another worker need not wait out the lease. */
  async giveBack(claims: readonly Claim[]): Promise<void> {
    if (claims.length === 0) return;
    await this.dataSource.query(`UPDATE jira_sync SET locked_by = NULL, locked_until = NULL WHERE action_item_id = ANY($1::uuid[]) AND locked_by = $2`, [
      claims.map((claim) => claim.actionItemId),
      claims[0].workerId,
    ]);
  }

  async recordCreateAttempt(actionItemId: string): Promise<void> {
    await this.dataSource.query(`UPDATE jira_sync SET create_attempted_at = $2 WHERE action_item_id = $1`, [actionItemId, this.clock.now()]);
  }

  /** The create certainly made nothing: the next attempt need not search for it. */
  async forgetCreateAttempt(actionItemId: string): Promise<void> {
    await this.dataSource.query(`UPDATE jira_sync SET create_attempted_at = NULL WHERE action_item_id = $1 AND issue_id IS NULL`, [actionItemId]);
  }

  /** Written at once and whoever holds the lease: losing a created issue's id is how duplicates start. */
  async recordIssue(actionItemId: string, issueId: string, issueKey: string): Promise<void> {
    await this.dataSource.query(`UPDATE jira_sync SET issue_id = $2, issue_key = $3, issue_url = $4 WHERE action_item_id = $1 AND issue_id IS NULL`, [
      actionItemId,
      issueId,
      issueKey,
      browseUrl(this.settings, issueKey),
    ]);
  }

  /** A change that arrived while the job ran leaves it pending, to run again at once. */
  async finish(claim: Claim, outcome: PushOutcome): Promise<void> {
    this.metrics.countJiraSyncAttempt(outcome.kind);
    const now = this.clock.now();
    if (outcome.kind === 'deferred') {
      await this.release(claim, `state = 'PENDING', next_attempt_at = $3, error = $4`, [outcome.until, `Waiting: ${outcome.reason}.`]);
      return;
    }
    if (outcome.kind === 'gone') {
      await this.release(claim, `error = NULL`, []);
      return;
    }
    const { remote } = outcome;
    await this.release(
      claim,
      `state = CASE WHEN change_seq = $3 THEN 'SYNCED' ELSE 'PENDING' END, attempts = 0, next_attempt_at = $4, error = NULL, last_synced_at = $4,
       issue_key = $5, issue_url = $6,
       remote = CASE WHEN remote_updated_at IS NULL OR remote_updated_at <= $7 THEN $8::jsonb ELSE remote END,
       remote_updated_at = GREATEST(remote_updated_at, $7)`,
      [claim.changeSeq, now, remote.key, browseUrl(this.settings, remote.key), jiraTime(remote.updated), JSON.stringify(remote)],
    );
  }

  /** Schedules the next attempt, or gives up and shows the error on the item. */
  async fail(claim: Claim, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof JiraRequestError && error.status === 404) {
      this.metrics.countJiraSyncAttempt('deleted');
      await this.release(claim, `state = 'DELETED', error = $3`, [`The issue is gone from Jira (deleted, or no longer visible to the sync account): ${message}`]);
      return;
    }
    const transient = error instanceof JiraRequestError ? isTransient(error) : !(error instanceof PermanentSyncError);
    const [row] = await this.dataSource.query<{ attempts: number }[]>(`SELECT attempts FROM jira_sync WHERE action_item_id = $1`, [claim.actionItemId]);
    const attempt = (row?.attempts ?? 0) + 1;
    if (!transient || attempt >= this.policy.maxAttempts) {
      this.metrics.countJiraSyncAttempt('failed');
      const why = transient ? `gave up after ${attempt} attempts` : 'Jira refused the change';
      await this.release(claim, `state = 'FAILED', attempts = $3, error = $4`, [attempt, `${message} (${why}; retryJiraSync tries again)`]);
      return;
    }
    this.metrics.countJiraSyncAttempt('retry');
    const retryAfterMs = error instanceof JiraRequestError ? error.retryAfterMs : null;
    const delay = retryDelayMs(attempt, retryAfterMs, this.policy, () => randomInt(1_000_000) / 1_000_000);
    const at = new Date(this.clock.now().getTime() + delay);
    await this.release(claim, `state = 'PENDING', attempts = $3, next_attempt_at = $4, error = $5`, [
      attempt,
      at,
      `Attempt ${attempt} of ${this.policy.maxAttempts} failed: ${message}; next try at ${at.toISOString()}.`,
    ]);
  }

  /** Ends the lease with these changes, unless another worker has taken the job since (its lease had run out). */
  private async release(claim: Claim, assignments: string, parameters: unknown[]): Promise<void> {
    const workerParameter = `$${parameters.length + 3}`;
    await this.dataSource.query(
      `UPDATE jira_sync SET ${assignments}, locked_by = NULL, locked_until = NULL, updated_at = $2 WHERE action_item_id = $1 AND locked_by = ${workerParameter}`,
      [claim.actionItemId, this.clock.now(), ...parameters, claim.workerId],
    );
  }
}
