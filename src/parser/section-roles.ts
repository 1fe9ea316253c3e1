import { wordCount } from './text-similarity';
import type { ActionKind } from './parsed-postmortem';

export type SectionRole = 'actions' | 'timeline' | 'rootCause' | 'resolution' | 'summary' | 'impact' | 'duration' | 'lessons' | 'contributing' | 'other';

// Checked in order: the first match names the role. "Actions taken" is what was done during the incident.
const ROLE_PATTERNS: [RegExp, SectionRole][] = [
  [/\b(actions? taken|steps taken|what we did|response|investigation|misleading|escalation)\b/, 'timeline'],
  [/\b(lessons? (learned|learnt)|what went (well|wrong|poorly)|where we got lucky|what worked|what didn'?t work|takeaways?|learnings)\b/, 'lessons'],
  [/\b(contributing factors?|trigger)\b/, 'contributing'],
  [
    /\b(action ?items?|action plan|corrective|preventi?ve|preventative|remediations?|follow[- ]?ups?|next steps|to-?dos?|to do|task ?list|tasks|improvements?|fixes|measures|recommendations?|going forward|prevention|future work|what we('| a)re (doing|changing)|actions)\b/,
    'actions',
  ],
  [/\b(timeline|chronology|sequence of events|events|detection)\b/, 'timeline'],
  [/\b(root causes?|causes?|what went wrong|why it happened)\b/, 'rootCause'],
  [/\b(resolution|recovery|how (it was|we) (fixed|resolved)|mitigation)\b/, 'resolution'],
  [/\b(impact)\b/, 'impact'],
  [/\b(duration|start ?time|end ?time|outage window)\b/, 'duration'],
  [/\b(summary|overview|description|tl;?dr|background|what happened|incident report|issue)\b/, 'summary'],
];

// Under an action heading, these sub-headings classify their items (Google SRE's prevent/detect/mitigate).
const KIND_HINTS: [RegExp, ActionKind][] = [
  [/\b(detect(ion|ive)?|monitoring|alerting)\b/, 'detective'],
  [/\b(mitigat\w*|recovery)\b/, 'mitigative'],
  [/\b(process)\b/, 'process'],
  [/\b(fix(es)?|corrective|repair|remediation)\b/, 'corrective'],
  [/\b(prevent(ion|ive|ative)?)\b/, 'preventive'],
];
// Headings that collect measures of every kind ("Improvements/Fixes") classify nothing, whatever words they use.
const GENERIC_ACTION_HEADING = /\b(improvements?|measures|tasks?|to-?dos?|action|follow|next steps|and)\b|\//;

// Documents reuse the same few heading names; remembering them spares ten pattern tests each time.
const knownRoles = new Map<string, SectionRole | null>();
const MAX_REMEMBERED = 2000;

export function roleOf(heading: string): SectionRole | null {
  const text = heading.toLowerCase();
  const remembered = knownRoles.get(text);
  if (remembered !== undefined) return remembered;
  const role = ROLE_PATTERNS.find(([pattern]) => pattern.test(text))?.[1] ?? null;
  if (knownRoles.size >= MAX_REMEMBERED) knownRoles.clear();
  knownRoles.set(text, role);
  return role;
}

/**
 * The role of a document's title: only when the title starts with it ("Action items: checkout outage"). A title
 * names the incident and may hold any word ("… after the recommendations rollout") without being a section.
 */
export function titleRoleOf(heading: string): SectionRole | null {
  const text = heading.toLowerCase().replace(/^[^\p{L}]+/u, '');
  for (const [pattern, role] of ROLE_PATTERNS) {
    const match = pattern.exec(text);
    if (match) return match.index === 0 ? role : null;
  }
  return null;
}

/** The kind a sub-heading of an action section gives its items ("Detection" → detective), if it names one. */
export function kindHintOf(heading: string): ActionKind | null {
  const text = heading.toLowerCase();
  // "Corrective and preventive measures" names both: it classifies nothing.
  if (GENERIC_ACTION_HEADING.test(text) || wordCount(text, 3) > 3) return null;
  for (const [pattern, kind] of KIND_HINTS) if (pattern.test(text)) return kind;
  return null;
}
