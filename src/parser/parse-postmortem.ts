import { extractActionItems, MAX_ACTION_ITEMS } from './action-items';
import { readResolution, readSummary, readTitle } from './document-meta';
import { deriveSeverity, readImpact } from './impact';
import { readIncidentWindow, settleIncidentTimes } from './incident-times';
import { readBlocks } from './markdown-blocks';
import { buildOutline } from './outline';
import type { ParsedPostmortem, ParseWarning } from './parsed-postmortem';
import { readRootCause } from './root-cause';
import { detectFormat, normalizeSource } from './source-text';
import { readTimeline } from './timeline';

/**
 * Warnings about a written value (column 0) get the column where that value stands in its source line;
 * readers see lines after markup is stripped, so only the source knows the true column.
 */
function placeWarning(warning: ParseWarning, source: string): ParseWarning {
  if (warning.column !== 0) return warning;
  const written = /"([^"]+)"/.exec(warning.message)?.[1];
  const line = source.split('\n', warning.line)[warning.line - 1] ?? '';
  return { ...warning, column: written && line.includes(written) ? line.indexOf(written) + 1 : 1 };
}

/**
 * Reads a postmortem, in any of the shapes people write them, into structured data. Pure: no I/O, no clock.
 * What it cannot read becomes a positioned warning, never an exception.
 */
export function parsePostmortem(text: string): ParsedPostmortem {
  const source = normalizeSource(text);
  const warnings: ParseWarning[] = [];
  const blocks = readBlocks(source);
  const entries = buildOutline(blocks);
  const title = readTitle(blocks);
  const window = readIncidentWindow(entries, warnings);
  const timeline = readTimeline(entries, { documentZone: window.zone }, warnings);
  const times = settleIncidentTimes(window, entries, timeline, title);
  const impact = readImpact(entries);
  const summary = readSummary(entries);
  const fallbackCauseTexts = [summary ?? '', impact.impact ?? '', title ?? ''].filter(Boolean);
  const rootCause = readRootCause(entries, fallbackCauseTexts);
  const actionItems = extractActionItems(entries);

  if (actionItems.length === 0) {
    warnings.push({ line: 1, column: 1, code: 'NO_ACTION_ITEMS', message: 'No corrective or preventive measures were found (no action-item section, list or follow-up sentence).' });
  }
  if (actionItems.length >= MAX_ACTION_ITEMS) {
    warnings.push({ line: actionItems.at(-1)!.lines.end, column: 1, code: 'TOO_MANY_ITEMS', message: `Only the first ${MAX_ACTION_ITEMS} measures were read.` });
  }
  if (!rootCause.summary) warnings.push({ line: 1, column: 1, code: 'NO_ROOT_CAUSE', message: 'No root cause statement was found.' });
  if (!title) warnings.push({ line: 1, column: 1, code: 'NO_TITLE', message: 'The document has no title line.' });

  return {
    format: detectFormat(source),
    title,
    summary,
    startedAt: times.startedAt,
    endedAt: times.endedAt,
    durationMinutes: times.durationMinutes,
    impactPercent: impact.impactPercent,
    impact: impact.impact,
    severity: deriveSeverity(entries, impact, times.durationMinutes),
    rootCause,
    resolution: readResolution(entries),
    timeline,
    actionItems,
    warnings: warnings.map((warning) => placeWarning(warning, source)).sort((a, b) => a.line - b.line || a.column - b.column),
  };
}
