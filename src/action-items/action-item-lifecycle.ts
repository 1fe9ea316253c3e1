import { BadInputError, ConflictError } from '../common/domain-error';
import { ActionItemStatus } from './action-item-enums';

const { OPEN, IN_PROGRESS, BLOCKED, DONE, WONT_DO } = ActionItemStatus;

/** Which statuses each status may move to. DONE and WONT_DO can only be reopened. */
export const ALLOWED_TRANSITIONS: Readonly<Record<ActionItemStatus, readonly ActionItemStatus[]>> = {
  [OPEN]: [IN_PROGRESS, BLOCKED, DONE, WONT_DO],
  [IN_PROGRESS]: [OPEN, BLOCKED, DONE, WONT_DO],
  [BLOCKED]: [OPEN, IN_PROGRESS, DONE, WONT_DO],
  [DONE]: [OPEN],
  [WONT_DO]: [OPEN],
};

export interface LifecycleState {
  status: ActionItemStatus;
  completedAt: Date | null;
  evidenceUrl: string | null;
  wontDoReason: string | null;
}

export interface TransitionRequest {
  to: ActionItemStatus;
  reason?: string | null;
  evidenceUrl?: string | null;
  at: Date;
}

/**
 * The state an item moves to, or a DomainError saying why it cannot.
 * Moving to the status it already has changes nothing, so a retried request is harmless.
 */
export function applyTransition(current: LifecycleState, request: TransitionRequest): LifecycleState {
  const reason = request.reason?.trim() || null;
  if (request.evidenceUrl && request.to !== DONE) {
    throw new BadInputError('evidenceUrl can only be given when moving an item to DONE.', { field: 'evidenceUrl' });
  }
  if (request.to === current.status) return current;
  if (!ALLOWED_TRANSITIONS[current.status].includes(request.to)) {
    const allowed = ALLOWED_TRANSITIONS[current.status].join(', ');
    throw new ConflictError(`An item that is ${current.status} cannot move to ${request.to}; it can move to: ${allowed}.`, {
      from: current.status,
      to: request.to,
    });
  }
  switch (request.to) {
    case DONE:
      return { status: DONE, completedAt: request.at, evidenceUrl: request.evidenceUrl ?? current.evidenceUrl, wontDoReason: null };
    case WONT_DO:
      if (!reason) throw new BadInputError('A reason is required to mark an item WONT_DO: say why it will not be done.', { field: 'reason' });
      return { status: WONT_DO, completedAt: null, evidenceUrl: current.evidenceUrl, wontDoReason: reason };
    case OPEN:
      // Reopening clears the outcome of the last close; the history keeps it.
      return { status: OPEN, completedAt: null, evidenceUrl: null, wontDoReason: null };
    default:
      return { ...current, status: request.to };
  }
}
