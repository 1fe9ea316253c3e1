import type { ParsedPostmortem } from './parsed-postmortem';

/** A readable summary of a parsed postmortem, for the terminal. */
export function formatParsedPostmortem(parsed: ParsedPostmortem): string {
  const lines = [
    `Title:       ${parsed.title ?? '(none)'}`,
    `Started:     ${parsed.startedAt ?? '(unknown)'}    Ended: ${parsed.endedAt ?? '(unknown)'}`,
    `Duration:    ${parsed.durationMinutes === null ? '(unknown)' : `${parsed.durationMinutes} min`}    Impact: ${parsed.impactPercent === null ? '(no share stated)' : `${parsed.impactPercent}%`}    Severity: ${parsed.severity ?? '(unknown)'}`,
    `Root cause:  ${parsed.rootCause.category}${parsed.rootCause.component ? ` in ${parsed.rootCause.component}` : ''}`,
    `             ${parsed.rootCause.summary ?? '(not stated)'}`,
    `Timeline:    ${parsed.timeline.length} entries`,
    '',
    `Action items (${parsed.actionItems.length}):`,
    ...parsed.actionItems.map(
      (item, i) =>
        `  ${String(i + 1).padStart(2)}. [${item.kind}/${item.category}] ${item.title}` +
        `${item.owner ? `  owner: ${item.owner}` : ''}${item.due ? `  due: ${item.due}` : ''}  (lines ${item.lines.start}-${item.lines.end})`,
    ),
  ];
  if (parsed.warnings.length) lines.push('', 'Warnings:', ...parsed.warnings.map((w) => `  ${w.line}:${w.column} ${w.code} ${w.message}`));
  return `${lines.join('\n')}\n`;
}
