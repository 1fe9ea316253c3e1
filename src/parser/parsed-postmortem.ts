/** What the parser reads from one postmortem. Plain data: no framework types. */

export type ActionKind = 'corrective' | 'preventive' | 'detective' | 'mitigative' | 'process';

/** Failure modes, in the precedence order used when a cause fits several. */
export const FAILURE_MODES = [
  'security-attack',
  'certificate-expiry',
  'memory-leak',
  'network-dns',
  'hardware-failure',
  'dependency-failure',
  'resource-exhaustion',
  'capacity-overload',
  'database',
  'configuration-error',
  'deployment-regression',
  'software-bug',
  'human-error',
  'data-corruption',
  'unknown',
] as const;
export type FailureMode = (typeof FAILURE_MODES)[number];

export type ActionCategory =
  | 'monitoring'
  | 'testing'
  | 'code-review'
  | 'deployment'
  | 'capacity'
  | 'configuration'
  | 'process'
  | 'training'
  | 'vendor'
  | 'documentation'
  | 'incident-response'
  | 'fix'
  | 'other';

export type SeverityLevel = 'SEV1' | 'SEV2' | 'SEV3' | 'SEV4';

/** 1-based line and column in the source text. */
export interface ParseWarning {
  line: number;
  column: number;
  code: 'NO_ACTION_ITEMS' | 'NO_TITLE' | 'AMBIGUOUS_DATE' | 'NO_ROOT_CAUSE' | 'TOO_MANY_ITEMS';
  message: string;
}

export interface LineRange {
  start: number;
  end: number;
}

export interface ParsedActionItem {
  /** As written, without bullets, numbering, checkboxes or markup. */
  text: string;
  /** A short title for trackers: the lead-in label or the first clause. */
  title: string;
  kind: ActionKind;
  category: ActionCategory;
  owner: string | null;
  /** YYYY-MM-DD, when the text gives a date for the item. */
  due: string | null;
  /** Marked done in the document itself ("[x]", "(DONE)"). */
  doneInSource: boolean;
  /** The heading the item was listed under. */
  section: string | null;
  lines: LineRange;
}

export interface TimelineEntry {
  /** ISO-8601 instant when the date and zone are known, else null. */
  at: string | null;
  /** The time as written ("10:00 AM PST"). */
  time: string;
  text: string;
  line: number;
}

export interface ParsedPostmortem {
  format: 'markdown' | 'text';
  title: string | null;
  summary: string | null;
  /** ISO-8601 with the zone as written (e.g. 2024-04-10T14:00:00-08:00). */
  startedAt: string | null;
  endedAt: string | null;
  durationMinutes: number | null;
  impactPercent: number | null;
  impact: string | null;
  severity: SeverityLevel | null;
  rootCause: { summary: string | null; category: FailureMode; component: string | null };
  resolution: string | null;
  timeline: TimelineEntry[];
  actionItems: ParsedActionItem[];
  warnings: ParseWarning[];
}
