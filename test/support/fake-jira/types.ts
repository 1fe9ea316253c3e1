/** The fake's public types. Tests and the sync code's tests import these through `./index`. */

export interface FakeJiraUser {
  accountId: string;
  displayName: string;
  /** null or absent: the user has no email Jira will show. */
  emailAddress?: string | null;
  /** Default true. Inactive users are not found by user search and cannot be assigned. */
  active?: boolean;
  /** Privacy setting "hidden": the email is never returned, and user search matches it only exactly. */
  hideEmail?: boolean;
}

export interface WebhookTarget {
  url: string;
  secret?: string;
}

export interface PerIssueWriteLimit {
  writes: number;
  windowMs: number;
}

export interface FakeJiraOptions {
  email?: string;
  apiToken?: string;
  bearerToken?: string;
  projects?: string[];
  users?: FakeJiraUser[];
  /** How long (real milliseconds) a change takes to reach the search index. */
  searchLagMs?: number;
  webhook?: WebhookTarget;
  /** Jira's clock, for `created`, `updated` and webhook timestamps. */
  now?: () => Date;
  /** Jira's per-issue write limit (20 writes / 2 s). Off by default; `true` means the real numbers. */
  perIssueWriteLimit?: boolean | PerIssueWriteLimit;
}

export type StatusCategoryKey = 'new' | 'indeterminate' | 'done';

export interface AdfNode {
  type: string;
  version?: number;
  content?: AdfNode[];
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
}

export interface FakeIssueView {
  id: string;
  key: string;
  projectKey: string;
  summary: string;
  description: AdfNode | null;
  status: string;
  statusCategory: StatusCategoryKey;
  resolution: string | null;
  labels: string[];
  duedate: string | null;
  assigneeAccountId: string | null;
  priority: string;
  created: Date;
  updated: Date;
  deleted: boolean;
}

export interface FakeCommentView {
  id: string;
  authorAccountId: string;
  body: AdfNode;
  created: Date;
}

export interface RecordedRequest {
  method: string;
  /** Path including the query string. */
  path: string;
  /** The status the fake decided on; 0 if the connection was dropped before one was decided. */
  status: number;
  body?: unknown;
  /** Set when the response was deliberately never sent (loseNextResponse). */
  responseLost?: boolean;
}

export interface Fault {
  /** 409 is Jira's "conflicting update" on edit and transition (contract §12.2); 400/401/403 refuse a request outright. */
  status: 400 | 401 | 403 | 409 | 429 | 500 | 502 | 503 | 504;
  retryAfterSeconds?: number;
  /** RateLimit-Reason for a 429; default jira-burst-based. */
  reason?: string;
  method?: string;
  path?: RegExp;
}

export interface HeldResponse {
  reached: Promise<void>;
  release(): void;
}

export interface RequestMatch {
  method?: string;
  path?: RegExp;
}

export interface ChangeItem {
  field: string;
  fieldtype: string;
  fieldId: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

export type WebhookEventName = 'jira:issue_created' | 'jira:issue_updated' | 'jira:issue_deleted';

export interface WebhookPayload {
  timestamp: number;
  webhookEvent: WebhookEventName;
  issue_event_type_name: string;
  user: Record<string, unknown>;
  issue: { id: string; key: string; self: string; fields: Record<string, unknown> };
  changelog?: { id: number; items: ChangeItem[] };
  /** On `issue_commented` only: the comment, v2-shaped (a plain-text body). */
  comment?: Record<string, unknown>;
}

export interface QueuedWebhook {
  identifier: string;
  webhookEvent: WebhookEventName;
  issueId: string;
  timestamp: number;
  /** The body that will be sent (a deep copy). */
  payload: WebhookPayload;
}

export interface DeliverOptions {
  order?: 'as-queued' | 'reversed';
  duplicate?: boolean;
  drop?: (event: QueuedWebhook, index: number) => boolean;
  signWith?: string;
  /** Stands in for Jira's 5–15 minutes between retries. Default 20 ms. */
  retryDelayMs?: number;
  /** Per attempt; a timeout counts as a connection failure and is retried. Default 2000 ms. */
  timeoutMs?: number;
}

export interface DeliveryResult {
  identifier: string;
  /** Final status of the delivery; 0 when the connection failed on every attempt. */
  status: number;
  attempts: number;
}

export interface UiEdit {
  summary?: string;
  duedate?: string | null;
  assigneeAccountId?: string | null;
  labels?: string[];
}

export interface FakeJira {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly url: string;
  /** Stops the server, dropping open connections and held responses. */
  close(): Promise<void>;
  setWebhook(target: WebhookTarget | null): void;
  /** Live issues (deep copies). */
  issues(): FakeIssueView[];
  /** By id or key (old keys too); deleted issues are returned with `deleted: true`. */
  issue(idOrKey: string): FakeIssueView | undefined;
  /** An issue's comments, oldest first (deep copies); [] for an unknown issue. */
  comments(idOrKey: string): FakeCommentView[];
  /** Every request received, in order, including rejected ones. */
  requests(): RecordedRequest[];
  clearRequests(): void;
  /** The next `count` matching requests get this fault instead of being processed. */
  failNext(count: number, fault: Fault): void;
  /** While down, every connection is destroyed without a response. */
  setDown(down: boolean): void;
  /**
   * While refusing, nothing listens on the fake's port: connections are refused before a request can be sent
   * (ECONNREFUSED), unlike `setDown`, where the client cannot tell whether its request arrived. Same port after.
   */
  setRefusing(refusing: boolean): Promise<void>;
  /** The next matching request is processed, but its socket is held for `holdMs` (default 10 s), then destroyed. */
  loseNextResponse(match?: RequestMatch, holdMs?: number): void;
  /**
   * The next matching request is processed, but its response waits until `release()`: Jira answering slowly.
   * `reached` resolves once that request has arrived and is being held.
   */
  holdNextResponse(match?: RequestMatch): HeldResponse;
  setPerIssueWriteLimit(limit: boolean | PerIssueWriteLimit): void;
  setSearchLag(ms: number): void;
  /** Makes every write so far visible to search now, instead of waiting out the lag. */
  flushSearchIndex(): void;
  /** What a person does in the UI (any status; default actor: the first active user other than the API user). */
  transitionIssue(idOrKey: string, toStatusName: string, byAccountId?: string): void;
  editIssue(idOrKey: string, changes: UiEdit, byAccountId?: string): void;
  deleteIssue(idOrKey: string): void;
  /** New key in the target project; the old key keeps resolving. */
  moveIssue(idOrKey: string, toProjectKey: string): void;
  createIssueInUi(fields: { projectKey?: string; summary: string; labels?: string[] }): FakeIssueView;
  /** A person comments in the UI (default: the first active user other than the API user). */
  commentInUi(idOrKey: string, text: string, byAccountId?: string): FakeCommentView;
  queuedWebhooks(): QueuedWebhook[];
  /** Delivers and removes every queued event, one at a time, with Jira's retry rules. */
  deliverWebhooks(options?: DeliverOptions): Promise<DeliveryResult[]>;
  discardWebhooks(): void;
}
