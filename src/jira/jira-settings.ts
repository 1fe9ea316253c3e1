import { ActionItemStatus, Priority } from '../action-items/action-item-enums';
import type { Env } from '../config/env';
import { publicUrlOf } from '../config/public-url';

export type StatusCategory = 'new' | 'indeterminate' | 'done';
export const STATUS_CATEGORIES: readonly StatusCategory[] = ['new', 'indeterminate', 'done'];

export const PUSHABLE_FIELDS = ['summary', 'description', 'status', 'dueOn', 'priority', 'assignee'] as const;
export const PULLABLE_FIELDS = ['status', 'dueOn', 'assignee'] as const;
export type PushField = (typeof PUSHABLE_FIELDS)[number];
export type PullField = (typeof PULLABLE_FIELDS)[number];

/** One rule of the status map: a Jira status name, or a whole status category, and the item status it means. */
export interface StatusRule {
  statusName?: string;
  category?: StatusCategory;
  itemStatus: ActionItemStatus;
}

export type JiraAuth = { kind: 'basic'; email: string; apiToken: string } | { kind: 'bearer'; token: string };

/** Jira settings, read once from the environment; null means sync is off. */
export interface JiraSettings {
  baseUrl: string;
  /** Where people open issues (`/browse/KEY`): the site, also when the API goes through api.atlassian.com. */
  siteUrl: string;
  auth: JiraAuth;
  defaultProjectKey: string;
  teamProjects: ReadonlyMap<string, string>;
  issueType: string;
  statusRules: readonly StatusRule[];
  priorityNames: Readonly<Record<Priority, string>>;
  pushFields: ReadonlySet<PushField>;
  pullFields: ReadonlySet<PullField>;
  webhookSecret: string | null;
  label: string;
  timeZone: string;
  publicUrl: string;
}

export class JiraSettingsError extends Error {}

/** Reads the JIRA_* settings; every mistake is named, so a half-configured sync never starts silently. */
export function readJiraSettings(env: Env): JiraSettings | null {
  if (!env.JIRA_BASE_URL) return null;
  const problems: string[] = [];
  for (const name of ['JIRA_BASE_URL', 'JIRA_SITE_URL'] as const) {
    // Such a URL would be logged and shown to every viewer in jiraSyncStatus; the message must not repeat it.
    if (hasUserinfo(env[name])) {
      problems.push(`${name}: has credentials in it (user:token@); give the site alone, e.g. https://acme.atlassian.net, and the account in JIRA_EMAIL and JIRA_API_TOKEN (or JIRA_BEARER_TOKEN)`);
    }
  }
  const auth = readAuth(env, problems);
  if (!env.JIRA_PROJECT_KEY) problems.push('JIRA_PROJECT_KEY: set the project that issues are created in (e.g. PM)');
  const teamProjects = readPairs('JIRA_TEAM_PROJECTS', env.JIRA_TEAM_PROJECTS, problems, (team, project) =>
    /^[A-Z][A-Z0-9_]+$/.test(project) ? [team.toLowerCase(), project] : `"${project}" is not a Jira project key`,
  );
  const statusRules = readPairs('JIRA_STATUS_MAP', env.JIRA_STATUS_MAP, problems, readStatusRule);
  const priorities = readPairs('JIRA_PRIORITY_MAP', env.JIRA_PRIORITY_MAP, problems, (priority, name) =>
    Object.hasOwn(Priority, priority) ? [priority as Priority, name] : `"${priority}" is not one of ${Object.keys(Priority).join(', ')}`,
  );
  const pushFields = readFieldList('JIRA_PUSH_FIELDS', env.JIRA_PUSH_FIELDS, PUSHABLE_FIELDS, problems);
  const pullFields = readFieldList('JIRA_PULL_FIELDS', env.JIRA_PULL_FIELDS, PULLABLE_FIELDS, problems);
  const priorityNames = Object.fromEntries(priorities) as Record<Priority, string>;
  const missing = Object.values(Priority).filter((p) => !priorityNames[p]);
  if (missing.length > 0) problems.push(`JIRA_PRIORITY_MAP: no Jira priority for ${missing.join(', ')}`);
  if (problems.length > 0 || !auth) throw new JiraSettingsError(`Invalid Jira configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return {
    baseUrl: withoutUserinfo(env.JIRA_BASE_URL).replace(/\/+$/, ''),
    siteUrl: withoutUserinfo(env.JIRA_SITE_URL ?? env.JIRA_BASE_URL).replace(/\/+$/, ''),
    auth,
    defaultProjectKey: env.JIRA_PROJECT_KEY as string,
    teamProjects: new Map(teamProjects),
    issueType: env.JIRA_ISSUE_TYPE,
    statusRules: statusRules.map(([, rule]) => rule),
    priorityNames,
    pushFields: new Set(pushFields),
    pullFields: new Set(pullFields),
    webhookSecret: env.JIRA_WEBHOOK_SECRET ?? null,
    label: env.JIRA_LABEL,
    timeZone: env.JIRA_TIME_ZONE,
    publicUrl: publicUrlOf(env),
  };
}

function hasUserinfo(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.username !== '' || parsed.password !== '';
  } catch {
    return false;
  }
}

/** The URL without any `user:password@` part, as people and logs may see it. */
export function withoutUserinfo(url: string): string {
  if (!hasUserinfo(url)) return url;
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  const bare = parsed.toString();
  // URL adds a "/" to a bare origin; keep the caller's form.
  return url.endsWith('/') || parsed.pathname !== '/' ? bare : bare.replace(/\/$/, '');
}

function readAuth(env: Env, problems: string[]): JiraAuth | null {
  if (env.JIRA_BEARER_TOKEN) return { kind: 'bearer', token: env.JIRA_BEARER_TOKEN };
  if (env.JIRA_EMAIL && env.JIRA_API_TOKEN) return { kind: 'basic', email: env.JIRA_EMAIL, apiToken: env.JIRA_API_TOKEN };
  problems.push('JIRA_EMAIL and JIRA_API_TOKEN (or JIRA_BEARER_TOKEN): Jira needs credentials');
  return null;
}

function readStatusRule(key: string, value: string): [string, StatusRule] | string {
  if (!Object.hasOwn(ActionItemStatus, value)) return `"${value}" is not an item status (${Object.keys(ActionItemStatus).join(', ')})`;
  const itemStatus = value as ActionItemStatus;
  const category = /^category:(.+)$/i.exec(key)?.[1].toLowerCase();
  if (category === undefined) return [key, { statusName: key, itemStatus }];
  if (!STATUS_CATEGORIES.includes(category as StatusCategory)) return `"${category}" is not a status category (${STATUS_CATEGORIES.join(', ')})`;
  return [key, { category: category as StatusCategory, itemStatus }];
}

/** Parses "a=b, c=d"; `read` turns a pair into an entry or says what is wrong with it. */
function readPairs<K, V>(name: string, text: string, problems: string[], read: (key: string, value: string) => [K, V] | string): [K, V][] {
  const entries: [K, V][] = [];
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const at = part.lastIndexOf('=');
    const key = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim();
    const entry = at > 0 && value ? read(key, value) : `"${part}" is not key=value`;
    if (typeof entry === 'string') problems.push(`${name}: ${entry}`);
    else entries.push(entry);
  }
  return entries;
}

function readFieldList<F extends string>(name: string, text: string, allowed: readonly F[], problems: string[]): F[] {
  // "none" says it explicitly: an empty variable counts as unset and would give the default.
  if (text.trim().toLowerCase() === 'none') return [];
  const fields = text.split(',').map((f) => f.trim()).filter(Boolean);
  const unknown = fields.filter((f) => !allowed.includes(f as F));
  if (unknown.length > 0) problems.push(`${name}: unknown field(s) ${unknown.join(', ')}; choose from ${allowed.join(', ')}`);
  return fields.filter((f): f is F => allowed.includes(f as F));
}

/** The projects the sync works in, sorted: JIRA_PROJECT_KEY and those of JIRA_TEAM_PROJECTS. */
export function syncedProjects(settings: JiraSettings): string[] {
  return [...new Set([settings.defaultProjectKey, ...settings.teamProjects.values()])].sort();
}

/** Why an issue of this project may not be linked, or null when it may: the sync never touches other projects. */
export function foreignProjectProblem(settings: JiraSettings, issueKey: string, projectKey: string): string | null {
  const projects = syncedProjects(settings);
  if (projects.includes(projectKey.toUpperCase())) return null;
  const names = projects.length > 1 ? `${projects.slice(0, -1).join(', ')} or ${projects[projects.length - 1]}` : projects[0];
  return `${issueKey} is in project ${projectKey}, which this server does not sync: link an issue of ${names} (JIRA_PROJECT_KEY, JIRA_TEAM_PROJECTS).`;
}

/** The item status a Jira status means: a rule for its name wins over one for its category. */
export function itemStatusFor(rules: readonly StatusRule[], statusName: string, category: string): ActionItemStatus | null {
  const byName = rules.find((rule) => rule.statusName !== undefined && rule.statusName.toLowerCase() === statusName.toLowerCase());
  return (byName ?? rules.find((rule) => rule.category === category))?.itemStatus ?? null;
}

/** The Jira status category an item status belongs in. */
export function categoryForItemStatus(status: ActionItemStatus): StatusCategory {
  if (status === ActionItemStatus.OPEN) return 'new';
  if (status === ActionItemStatus.DONE || status === ActionItemStatus.WONT_DO) return 'done';
  return 'indeterminate';
}

/** Status names that the status map sends to this item status, to pick the right transition (e.g. "Won't Do"). */
export function preferredStatusNames(rules: readonly StatusRule[], status: ActionItemStatus): string[] {
  return rules.filter((rule) => rule.itemStatus === status && rule.statusName).map((rule) => rule.statusName as string);
}
