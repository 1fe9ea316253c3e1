import type { Review, ReviewItem } from './review';

/** The review as markdown for Confluence or Slack: headings, tables, and links to the items and their issues. */
export function reviewMarkdown(review: Review, publicUrl: string): string {
  const item = (entry: ReviewItem) => {
    const jira = entry.jiraKey && entry.jiraUrl ? ` ([${entry.jiraKey}](${entry.jiraUrl}))` : '';
    return `[${cell(entry.title).replace(/[[\]]/g, '\\$&')}](${publicUrl}/items/${entry.id})${jira}`;
  };
  const itemTable = (entries: ReviewItem[], empty: string) =>
    table(['Item', 'Owner', 'Team', 'Due', 'Status'], entries.map((entry) => [item(entry), cell(entry.ownerName ?? '—'), cell(entry.teamName ?? '—'), entry.dueOn ?? '—', entry.status]), empty);
  const { totals, completion } = review;
  const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`);
  const lines = [
    `# Reliability review ${review.week}${review.team ? ` — ${review.team.name}` : ''}`,
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

/** A table cell: one line, backslashes and pipes escaped (a backslash of the text must not escape what follows it). */
function cell(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[\\|]/g, '\\$&').trim();
}
