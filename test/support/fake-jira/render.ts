/** Wire shapes: IssueBean and the objects inside it, users, projects, transitions. */
import { adfToText } from './adf';
import { ISSUE_TYPES, PRIORITIES, RESOLUTIONS, STATUS_CATEGORIES, type Transition, statusById, transitionsFrom } from './catalog';
import { avatarUrls, jiraTimestamp } from './format';
import type { CommentRecord, IssueRecord, ProjectRecord, UserRecord } from './records';
import type { Store } from './store';

/** The fields the fake has, in the order Jira tends to list them. All are navigable. */
export const ALL_FIELDS = [
  'statuscategorychangedate', 'issuetype', 'project', 'resolution', 'resolutiondate', 'created', 'priority', 'labels',
  'assignee', 'updated', 'status', 'description', 'summary', 'creator', 'reporter', 'duedate',
] as const;

const EXPAND = 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations';

/**
 * Resolves a `fields` parameter (comma lists, possibly repeated) to the fields to return.
 * `*all`/`*navigable` add everything, names add themselves, `-name` removes (from everything, when only
 * exclusions are given). Unknown names are ignored, as Jira does. `id` alone means no fields (search's default);
 * no parameter at all means `fallback`.
 */
export function selectFields(values: string[], fallback: 'all' | 'none'): string[] {
  const items = values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  if (items.length === 0) return fallback === 'all' ? [...ALL_FIELDS] : [];
  const included = new Set<string>();
  const excluded = new Set<string>();
  let all = items.every((i) => i.startsWith('-'));
  for (const item of items) {
    if (item === '*all' || item === '*navigable') all = true;
    else if (item.startsWith('-')) excluded.add(item.slice(1));
    else included.add(item);
  }
  return ALL_FIELDS.filter((f) => (all || included.has(f)) && !excluded.has(f));
}

export class Renderer {
  constructor(
    readonly base: string,
    private readonly store: Store,
  ) {}

  /** `UserDetails` (inside issues); `full` adds what GET /user and /user/search return. */
  user(user: UserRecord, options: { api?: 2 | 3; full?: boolean; withEmail?: boolean } = {}): Record<string, unknown> {
    const { api = 3, full = false, withEmail = true } = options;
    const showEmail = withEmail && user.emailAddress !== null && !user.hideEmail;
    return {
      self: `${this.base}/rest/api/${api}/user?accountId=${user.accountId}`,
      accountId: user.accountId,
      accountType: 'atlassian',
      ...(showEmail ? { emailAddress: user.emailAddress } : {}),
      avatarUrls: avatarUrls(this.base, 'user', user.accountId),
      displayName: user.displayName,
      active: user.active,
      timeZone: 'Etc/UTC',
      ...(full ? { locale: 'en_US' } : {}),
    };
  }

  userById(accountId: string | null, api: 2 | 3 = 3): Record<string, unknown> | null {
    const user = accountId === null ? undefined : this.store.user(accountId);
    return user ? this.user(user, { api }) : null;
  }

  status(statusId: string, api: 2 | 3 = 3): Record<string, unknown> {
    const status = statusById(statusId);
    const category = STATUS_CATEGORIES[status.category];
    return {
      self: `${this.base}/rest/api/${api}/status/${status.id}`,
      description: status.description,
      iconUrl: `${this.base}/images/icons/statuses/generic.png`,
      name: status.name,
      id: status.id,
      statusCategory: { self: `${this.base}/rest/api/${api}/statuscategory/${category.id}`, ...category },
    };
  }

  projectDetails(project: ProjectRecord, api: 2 | 3 = 3): Record<string, unknown> {
    return {
      self: `${this.base}/rest/api/${api}/project/${project.id}`,
      id: project.id,
      key: project.key,
      name: project.name,
      projectTypeKey: 'software',
      simplified: false,
      avatarUrls: avatarUrls(this.base, 'project', project.id),
    };
  }

  issueType(id: string, api: 2 | 3 = 3): Record<string, unknown> {
    const type = ISSUE_TYPES.find((t) => t.id === id)!;
    return {
      self: `${this.base}/rest/api/${api}/issuetype/${type.id}`,
      id: type.id,
      description: type.description,
      iconUrl: `${this.base}/rest/api/2/universal_avatar/view/type/issuetype/avatar/10318?size=medium`,
      name: type.name,
      subtask: false,
      avatarId: 10318,
      hierarchyLevel: 0,
    };
  }

  /** All fields of an issue; v2 (webhooks) has a plain-text description where v3 has ADF. */
  fields(issue: IssueRecord, api: 2 | 3 = 3): Record<string, unknown> {
    const priority = PRIORITIES.find((p) => p.id === issue.priorityId)!;
    const resolution = RESOLUTIONS.find((r) => r.id === issue.resolutionId);
    const project = this.store.project(issue.projectId)!;
    const reporter = this.userById(issue.reporterAccountId, api);
    const values: Record<(typeof ALL_FIELDS)[number], unknown> = {
      statuscategorychangedate: jiraTimestamp(issue.statusCategoryChanged),
      issuetype: this.issueType(issue.issueTypeId, api),
      project: this.projectDetails(project, api),
      resolution: resolution
        ? { self: `${this.base}/rest/api/${api}/resolution/${resolution.id}`, id: resolution.id, description: resolution.description, name: resolution.name }
        : null,
      resolutiondate: issue.resolutionDate ? jiraTimestamp(issue.resolutionDate) : null,
      created: jiraTimestamp(issue.created),
      priority: { self: `${this.base}/rest/api/${api}/priority/${priority.id}`, iconUrl: `${this.base}/images/icons/priorities/${priority.iconName}.svg`, name: priority.name, id: priority.id },
      labels: [...issue.labels],
      assignee: this.userById(issue.assigneeAccountId, api),
      updated: jiraTimestamp(issue.updated),
      status: this.status(issue.statusId, api),
      description: api === 3 ? structuredClone(issue.description) : adfToText(issue.description),
      summary: issue.summary,
      creator: reporter,
      reporter,
      duedate: issue.duedate,
    };
    return values;
  }

  issueBean(issue: IssueRecord, fields: readonly string[], expand: ReadonlySet<string>): Record<string, unknown> {
    const all = this.fields(issue);
    const bean: Record<string, unknown> = {
      expand: EXPAND,
      id: issue.id,
      self: `${this.base}/rest/api/3/issue/${issue.id}`,
      key: issue.key,
      fields: Object.fromEntries(fields.map((f) => [f, all[f]])),
    };
    if (expand.has('transitions')) bean.transitions = transitionsFrom(issue.statusId).map((t) => this.transition(t));
    if (expand.has('changelog')) {
      const histories = this.store.historiesOf(issue.id).map((h) => ({
        id: String(h.id),
        author: this.userById(h.authorAccountId),
        created: jiraTimestamp(h.created),
        items: h.items,
      }));
      bean.changelog = { startAt: 0, maxResults: histories.length, total: histories.length, histories };
    }
    return bean;
  }

  /** A `Comment`; v2 (webhooks) has a plain-text body where v3 has ADF, as for descriptions. */
  comment(comment: CommentRecord, api: 2 | 3 = 3): Record<string, unknown> {
    const author = this.userById(comment.authorAccountId, api);
    return {
      self: `${this.base}/rest/api/${api}/issue/${comment.issueId}/comment/${comment.id}`,
      id: comment.id,
      author,
      body: api === 3 ? structuredClone(comment.body) : adfToText(comment.body),
      updateAuthor: author,
      created: jiraTimestamp(comment.created),
      updated: jiraTimestamp(comment.updated),
      jsdPublic: true,
    };
  }

  /** Real Jira sends `isLooped`; the spec's schema says `looped` (contract §3.5). The fake follows real Jira. */
  transition(t: Transition): Record<string, unknown> {
    return {
      id: t.id,
      name: t.name,
      to: this.status(t.toStatusId),
      hasScreen: false,
      isGlobal: t.from === 'any',
      isInitial: false,
      isAvailable: true,
      isConditional: false,
      isLooped: false,
    };
  }

  project(project: ProjectRecord, lead: UserRecord): Record<string, unknown> {
    return {
      expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
      ...this.projectDetails(project),
      description: '',
      lead: this.user(lead, { full: true, withEmail: false }),
      components: [],
      issueTypes: ISSUE_TYPES.map((t) => this.issueType(t.id)),
      assigneeType: 'UNASSIGNED',
      versions: [],
      roles: {},
      style: 'classic',
      isPrivate: false,
      properties: {},
    };
  }
}
