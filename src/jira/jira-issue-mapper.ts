import { createHash } from 'node:crypto';
import type { ActionItemStatus, Priority } from '../action-items/action-item-enums';
import { adf, type AdfDocument, type AdfText } from './adf';
import { categoryForItemStatus, type JiraSettings, type StatusCategory } from './jira-settings';
import type { RemoteIssue } from './remote-issue';

/**
 * What the mapper needs to know about an item: plain data, loaded by the worker. Only facts whose every change
 * queues a push of the item go into the description (the item's own fields, its incident, its source), so an
 * issue is never left describing an item that has since changed. Tallies other imports move on (how many
 * incidents share the root cause, how many postmortems promised the measure) live behind the item link.
 */
export interface ItemForJira {
  id: string;
  title: string;
  description: string | null;
  kind: string;
  category: string | null;
  priority: Priority;
  status: ActionItemStatus;
  dueOn: string | null;
  sourceSection: string | null;
  sourceLines: { start: number; end: number } | null;
  incident: { id: string; title: string; startedAt: Date | null; severity: string | null };
  /** The incident's root cause as its postmortem states it: failure mode, and the incident's service. */
  rootCause: { failureMode: string; serviceName: string | null } | null;
  ownerName: string | null;
  /** The team whose Jira project the issue goes to: the owning team, else the service's. */
  teamName: string | null;
  /** The owner's Jira account, when the owner is a person Jira knows. */
  assigneeAccountId: string | null;
}

/** The issue as the item says it should be. */
export interface DesiredIssue {
  projectKey: string;
  summary: string;
  description: AdfDocument;
  descriptionHash: string;
  labels: string[];
  dueOn: string | null;
  priorityName: string;
  assigneeAccountId: string | null;
  statusCategory: StatusCategory;
  itemStatus: ActionItemStatus;
}

const SUMMARY_LIMIT = 255;
const LIVE_PICTURE = 'Tracked in Followthrough (flags, recurrences of this root cause, earlier promises of this measure)';

export function desiredIssue(item: ItemForJira, settings: JiraSettings): DesiredIssue {
  const description = describe(item, settings);
  return {
    projectKey: (item.teamName && settings.teamProjects.get(item.teamName.toLowerCase())) || settings.defaultProjectKey,
    summary: oneLine(item.title, SUMMARY_LIMIT),
    description,
    descriptionHash: createHash('sha256').update(JSON.stringify(description)).digest('hex'),
    labels: [settings.label, itemLabel(settings, item.id)],
    dueOn: item.dueOn,
    priorityName: settings.priorityNames[item.priority],
    assigneeAccountId: item.assigneeAccountId,
    statusCategory: categoryForItemStatus(item.status),
    itemStatus: item.status,
  };
}

/** A label only this item's issue carries: how a create whose answer was lost is found again. */
export function itemLabel(settings: JiraSettings, itemId: string): string {
  return `${settings.label}-${itemId}`;
}

export function browseUrl(settings: JiraSettings, issueKey: string): string {
  return `${settings.siteUrl}/browse/${issueKey}`;
}

export function itemUrl(settings: JiraSettings, itemId: string): string {
  return `${settings.publicUrl}/items/${itemId}`;
}

/** The body of POST /rest/api/3/issue. Status is not settable on create: the worker transitions afterwards. */
export function createIssueBody(desired: DesiredIssue, settings: JiraSettings): { fields: Record<string, unknown> } {
  const push = settings.pushFields;
  const fields: Record<string, unknown> = {
    project: { key: desired.projectKey },
    issuetype: { name: settings.issueType },
    summary: desired.summary,
    labels: desired.labels,
  };
  if (push.has('description')) fields.description = desired.description;
  if (push.has('dueOn') && desired.dueOn) fields.duedate = desired.dueOn;
  if (push.has('priority')) fields.priority = { name: desired.priorityName };
  if (push.has('assignee') && desired.assigneeAccountId) fields.assignee = { accountId: desired.assigneeAccountId };
  return { fields };
}

/**
 * The body of PUT /rest/api/3/issue/{id}: only what the item changed relative to the issue as last seen, in
 * one request (Jira limits writes per issue). Our labels are added, never set, so people's labels survive.
 * `keepText` (an issue adopted without overwrite): its summary, description, priority and labels are left alone.
 */
export function editIssueBody(
  desired: DesiredIssue,
  remote: RemoteIssue,
  settings: JiraSettings,
  { keepText = false }: { keepText?: boolean } = {},
): { fields: Record<string, unknown>; update: Record<string, unknown> } | null {
  const push = settings.pushFields;
  const text = !keepText;
  const fields: Record<string, unknown> = {};
  if (text && push.has('summary') && desired.summary !== remote.summary) fields.summary = desired.summary;
  if (text && push.has('description') && desired.descriptionHash !== remote.descriptionHash) fields.description = desired.description;
  if (push.has('dueOn') && desired.dueOn !== remote.dueOn) fields.duedate = desired.dueOn;
  if (text && push.has('priority') && desired.priorityName !== remote.priorityName) fields.priority = { name: desired.priorityName };
  if (push.has('assignee') && desired.assigneeAccountId !== remote.assigneeAccountId) {
    fields.assignee = desired.assigneeAccountId ? { accountId: desired.assigneeAccountId } : null;
  }
  const missingLabels = text ? desired.labels.filter((label) => !remote.labels.includes(label)) : [];
  const update = missingLabels.length > 0 ? { labels: missingLabels.map((label) => ({ add: label })) } : {};
  return Object.keys(fields).length > 0 || missingLabels.length > 0 ? { fields, update } : null;
}

/**
 * The status category to move the issue to, or null. Only a status change made on our side since the two
 * agreed is pushed, unless status does not flow back at all; otherwise Jira's newer status stands.
 */
export function statusToPush(desired: DesiredIssue, remote: RemoteIssue, settings: JiraSettings): StatusCategory | null {
  if (!settings.pushFields.has('status') || desired.statusCategory === remote.statusCategory) return null;
  const changedHere = desired.itemStatus !== remote.syncedItemStatus;
  return changedHere || !settings.pullFields.has('status') ? desired.statusCategory : null;
}

function describe(item: ItemForJira, settings: JiraSettings): AdfDocument {
  const facts: AdfText[][] = [
    [adf.strong('Incident: '), adf.text(incidentLine(item.incident))],
    [adf.strong('Measure: '), adf.text(`${lower(item.kind)}${item.category ? `, ${item.category}` : ''}`)],
  ];
  const rootCause = rootCauseText(item.rootCause);
  if (rootCause) facts.push([adf.strong('Root cause: '), adf.text(rootCause)]);
  if (item.sourceSection) {
    const lines = item.sourceLines ? `, lines ${item.sourceLines.start}–${item.sourceLines.end}` : '';
    facts.push([adf.strong('Source: '), adf.text(`section "${oneLine(item.sourceSection, 120)}"${lines}`)]);
  }
  if (item.ownerName) facts.push([adf.strong('Owner: '), adf.text(item.ownerName)]);
  return adf.doc(
    adf.paragraph(adf.text(item.description?.trim() || item.title)),
    adf.heading(3, 'From the postmortem'),
    adf.bulletList(...facts),
    adf.paragraph(adf.text(`${LIVE_PICTURE}: `), adf.link(itemUrl(settings, item.id), itemUrl(settings, item.id))),
  );
}

/** "memory leak in payment gateway"; null when the postmortem names no failure mode. */
export function rootCauseText(rootCause: ItemForJira['rootCause']): string | null {
  if (!rootCause || rootCause.failureMode === 'unknown') return null;
  return `${rootCause.failureMode.replace(/-/g, ' ')}${rootCause.serviceName ? ` in ${rootCause.serviceName}` : ''}`;
}

function incidentLine(incident: ItemForJira['incident']): string {
  const parts = [incident.startedAt ? incident.startedAt.toISOString().slice(0, 10) : null, incident.severity].filter(Boolean);
  return parts.length > 0 ? `${incident.title} (${parts.join(', ')})` : incident.title;
}

function lower(kind: string): string {
  return kind.charAt(0) + kind.slice(1).toLowerCase();
}

/** Jira summaries are one line of at most 255 characters. */
function oneLine(text: string, limit: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= limit ? flat : `${flat.slice(0, limit - 1).trimEnd()}…`;
}
