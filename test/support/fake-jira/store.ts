/**
 * The fake site's state: projects, users, issues (with moved keys), changelog histories and the search index.
 * Every write goes through here, so `updated`, the changelog, the index and webhook events stay consistent
 * whether the write came over REST or from the "UI" methods.
 */
import { DEFAULT_PRIORITY_ID, INITIAL_STATUS_ID, defaultResolutionFor, statusById } from './catalog';
import { changeItems } from './changelog';
import { deepCopy } from './format';
import type { CommentRecord, History, IssuePatch, IssueRecord, ProjectRecord, StoreEvent, UserRecord } from './records';
import { SearchIndex } from './search-index';
import type { AdfNode, FakeJiraUser } from './types';

export interface NewIssue {
  project: ProjectRecord;
  issueTypeId: string;
  summary: string;
  description?: AdfNode | null;
  labels?: string[];
  duedate?: string | null;
  assigneeAccountId?: string | null;
  priorityId?: string;
}

export class Store {
  readonly projects: ProjectRecord[];
  readonly users: UserRecord[];
  readonly index: SearchIndex;
  private readonly issuesById = new Map<string, IssueRecord>();
  /** Upper-cased keys, current and old (after a move), to issue ids. */
  private readonly idByKey = new Map<string, string>();
  private readonly histories = new Map<string, History[]>();
  private readonly comments = new Map<string, CommentRecord[]>();
  private nextIssueId = 10000;
  private nextHistoryId = 10000;
  private nextCommentId = 10000;
  listener: (event: StoreEvent) => void = () => undefined;

  constructor(
    projectKeys: string[],
    users: FakeJiraUser[],
    private readonly now: () => Date,
    lagMs: number,
  ) {
    this.projects = projectKeys.map((key, i) => ({ id: String(10000 + i), key, name: `${key} project`, nextNumber: 1 }));
    this.users = users.map((u) => ({ accountId: u.accountId, displayName: u.displayName, emailAddress: u.emailAddress ?? null, active: u.active ?? true, hideEmail: u.hideEmail ?? false }));
    this.index = new SearchIndex(lagMs, (id) => this.issuesById.get(id));
  }

  /** Project by key (case-sensitive, as GET /project is) or id. */
  project(keyOrId: string): ProjectRecord | undefined {
    return this.projects.find((p) => p.key === keyOrId || p.id === keyOrId);
  }

  user(accountId: string): UserRecord | undefined {
    return this.users.find((u) => u.accountId === accountId);
  }

  displayName(accountId: string): string {
    return this.user(accountId)?.displayName ?? accountId;
  }

  /** Live issue by numeric id or by key, current or old, case-insensitively (contract §3.3). */
  find(idOrKey: string): IssueRecord | undefined {
    const issue = this.findIncludingDeleted(idOrKey);
    return issue && !issue.deleted ? issue : undefined;
  }

  findIncludingDeleted(idOrKey: string): IssueRecord | undefined {
    const id = /^\d+$/.test(idOrKey) ? idOrKey : this.idByKey.get(idOrKey.toUpperCase());
    return id === undefined ? undefined : this.issuesById.get(id);
  }

  /** Every issue ever created, deleted ones included. */
  all(): IssueRecord[] {
    return [...this.issuesById.values()];
  }

  historiesOf(id: string): History[] {
    return this.histories.get(id) ?? [];
  }

  /** An issue's comments, oldest first. */
  commentsOf(id: string): CommentRecord[] {
    return this.comments.get(id) ?? [];
  }

  /**
   * Adds a comment. Jira bumps the issue's `updated` (so `updated >=` searches find it) and sends
   * `jira:issue_updated` with `issue_event_type_name: issue_commented`; a comment writes no changelog history.
   */
  addComment(issue: IssueRecord, body: AdfNode, properties: CommentRecord['properties'], actor: string): CommentRecord {
    const at = this.tick(issue);
    const comment: CommentRecord = { id: String(this.nextCommentId++), issueId: issue.id, authorAccountId: actor, body: deepCopy(body), properties: deepCopy(properties), created: at, updated: at };
    this.comments.set(issue.id, [...this.commentsOf(issue.id), comment]);
    issue.updated = at;
    this.index.write(issue);
    this.listener({ kind: 'commented', issue: deepCopy(issue), actor, at, comment: deepCopy(comment) });
    return comment;
  }

  create(input: NewIssue, actor: string): IssueRecord {
    const at = this.now();
    const project = input.project;
    const issue: IssueRecord = {
      id: String(this.nextIssueId++),
      key: `${project.key}-${project.nextNumber++}`,
      projectId: project.id,
      projectKey: project.key,
      issueTypeId: input.issueTypeId,
      summary: input.summary,
      description: input.description ?? null,
      statusId: INITIAL_STATUS_ID,
      resolutionId: null,
      resolutionDate: null,
      statusCategoryChanged: at,
      labels: normalizeLabels(input.labels ?? []),
      duedate: input.duedate ?? null,
      assigneeAccountId: input.assigneeAccountId ?? null,
      reporterAccountId: actor,
      priorityId: input.priorityId ?? DEFAULT_PRIORITY_ID,
      created: at,
      updated: at,
      deleted: false,
    };
    this.issuesById.set(issue.id, issue);
    this.idByKey.set(issue.key.toUpperCase(), issue.id);
    this.index.write(issue);
    this.listener({ kind: 'created', issue: deepCopy(issue), actor, at });
    return issue;
  }

  /**
   * Applies a patch. A status change also sets or clears the resolution, as Jira's default workflow does.
   * Returns false (and touches nothing) when no field actually changes: Jira writes no history then.
   */
  update(issue: IssueRecord, patch: IssuePatch, actor: string): boolean {
    const next: IssueRecord = { ...deepCopy(issue), ...deepCopy(patch) };
    if (patch.labels) next.labels = normalizeLabels(patch.labels);
    if (patch.statusId !== undefined && patch.statusId !== issue.statusId) {
      const to = statusById(patch.statusId);
      if (to.category === 'done') next.resolutionId = patch.resolutionId ?? issue.resolutionId ?? defaultResolutionFor(to).id;
      else next.resolutionId = null;
    }
    return this.commit(issue, next, actor);
  }

  /** Moves an issue to another project: a new key there; the old key keeps resolving to it. */
  move(issue: IssueRecord, to: ProjectRecord, actor: string): boolean {
    if (issue.projectId === to.id) return false;
    const next: IssueRecord = { ...deepCopy(issue), projectId: to.id, projectKey: to.key, key: `${to.key}-${to.nextNumber++}` };
    this.idByKey.set(next.key.toUpperCase(), issue.id);
    return this.commit(issue, next, actor);
  }

  remove(issue: IssueRecord, actor: string): void {
    issue.deleted = true;
    this.index.write(issue);
    this.listener({ kind: 'deleted', issue: deepCopy(issue), actor, at: this.now() });
  }

  private commit(issue: IssueRecord, next: IssueRecord, actor: string): boolean {
    const items = changeItems(issue, next, (id) => this.displayName(id));
    if (items.length === 0) return false;
    const at = this.tick(issue);
    next.updated = at;
    if (statusById(next.statusId).category !== statusById(issue.statusId).category) next.statusCategoryChanged = at;
    if (next.resolutionId !== issue.resolutionId) next.resolutionDate = next.resolutionId === null ? null : at;
    Object.assign(issue, next);
    const history: History = { id: this.nextHistoryId++, authorAccountId: actor, created: at, items };
    this.histories.set(issue.id, [...this.historiesOf(issue.id), history]);
    this.index.write(issue);
    this.listener({ kind: 'updated', issue: deepCopy(issue), actor, at, history: deepCopy(history) });
    return true;
  }

  /** Jira's clock, but `updated` strictly increases per issue even when the injected clock stands still. */
  private tick(issue: IssueRecord): Date {
    const now = this.now();
    return now.getTime() > issue.updated.getTime() ? now : new Date(issue.updated.getTime() + 1);
  }
}

/** Jira keeps labels as a sorted set; clients must not rely on the order they sent. */
function normalizeLabels(labels: string[]): string[] {
  return [...new Set(labels)].sort();
}
