import { setTimeout as sleep } from 'node:timers/promises';
import type { AdfDocument } from './adf';
import type { JiraSettings } from './jira-settings';
import { JiraRequestError } from './jira-request-error';
import type { JiraIssue, JiraUser } from './remote-issue';
import { parseRetryAfter } from './retry-policy';

export interface JiraTransition {
  id: string;
  name: string;
  to: { name: string; statusCategory?: { key: string } };
}

export interface JiraSearchPage {
  issues: JiraIssue[];
  nextPageToken?: string;
  isLast?: boolean;
}

/** A page of GET /rest/api/3/issue/{id}/comment (offset paging, with a total). */
export interface JiraCommentPage {
  startAt: number;
  total: number;
  comments: { id: string; body?: unknown }[];
}

export const ISSUE_FIELDS = ['summary', 'status', 'duedate', 'assignee', 'priority', 'labels', 'updated', 'project'];

/**
 * A thin client for the dozen Jira Cloud REST v3 calls the sync makes, on Node's fetch. It does not retry:
 * the worker owns retries, so a failed call is rescheduled in the database instead of blocking a process.
 */
export class JiraClient {
  private readonly lastWriteAt = new Map<string, number>();

  constructor(
    private readonly settings: JiraSettings,
    private readonly options: { timeoutMs: number; writeSpacingMs: number },
  ) {}

  async createIssue(body: { fields: Record<string, unknown> }): Promise<{ id: string; key: string }> {
    return this.request('POST', '/rest/api/3/issue', { body });
  }

  async editIssue(issueId: string, body: { fields: Record<string, unknown>; update: Record<string, unknown> }): Promise<void> {
    await this.spaceWrites(issueId);
    await this.request('PUT', `/rest/api/3/issue/${encodeURIComponent(issueId)}`, { body, query: { notifyUsers: 'false' } });
  }

  async getIssue(idOrKey: string): Promise<JiraIssue> {
    return this.request('GET', `/rest/api/3/issue/${encodeURIComponent(idOrKey)}`, { query: { fields: ISSUE_FIELDS.join(',') } });
  }

  async transitions(issueId: string): Promise<JiraTransition[]> {
    const answer = await this.request<{ transitions: JiraTransition[] }>('GET', `/rest/api/3/issue/${encodeURIComponent(issueId)}/transitions`);
    return answer.transitions ?? [];
  }

  async transition(issueId: string, transitionId: string): Promise<void> {
    await this.spaceWrites(issueId);
    await this.request('POST', `/rest/api/3/issue/${encodeURIComponent(issueId)}/transitions`, { body: { transition: { id: transitionId } } });
  }

  /** Comments count against Jira's per-issue write limit like edits. */
  async addComment(issueId: string, body: { body: AdfDocument }): Promise<{ id: string }> {
    await this.spaceWrites(issueId);
    return this.request('POST', `/rest/api/3/issue/${encodeURIComponent(issueId)}/comment`, { body });
  }

  /** One page of an issue's comments, newest first. */
  async comments(issueId: string, startAt = 0, maxResults = 100): Promise<JiraCommentPage> {
    return this.request('GET', `/rest/api/3/issue/${encodeURIComponent(issueId)}/comment`, {
      query: { startAt: String(startAt), maxResults: String(maxResults), orderBy: '-created' },
    });
  }

  /** One page of /rest/api/3/search/jql (the old /search is gone), pages chained by nextPageToken. */
  async search(jql: string, nextPageToken?: string, maxResults = 100): Promise<JiraSearchPage> {
    return this.request('POST', '/rest/api/3/search/jql', { body: { jql, fields: ISSUE_FIELDS, maxResults, ...(nextPageToken ? { nextPageToken } : {}) } });
  }

  /** Active users whose name or email starts with the query; emails may be hidden by privacy settings. */
  async findUsers(query: string): Promise<JiraUser[]> {
    return this.request('GET', '/rest/api/3/user/search', { query: { query } });
  }

  private async spaceWrites(issueId: string): Promise<void> {
    const wait = (this.lastWriteAt.get(issueId) ?? 0) + this.options.writeSpacingMs - Date.now();
    if (wait > 0) await sleep(wait);
    this.lastWriteAt.set(issueId, Date.now());
    if (this.lastWriteAt.size > 1_000) this.lastWriteAt.clear();
  }

  private async request<T>(method: string, path: string, options: { body?: unknown; query?: Record<string, string> } = {}): Promise<T> {
    const url = new URL(`${this.settings.baseUrl}${path}`);
    for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value);
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: { authorization: this.authorization(), accept: 'application/json', ...(options.body ? { 'content-type': 'application/json' } : {}) },
        body: options.body ? JSON.stringify(options.body) : undefined,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      // fetch rejects a timeout with a DOMException, which is not an Error in every realm: test the name.
      const timedOut = (error as { name?: unknown } | null)?.name === 'TimeoutError';
      const code = timedOut ? 'TIMEOUT' : networkCodeOf(error);
      const reason = timedOut ? `no answer within ${this.options.timeoutMs} ms` : (code ?? describeNetworkError(error));
      throw new JiraRequestError(`${method} ${path}: ${reason}`, null, null, null, code);
    }
    const text = await response.text().catch(() => '');
    if (!response.ok) {
      throw new JiraRequestError(
        `${method} ${path}: Jira answered ${response.status}${errorDetail(text)}`,
        response.status,
        parseRetryAfter(response.headers.get('retry-after'), new Date()),
        response.headers.get('ratelimit-reason'),
      );
    }
    if (text === '') return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new JiraRequestError(`${method} ${path}: Jira answered ${response.status} with a body that is not JSON`, response.status);
    }
  }

  private authorization(): string {
    const { auth } = this.settings;
    return auth.kind === 'bearer' ? `Bearer ${auth.token}` : `Basic ${Buffer.from(`${auth.email}:${auth.apiToken}`).toString('base64')}`;
  }
}

/** Jira's ErrorCollection, flattened into one line; bodies that are not one (proxies, 5xx pages) are left out. */
function errorDetail(text: string): string {
  try {
    const body = JSON.parse(text) as { errorMessages?: string[]; errors?: Record<string, string> };
    const messages = [...(body.errorMessages ?? []), ...Object.entries(body.errors ?? {}).map(([field, message]) => `${field}: ${message}`)];
    return messages.length > 0 ? `: ${messages.join('; ').slice(0, 500)}` : '';
  } catch {
    return '';
  }
}

/** Node's code for a failed connection (ECONNREFUSED, UND_ERR_SOCKET, ...), on fetch's error or its cause; read by shape, not class, as errors may come from another realm. */
function networkCodeOf(error: unknown): string | null {
  const shaped = error as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = shaped?.cause?.code ?? shaped?.code;
  return typeof code === 'string' && code !== '' ? code : null;
}

function describeNetworkError(error: unknown): string {
  const shaped = error as { message?: unknown; cause?: { message?: unknown } } | null;
  const message = shaped?.cause?.message ?? shaped?.message;
  return typeof message === 'string' && message !== '' ? message : String(error);
}
