import type { JiraRequestError } from './jira-request-error';

export interface RetryPolicy {
  maxAttempts: number;
  baseMs: number;
  maxMs: number;
}

/** Answers worth trying again: Jira's own list for webhooks, which fits its API too (timeouts, 408/409/425/429, 5xx). */
export function isTransient(error: JiraRequestError): boolean {
  const { status } = error;
  return status === null || status === 408 || status === 409 || status === 425 || status === 429 || status >= 500;
}

/**
 * How long to wait before attempt `attempt + 1`: what Jira asked for in Retry-After when it said so, else an
 * exponential backoff with jitter, so many items failing together do not come back together.
 */
export function retryDelayMs(attempt: number, retryAfterMs: number | null, policy: RetryPolicy, random: () => number): number {
  const jitter = random() * Math.min(1_000, policy.baseMs / 4);
  if (retryAfterMs !== null) return retryAfterMs + jitter;
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return ceiling / 2 + (random() * ceiling) / 2;
}

/** Retry-After is seconds, or an HTTP date. */
export function parseRetryAfter(header: string | null, now: Date): number | null {
  if (!header) return null;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  // An HTTP date always has a time of day; without one, Date.parse would read junk like "abc 1" as a year.
  if (!/\d\d:\d\d:\d\d/.test(header)) return null;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}
