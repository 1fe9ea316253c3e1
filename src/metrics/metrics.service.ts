import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Registry } from 'prom-client';
import type { ImportOutcome } from '../postmortems/import-outcome';

export const METRIC_PREFIX = 'followthrough_';

export const IMPORT_OUTCOMES = ['CREATED', 'REVISED', 'UNCHANGED', 'FAILED'] as const;
/** One run of a push job: `gone` is an item deleted while its job waited. */
export const JIRA_SYNC_OUTCOMES = ['synced', 'retry', 'failed', 'deleted', 'deferred', 'gone'] as const;
/** A webhook's outcome: `rejected` is a delivery answered 4xx, `failed` one that threw (answered 503 for Jira to retry). */
export const JIRA_WEBHOOK_OUTCOMES = ['applied', 'unchanged', 'stale', 'unlinked', 'deleted', 'duplicate', 'ignored', 'rejected', 'failed'] as const;

export type JiraSyncAttemptOutcome = (typeof JIRA_SYNC_OUTCOMES)[number];
export type JiraWebhookOutcome = (typeof JIRA_WEBHOOK_OUTCOMES)[number];
type WebhookAnswerLike = { body: { outcome: JiraWebhookOutcome } | { error: string } };

/**
 * The service's own registry (not prom-client's global one: every app instance, a test app included, counts on
 * its own) with process metrics, and the counters incremented where things happen.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  private readonly imports = this.counter('postmortem_imports_total', 'Postmortem imports by outcome (FAILED: refused or failed, nothing stored).', IMPORT_OUTCOMES);
  private readonly jiraSyncAttempts = this.counter(
    'jira_sync_attempts_total',
    'Runs of the Jira push job by outcome: synced, retry (scheduled again), failed (gave up), deleted (issue gone), deferred (waiting), gone (item deleted).',
    JIRA_SYNC_OUTCOMES,
  );
  private readonly jiraWebhooks = this.counter('jira_webhooks_total', 'Jira webhook deliveries by outcome (rejected: 4xx answer; failed: 503, Jira retries).', JIRA_WEBHOOK_OUTCOMES);
  private readonly cacheLookups = this.counter(
    'graphql_cache_lookups_total',
    'Dashboard reads by how the response cache answered: hit (served from memory) or miss (computed, then kept if it had no errors).',
    ['hit', 'miss'],
  );
  private readonly collectFailures = new Counter({
    name: `${METRIC_PREFIX}metrics_collect_failures_total`,
    help: 'Times a gauge computed from the database could not be read at a scrape, which then left it out.',
    labelNames: ['gauge'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: METRIC_PREFIX });
    // Gauges named *_total break Prometheus' naming rule (promtool flags them); the per-type gauges they sum stay.
    for (const total of ['nodejs_active_resources_total', 'nodejs_active_handles_total', 'nodejs_active_requests_total']) this.registry.removeSingleMetric(`${METRIC_PREFIX}${total}`);
  }

  /** Counts an import by its outcome once it has committed, or as FAILED when it throws; passes the result on. */
  async countImport<T extends { outcome: ImportOutcome }>(importing: Promise<T>): Promise<T> {
    try {
      const result = await importing;
      this.imports.inc({ outcome: result.outcome });
      return result;
    } catch (error) {
      this.imports.inc({ outcome: 'FAILED' });
      throw error;
    }
  }

  countJiraSyncAttempt(outcome: JiraSyncAttemptOutcome): void {
    this.jiraSyncAttempts.inc({ outcome });
  }

  /** Counts a webhook delivery by its answer (or as failed when it throws); passes the answer on. */
  async countJiraWebhook<T extends WebhookAnswerLike>(answering: Promise<T>): Promise<T> {
    try {
      const answer = await answering;
      this.jiraWebhooks.inc({ outcome: 'outcome' in answer.body ? answer.body.outcome : 'rejected' });
      return answer;
    } catch (error) {
      this.jiraWebhooks.inc({ outcome: 'failed' });
      throw error;
    }
  }

  countCacheLookup(outcome: 'hit' | 'miss'): void {
    this.cacheLookups.inc({ outcome });
  }

  /** Starts a gauge's failure count at 0, so its series exists before the first failure. */
  trackCollectFailures(gauge: string): void {
    this.collectFailures.inc({ gauge }, 0);
  }

  countCollectFailure(gauge: string): void {
    this.collectFailures.inc({ gauge });
  }

  // Every outcome starts at 0, so rate() and increase() see the first event instead of a series appearing.
  private counter(name: string, help: string, outcomes: readonly string[]): Counter<'outcome'> {
    const counter = new Counter({ name: `${METRIC_PREFIX}${name}`, help, labelNames: ['outcome'], registers: [this.registry] });
    for (const outcome of outcomes) counter.inc({ outcome }, 0);
    return counter;
  }
}
