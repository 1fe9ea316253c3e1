import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Env } from '../config/env';
import { JiraJobLedger } from './jira-job-ledger';
import { JiraPushJob } from './jira-push.job';
import { JiraReconcileService } from './jira-reconcile.service';
import type { JiraSettings } from './jira-settings';
import { JIRA_SETTINGS } from './jira-settings.provider';

const BATCH = 20;
const CONCURRENCY = 4;

/**
 * Runs the outbox: leases due jobs and pushes them, a few at a time, and runs the reconcile search on its
 * schedule. Any number of workers (in API processes or alone) can share one database.
 */
@Injectable()
export class JiraSyncWorker implements BeforeApplicationShutdown {
  readonly id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly log = new Logger('JiraWorker');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = false;
  private lastReconcileAt = 0;

  constructor(
    private readonly env: Env,
    @Inject(JIRA_SETTINGS) private readonly settings: JiraSettings | null,
    private readonly ledger: JiraJobLedger,
    private readonly job: JiraPushJob,
    private readonly reconciler: JiraReconcileService,
  ) {}

  get enabled(): boolean {
    return this.settings !== null;
  }

  /** Starts polling; a no-op when Jira is not configured. */
  start(): void {
    if (!this.settings || this.timer || this.stopped) return;
    this.log.log(`Jira sync worker ${this.id} started (${this.settings.baseUrl})`);
    this.schedule(0);
  }

  /** Pushes every job that is due now, batch after batch, until none is left or the worker stops; returns how many ran. */
  async runDue(): Promise<number> {
    if (!this.settings) return 0;
    let total = 0;
    while (!this.stopped) {
      const claims = await this.ledger.claim(this.id, BATCH);
      if (claims.length === 0) break;
      for (let next = 0; next < claims.length; next += CONCURRENCY) {
        if (this.stopped) {
          await this.ledger.giveBack(claims.slice(next));
          break;
        }
        const group = claims.slice(next, next + CONCURRENCY);
        await Promise.all(group.map((claim) => this.job.run(claim)));
        total += group.length;
      }
    }
    return total;
  }

  /**
   * Stops taking jobs and waits for the ones running. Before the HTTP server closes and long before the
   * database does, so a job in flight still records what Jira answered instead of leaving its lease behind.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (!this.running) return;
    this.log.log(`Jira sync worker ${this.id} stopping: finishing the pushes in flight`);
    await this.running.catch(() => undefined);
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => {
        this.running = null;
        if (!this.stopped) this.schedule(this.env.JIRA_POLL_INTERVAL_MS);
      });
    }, delayMs);
  }

  private async tick(): Promise<void> {
    try {
      await this.runDue();
      const interval = this.env.JIRA_RECONCILE_INTERVAL_MINUTES * 60_000;
      if (!this.stopped && interval > 0 && Date.now() - this.lastReconcileAt >= interval) {
        this.lastReconcileAt = Date.now();
        await this.reconciler.reconcile(this.id);
      }
    } catch (error) {
      this.log.error(`Jira sync round failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
