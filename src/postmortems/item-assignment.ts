import { AssignmentOrigin, Priority } from '../action-items/action-item-enums';
import type { ParsedActionItem, SeverityLevel } from '../parser/parsed-postmortem';
import { policyDueDate, type DuePolicy } from './due-policy';

export interface Assignment {
  ownerName: string | null;
  ownerOrigin: AssignmentOrigin | null;
  dueOn: string;
  dueOrigin: AssignmentOrigin;
}

/** Who owns an imported measure and by when: the text first, then the service's team and the due-date policy. */
export function assignItem(item: ParsedActionItem, severity: SeverityLevel | null, serviceTeam: string | null, policy: DuePolicy, from: Date): Assignment {
  // "(owner: @)" names nobody: fall back to the service's team.
  const textOwner = item.owner ? ownerName(item.owner) || null : null;
  return {
    ownerName: textOwner ?? serviceTeam,
    ownerOrigin: textOwner ? AssignmentOrigin.TEXT : serviceTeam ? AssignmentOrigin.OWNERSHIP_MAP : null,
    dueOn: item.due ?? policyDueDate(policy, severity, item.kind, from),
    dueOrigin: item.due ? AssignmentOrigin.TEXT : AssignmentOrigin.POLICY,
  };
}

/** "@alice" and "alice@" are both alice. */
export function ownerName(written: string): string {
  return written.trim().replace(/^@+|@+$/g, '');
}

/** Teams are named like teams ("payments-team", "SRE"); anything else is taken for a person. */
export function looksLikeTeam(name: string): boolean {
  return /(team|squad|group|crew|guild|ops|sre|platform|infra)\b/i.test(name) || /^[A-Z]{2,}$/.test(name);
}

const PRIORITY_BY_SEVERITY: Record<SeverityLevel, Priority> = { SEV1: Priority.P1, SEV2: Priority.P2, SEV3: Priority.P3, SEV4: Priority.P4 };

export function priorityFor(severity: SeverityLevel | null): Priority {
  return severity ? PRIORITY_BY_SEVERITY[severity] : Priority.P3;
}
