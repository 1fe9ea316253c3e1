import { adf, type AdfDocument } from './adf';
import { itemUrl, rootCauseText, type ItemForJira } from './jira-issue-mapper';
import type { JiraSettings } from './jira-settings';

/** An incident whose root cause is the item's, started while the item was open. */
export interface Recurrence {
  incidentId: string;
  incidentTitle: string;
  startedAt: Date;
  /** As the recurring incident's postmortem states it. */
  rootCause: ItemForJira['rootCause'];
}

/**
 * Where the comment links: the item, with the recurring incident in the fragment. It is also how the worker
 * recognises its comment on the issue when it cannot tell whether an earlier attempt posted it.
 */
export function recurrenceMarker(settings: JiraSettings, itemId: string, incidentId: string): string {
  return `${itemUrl(settings, itemId)}#recurrence-${incidentId}`;
}

/** The body of POST /rest/api/3/issue/{id}/comment: what happened, and a link to the item. */
export function recurrenceComment(itemId: string, recurrence: Recurrence, settings: JiraSettings): { body: AdfDocument } {
  const cause = rootCauseText(recurrence.rootCause);
  const date = recurrence.startedAt.toISOString().slice(0, 10);
  return {
    body: adf.doc(
      adf.paragraph(adf.text(`Incident «${recurrence.incidentTitle}» on ${date} had the same root cause${cause ? ` (${cause})` : ''}; this item is still open.`)),
      adf.paragraph(adf.text('In Followthrough: '), adf.link(itemUrl(settings, itemId), recurrenceMarker(settings, itemId, recurrence.incidentId))),
    ),
  };
}

/** Whether a comment body, as Jira returns it (ADF), links to `marker`: the comment posted for that recurrence. */
export function isRecurrenceComment(body: unknown, marker: string): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const node = body as { marks?: unknown; content?: unknown };
  const marks = Array.isArray(node.marks) ? (node.marks as { type?: unknown; attrs?: { href?: unknown } }[]) : [];
  if (marks.some((mark) => mark?.type === 'link' && mark.attrs?.href === marker)) return true;
  return Array.isArray(node.content) && node.content.some((child) => isRecurrenceComment(child, marker));
}
