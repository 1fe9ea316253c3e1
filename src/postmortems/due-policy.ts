import { load } from 'js-yaml';
import type { ActionKind, SeverityLevel } from '../parser/parsed-postmortem';

/** Days from the incident to an item's due date, by severity and kind. */
export type DuePolicy = Record<SeverityLevel, Record<ActionKind, number>>;

const days = (fix: number, improve: number): Record<ActionKind, number> => ({
  corrective: fix,
  mitigative: fix,
  detective: fix,
  preventive: improve,
  process: improve,
});

/**
 * Defaults after published practice: PagerDuty asks for a SEV-1's priority actions within 15 days and a
 * SEV-2's within 30; Atlassian gives priority actions 4 weeks and others 8. Fixing, detecting and mitigating
 * come first; longer engineering and process work gets the next step up.
 */
export const DEFAULT_DUE_POLICY: DuePolicy = {
  SEV1: days(15, 28),
  SEV2: days(30, 56),
  SEV3: days(56, 84),
  SEV4: days(84, 84),
};

const UNKNOWN_SEVERITY: SeverityLevel = 'SEV3';

/** The due date (YYYY-MM-DD) of an item the text gives none for. */
export function policyDueDate(policy: DuePolicy, severity: SeverityLevel | null, kind: ActionKind, from: Date): string {
  const due = new Date(from.getTime() + policy[severity ?? UNKNOWN_SEVERITY][kind] * 86_400_000);
  return due.toISOString().slice(0, 10);
}

export class DuePolicyError extends Error {}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A policy file overrides any of the defaults: `SEV1: { corrective: 10, process: 30 }`. */
export function parseDuePolicyYaml(text: string): DuePolicy {
  const document: unknown = load(text);
  const policy = structuredClone(DEFAULT_DUE_POLICY);
  if (document === null || document === undefined) return policy;
  if (!isMapping(document)) throw new DuePolicyError('The due-date policy must map severities to kinds and days, e.g. "SEV1: { corrective: 10 }".');
  for (const [severity, kinds] of Object.entries(document)) {
    if (!(severity in policy)) throw new DuePolicyError(`Unknown severity "${severity}" in the due-date policy; use SEV1..SEV4.`);
    if (kinds !== null && !isMapping(kinds)) throw new DuePolicyError(`${severity} must map kinds to days, e.g. "${severity}: { corrective: 10 }".`);
    for (const [kind, value] of Object.entries(kinds ?? {})) {
      if (!(kind in policy[severity as SeverityLevel])) throw new DuePolicyError(`Unknown kind "${kind}" under ${severity}; use corrective, preventive, detective, mitigative or process.`);
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 3650) throw new DuePolicyError(`${severity}.${kind} must be a whole number of days (1–3650).`);
      policy[severity as SeverityLevel][kind as ActionKind] = value;
    }
  }
  return policy;
}
