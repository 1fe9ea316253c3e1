import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { MetricsService } from '../metrics/metrics.service';
import { JiraPullService, type PullOutcome } from './jira-pull.service';
import type { JiraSettings } from './jira-settings';
import { JIRA_SETTINGS } from './jira-settings.provider';
import type { JiraIssue, JiraUser } from './remote-issue';
import { isValidSignature } from './webhook-signature';

export interface WebhookAnswer {
  status: number;
  body: { outcome: PullOutcome | 'duplicate' | 'ignored' } | { error: string };
}

interface WebhookPayload {
  webhookEvent?: unknown;
  user?: JiraUser;
  issue?: JiraIssue;
}

const ISSUE_EVENTS = new Set(['jira:issue_created', 'jira:issue_updated', 'jira:issue_deleted']);

/**
 * One Jira webhook delivery: authenticated by its signature, applied once per identifier (Jira retries and
 * duplicates), ignored when older than what we know (Jira reorders). The delivery is recorded in the same
 * transaction as its effect, so a crash in between leaves neither and Jira's retry applies it.
 */
@Injectable()
export class JiraWebhookService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(JIRA_SETTINGS) private readonly settings: JiraSettings | null,
    private readonly pull: JiraPullService,
    private readonly metrics: MetricsService,
  ) {}

  receive(rawBody: Buffer | undefined, headers: Record<string, string | string[] | undefined>): Promise<WebhookAnswer> {
    return this.metrics.countJiraWebhook(this.answer(rawBody, headers));
  }

  private async answer(rawBody: Buffer | undefined, headers: Record<string, string | string[] | undefined>): Promise<WebhookAnswer> {
    if (!this.settings) return { status: 404, body: { error: 'Jira sync is not configured on this server (JIRA_BASE_URL is not set).' } };
    if (!this.settings.webhookSecret) return { status: 401, body: { error: 'Set JIRA_WEBHOOK_SECRET (the secret of the Jira webhook): unsigned deliveries are refused.' } };
    if (!rawBody || !isValidSignature(rawBody, header(headers, 'x-hub-signature'), this.settings.webhookSecret)) {
      return { status: 401, body: { error: 'The X-Hub-Signature header is missing or does not match the body.' } };
    }
    let payload: WebhookPayload;
    try {
      payload = JSON.parse(rawBody.toString('utf8')) as WebhookPayload;
    } catch {
      return { status: 400, body: { error: 'The body is not JSON.' } };
    }
    const event = typeof payload.webhookEvent === 'string' ? payload.webhookEvent : '';
    if (!ISSUE_EVENTS.has(event)) return { status: 200, body: { outcome: 'ignored' } };
    const issue = payload.issue;
    if (!issue || typeof issue.id !== 'string' || typeof issue.key !== 'string' || typeof issue.fields !== 'object' || issue.fields === null) {
      return { status: 400, body: { error: `A ${event} event needs issue.id, issue.key and issue.fields.` } };
    }
    // Jira always sends the identifier; a hash of the body stands in for a sender that does not.
    const identifier = header(headers, 'x-atlassian-webhook-identifier') ?? `sha256:${createHash('sha256').update(rawBody).digest('hex')}`;
    const outcome = await this.dataSource.transaction(async (manager) => {
      const fresh: unknown[] = await manager.query(
        `INSERT INTO jira_webhook_delivery (identifier, received_at, event, issue_id, outcome) VALUES ($1, $2, $3, $4, 'received')
         ON CONFLICT (identifier) DO NOTHING RETURNING identifier`,
        [identifier.slice(0, 200), this.clock.now(), event, issue.id],
      );
      if (fresh.length === 0) return 'duplicate' as const;
      const result = event === 'jira:issue_deleted' ? await this.pull.markDeleted(manager, issue) : await this.pull.applyIssue(manager, issue, payload.user ?? null);
      await manager.query(`UPDATE jira_webhook_delivery SET outcome = $2 WHERE identifier = $1`, [identifier.slice(0, 200), result]);
      return result;
    });
    return { status: 200, body: { outcome } };
  }
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
