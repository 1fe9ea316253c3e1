/**
 * Fault injection: queued 429/5xx answers, lost and held responses, and Jira's per-issue write limit (contract §6).
 * Windows are measured in real time, independent of the injectable Jira clock.
 */
import { INVALID_PAYLOAD, type Reply } from './http';
import type { Fault, HeldResponse, PerIssueWriteLimit, RequestMatch } from './types';

export const REAL_PER_ISSUE_LIMIT: PerIssueWriteLimit = { writes: 20, windowMs: 2000 };

const LIMITS: Record<string, string> = { 'jira-burst-based': '100', 'jira-per-issue-on-write': '20', 'jira-quota-tenant-based': '100000', 'jira-quota-global-based': '65000' };
const MESSAGES: Record<number, string> = {
  400: INVALID_PAYLOAD,
  401: 'You are not authenticated. Authentication required to perform this operation.',
  403: 'You do not have permission to perform this operation.',
  409: 'The issue could not be updated due to a conflicting update.',
  429: 'Rate limit exceeded.',
  500: 'Internal server error.',
  502: 'Bad gateway.',
  503: 'Service unavailable.',
  504: 'Gateway timeout.',
};

function matches(match: RequestMatch, method: string, path: string): boolean {
  return (!match.method || match.method.toUpperCase() === method) && (!match.path || match.path.test(path));
}

/** `X-RateLimit-Reset` in the documented `2026-01-01T01:01:01Z` shape. */
const resetAt = (now: Date, seconds: number) => new Date(now.getTime() + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function rateLimitReply(reason: string, retryAfterSeconds: number, now: Date, limit = LIMITS[reason] ?? '100'): Reply {
  return {
    status: 429,
    body: { errorMessages: [MESSAGES[429]], errors: {} },
    headers: {
      'Retry-After': String(retryAfterSeconds),
      'RateLimit-Reason': reason,
      'X-RateLimit-Limit': limit,
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': resetAt(now, retryAfterSeconds),
    },
  };
}

export class Faults {
  private readonly queued: { remaining: number; fault: Fault }[] = [];
  private readonly lost: { match: RequestMatch; holdMs: number }[] = [];
  private readonly held: { match: RequestMatch; arrived: () => void; released: Promise<void> }[] = [];
  private readonly releases = new Set<() => void>();
  private readonly writes = new Map<string, number[]>();
  private writeLimit: PerIssueWriteLimit | null = null;

  failNext(count: number, fault: Fault): void {
    if (count > 0) this.queued.push({ remaining: count, fault });
  }

  /** The fault for this request, if one is queued for it (consumed). */
  takeFault(method: string, path: string, now: Date): Reply | undefined {
    const entry = this.queued.find((e) => matches(e.fault, method, path));
    if (!entry) return undefined;
    if (--entry.remaining === 0) this.queued.splice(this.queued.indexOf(entry), 1);
    const { status, retryAfterSeconds, reason } = entry.fault;
    if (status === 429) return rateLimitReply(reason ?? 'jira-burst-based', retryAfterSeconds ?? 1, now);
    const retryAfter = retryAfterSeconds ?? (status === 503 ? 1 : undefined);
    return { status, body: { errorMessages: [MESSAGES[status]], errors: {} }, headers: retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) } };
  }

  loseNext(match: RequestMatch, holdMs: number): void {
    this.lost.push({ match, holdMs });
  }

  /** How long to hold the socket if this request's response is to be lost (consumed). */
  takeLost(method: string, path: string): number | undefined {
    const index = this.lost.findIndex((e) => matches(e.match, method, path));
    return index < 0 ? undefined : this.lost.splice(index, 1)[0].holdMs;
  }

  holdNext(match: RequestMatch): HeldResponse {
    let arrived!: () => void;
    let release!: () => void;
    const reached = new Promise<void>((resolve) => void (arrived = resolve));
    const released = new Promise<void>((resolve) => void (release = resolve));
    this.held.push({ match, arrived, released });
    this.releases.add(release);
    return { reached, release };
  }

  /** What this request's response must wait for, if it is to be held (consumed). */
  takeHeld(method: string, path: string): Promise<void> | undefined {
    const index = this.held.findIndex((e) => matches(e.match, method, path));
    if (index < 0) return undefined;
    const [entry] = this.held.splice(index, 1);
    entry.arrived();
    return entry.released;
  }

  /** Lets every held response go, so closing the fake leaves no request waiting. */
  releaseAll(): void {
    for (const release of this.releases) release();
    this.releases.clear();
  }

  setWriteLimit(limit: boolean | PerIssueWriteLimit): void {
    this.writeLimit = limit === true ? REAL_PER_ISSUE_LIMIT : limit === false ? null : limit;
    this.writes.clear();
  }

  /** Counts a write to an issue; a 429 `jira-per-issue-on-write` reply when the window is full. */
  checkWrite(issueId: string, now: Date): Reply | undefined {
    if (!this.writeLimit) return undefined;
    const { writes, windowMs } = this.writeLimit;
    const t = performance.now();
    const recent = (this.writes.get(issueId) ?? []).filter((w) => w > t - windowMs);
    if (recent.length >= writes) {
      this.writes.set(issueId, recent);
      return rateLimitReply('jira-per-issue-on-write', Math.max(1, Math.ceil((recent[0] + windowMs - t) / 1000)), now, String(writes));
    }
    this.writes.set(issueId, [...recent, t]);
    return undefined;
  }
}
