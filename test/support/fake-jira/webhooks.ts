/**
 * Outgoing webhooks (contract §7, §12.9–10). Events are queued as writes happen, with the payload built
 * at that moment, so a delayed or reordered delivery carries the issue as it was then. Tests decide when
 * and how they are delivered: in order, reversed, duplicated, some dropped, or with a wrong signature.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import { eventTypeName } from './changelog';
import { deepCopy } from './format';
import type { StoreEvent } from './records';
import type { Renderer } from './render';
import type { Store } from './store';
import type { DeliverOptions, DeliveryResult, QueuedWebhook, WebhookEventName, WebhookPayload, WebhookTarget } from './types';

/** Jira retries these and connection failures; every other status is final (contract §7.4). */
const RETRYABLE = (status: number) => status === 0 || status === 408 || status === 409 || status === 425 || status === 429 || status >= 500;
const MAX_RETRIES = 5;

export class Webhooks {
  target: WebhookTarget | null = null;
  private queue: QueuedWebhook[] = [];

  constructor(
    private readonly renderer: Renderer,
    private readonly store: Store,
  ) {}

  onStoreEvent(event: StoreEvent): void {
    const name: WebhookEventName = event.kind === 'created' ? 'jira:issue_created' : event.kind === 'deleted' ? 'jira:issue_deleted' : 'jira:issue_updated';
    const actor = this.store.user(event.actor);
    const issue = event.issue;
    const typeName = event.kind === 'updated' ? eventTypeName(event.history.items) : event.kind === 'commented' ? 'issue_commented' : `issue_${event.kind}`;
    const payload: WebhookPayload = {
      timestamp: event.at.getTime(),
      webhookEvent: name,
      issue_event_type_name: typeName,
      // The REST user shape without emailAddress and locale; webhook `self` URLs are v2.
      user: actor ? this.renderer.user(actor, { api: 2, withEmail: false }) : { accountId: event.actor },
      issue: { id: issue.id, self: `${this.renderer.base}/rest/api/2/issue/${issue.id}`, key: issue.key, fields: this.renderer.fields(issue, 2) },
      ...(event.kind === 'updated' ? { changelog: { id: event.history.id, items: event.history.items } } : {}),
      // A comment comes with the comment itself and no changelog: comments are not issue history.
      ...(event.kind === 'commented' ? { comment: this.renderer.comment(event.comment, 2) } : {}),
    };
    this.queue.push({ identifier: randomUUID(), webhookEvent: name, issueId: issue.id, timestamp: payload.timestamp, payload });
  }

  queued(): QueuedWebhook[] {
    return deepCopy(this.queue);
  }

  discard(): void {
    this.queue = [];
  }

  /** Delivers and removes every queued event, one at a time; returns one result per delivery. */
  async deliver(options: DeliverOptions = {}): Promise<DeliveryResult[]> {
    const target = this.target;
    if (!target) throw new Error('fake Jira: no webhook target; pass `webhook` to startFakeJira or call setWebhook()');
    const events = this.queue.splice(0);
    if (options.order === 'reversed') events.reverse();
    const results: DeliveryResult[] = [];
    for (const [index, event] of events.entries()) {
      if (options.drop?.(deepCopy(event), index)) continue;
      for (let copy = 0; copy < (options.duplicate ? 2 : 1); copy++) results.push(await this.deliverOne(event, target, options));
    }
    return results;
  }

  private async deliverOne(event: QueuedWebhook, target: WebhookTarget, options: DeliverOptions): Promise<DeliveryResult> {
    const body = JSON.stringify(event.payload);
    const secret = options.signWith ?? target.secret;
    const headers: Record<string, string> = {
      'Content-Type': 'application/json; charset=utf-8',
      'User-Agent': 'Atlassian Webhook HTTP Client',
      'X-Atlassian-Webhook-Identifier': event.identifier,
      'X-Atlassian-Webhook-Flow': 'Primary',
      ...(secret === undefined ? {} : { 'X-Hub-Signature': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}` }),
    };
    let status = 0;
    let attempt = 0;
    for (; attempt <= MAX_RETRIES; attempt++) {
      if (attempt > 0) await sleep(options.retryDelayMs ?? 20);
      const retryHeader: Record<string, string> = attempt > 0 ? { 'X-Atlassian-Webhook-Retry': String(attempt) } : {};
      status = await post(target.url, body, { ...headers, ...retryHeader }, options.timeoutMs ?? 2000);
      if (!RETRYABLE(status)) break;
    }
    return { identifier: event.identifier, status, attempts: Math.min(attempt + 1, MAX_RETRIES + 1) };
  }
}

/** POSTs and returns the status, or 0 on a connection failure or timeout. No keep-alive, so nothing lingers. */
function post(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<number> {
  return new Promise((resolve) => {
    const request = url.startsWith('https:') ? httpsRequest : httpRequest;
    const req = request(url, { method: 'POST', agent: false, headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) }, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(0));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
    req.end(body);
  });
}
