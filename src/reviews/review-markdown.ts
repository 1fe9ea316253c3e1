import type { Review, ReviewItem } from './review';

/** The review as markdown for Confluence or Slack: headings, tables, and links to the items and their issues. */
export function reviewMarkdown(review: Review, publicUrl: string): string {
  const item = (entry: ReviewItem) => {
    const jiraUrl = entry.jiraKey && entry.jiraUrl ? linkDestination(entry.jiraUrl) : null;
    const jira = entry.jiraKey && jiraUrl ? ` ([${cell(entry.jiraKey)}](${jiraUrl}))` : '';
    return `[${cell(entry.title)}](${publicUrl}/items/${entry.id})${jira}`;
  };
  const itemTable = (entries: ReviewItem[], empty: string) =>
    table(['Item', 'Owner', 'Team', 'Due', 'Status'], entries.map((entry) => [item(entry), cell(entry.ownerName ?? '—'), cell(entry.teamName ?? '—'), entry.dueOn ?? '—', entry.status]), empty);
  const { totals, completion } = review;
  const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`);
  const lines = [
    `# Reliability review ${review.week}${review.team ? ` — ${cell(review.team.name)}` : ''}`,
    '',
    `${review.startsOn} to ${review.endsOn} (${review.timeZone}), as of ${review.asOf.toISOString()}.`,
    '',
    `**${totals.open}** open · **${totals.overdue}** overdue · **${review.completed.length}** completed this week · on time ${percent(completion.onTimeRate)} over ${completion.windowWeeks} weeks`,
    '',
    '## What broke this week',
    table(['Incident', 'Started', 'Severity', 'Impact', 'Root cause'], review.incidents.map((incident) => [cell(incident.title), incident.startedAt?.toISOString().slice(0, 16).replace('T', ' ') ?? '—', incident.severity ?? '—', cell(incident.impact ?? '—'), cell(incident.rootCause ?? '—')]), 'No incident started this week.'),
    '## What we promised',
    itemTable(review.created, 'No new action items this week.'),
    '## What got done',
    itemTable(review.completed, 'Nothing was completed this week.'),
    '## What is late',
    table(['Overdue for', 'Items'], totals.aging.map((bucket) => [bucket.label, String(bucket.count)]), ''),
    '### Newly overdue',
    itemTable(review.newlyOverdue, 'Nothing became overdue this week.'),
    '### Due next week',
    itemTable(review.dueNextWeek, 'Nothing is due next week.'),
    '## What keeps coming back',
    table(['Root cause', 'Incidents', 'Open items'], review.recurringRootCauses.map((cause) => [cell(cause.label), String(cause.incidentCount), cause.openItems.map(item).join('<br>') || '—']), 'No root cause has recurred.'),
    '## Promises we keep breaking',
    table(['Item', 'Flag', 'Why'], review.brokenPromises.map((promise) => [item(promise.item), promise.code, cell(promise.reason)]), 'No broken promises.'),
    '## Teams',
    table(['Team', 'Open', 'Overdue', 'Created', 'Completed', 'On time', 'Broken promises'], review.scorecards.map((card) => [cell(card.teamName), String(card.open), String(card.overdue), String(card.createdThisWeek), String(card.completedThisWeek), percent(card.onTimeRate), String(card.brokenPromises)]), 'No action items.'),
    '## 12-week trend',
    table(['Week', 'Opened', 'Completed', 'Open overdue'], review.trend.map((week) => [week.week, String(week.opened), String(week.completed), String(week.openOverdue)]), ''),
  ];
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

function table(header: string[], rows: string[][], empty: string): string {
  if (rows.length === 0) return empty ? `${empty}\n` : '';
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`), ''].join('\n');
}

// What would make text into markup: HTML (as entities, which Slack also asks for), and backslash-escaped for
// markdown: backslashes (so one cannot escape what follows), table pipes, link brackets, code, emphasis and
// strike-through, `_` only where it can emphasise (not inside snake_case), `#` only where it starts or closes a
// heading.
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const ACTIVE = /[&<>]|[\\|[\]`*~]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])|^#|#$/gu;

/**
 * Text from postmortems, Jira or users (titles, names, reasons) as inert markdown on one line, for a table cell,
 * a link's text or the heading: a renderer shows it as written, with no HTML, link, emphasis, code or new cell.
 */
function cell(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(ACTIVE, (char) => ENTITIES[char] ?? `\\${char}`);
}

/** An http(s) URL as a link destination, with whatever could end it or the table percent-encoded; anything else is no link. */
function linkDestination(url: string): string | null {
  if (!/^https?:\/\/[^\s]/i.test(url)) return null;
  return url.replace(/[^A-Za-z0-9\-._~:/?#@!$&'+,;=%]/gu, (char) => [...Buffer.from(char)].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
}
