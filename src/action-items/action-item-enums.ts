// Keys equal values: code-first GraphQL names enum values after the keys.
export enum ActionItemKind {
  CORRECTIVE = 'CORRECTIVE',
  PREVENTIVE = 'PREVENTIVE',
  DETECTIVE = 'DETECTIVE',
  MITIGATIVE = 'MITIGATIVE',
  PROCESS = 'PROCESS',
}

export enum ActionItemStatus {
  OPEN = 'OPEN',
  IN_PROGRESS = 'IN_PROGRESS',
  BLOCKED = 'BLOCKED',
  DONE = 'DONE',
  WONT_DO = 'WONT_DO',
}

/** P1 is the most urgent; maps onto Jira's Highest..Low. */
export enum Priority {
  P1 = 'P1',
  P2 = 'P2',
  P3 = 'P3',
  P4 = 'P4',
}

/** Where an item's owner or due date came from: the postmortem's text, the ownership map, the due-date policy, or a person. */
export enum AssignmentOrigin {
  TEXT = 'TEXT',
  OWNERSHIP_MAP = 'OWNERSHIP_MAP',
  POLICY = 'POLICY',
  MANUAL = 'MANUAL',
}

/** Statuses in which an item still has to be done, and so can be overdue. */
export const ACTIVE_STATUSES: readonly ActionItemStatus[] = [ActionItemStatus.OPEN, ActionItemStatus.IN_PROGRESS, ActionItemStatus.BLOCKED];
