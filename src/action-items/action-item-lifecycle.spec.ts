import { ErrorCode } from '../common/domain-error';
import { ActionItemStatus } from './action-item-enums';
import { ALLOWED_TRANSITIONS, applyTransition, type LifecycleState } from './action-item-lifecycle';

const at = new Date('2024-07-01T09:00:00Z');
const open: LifecycleState = { status: ActionItemStatus.OPEN, completedAt: null, evidenceUrl: null, wontDoReason: null };
const done: LifecycleState = { status: ActionItemStatus.DONE, completedAt: new Date('2024-06-20T10:00:00Z'), evidenceUrl: 'https://example.com/pr/1', wontDoReason: null };

describe('applyTransition', () => {
  it('stamps completedAt and keeps the evidence when an item is done', () => {
    expect(applyTransition(open, { to: ActionItemStatus.DONE, evidenceUrl: 'https://example.com/pr/7', at })).toEqual({
      status: ActionItemStatus.DONE,
      completedAt: at,
      evidenceUrl: 'https://example.com/pr/7',
      wontDoReason: null,
    });
  });

  it('requires a reason for WONT_DO and records it trimmed', () => {
    expect(() => applyTransition(open, { to: ActionItemStatus.WONT_DO, reason: '   ', at })).toThrow(
      expect.objectContaining({ code: ErrorCode.BadUserInput, details: { field: 'reason' } }),
    );
    expect(applyTransition(open, { to: ActionItemStatus.WONT_DO, reason: ' superseded by the new gateway ', at })).toEqual({
      ...open,
      status: ActionItemStatus.WONT_DO,
      wontDoReason: 'superseded by the new gateway',
    });
  });

  it('reopens a done item and clears its completion', () => {
    expect(applyTransition(done, { to: ActionItemStatus.OPEN, at })).toEqual(open);
  });

  it('refuses moves the state machine does not allow, naming the allowed ones', () => {
    expect(() => applyTransition(done, { to: ActionItemStatus.BLOCKED, at })).toThrow(
      expect.objectContaining({ code: ErrorCode.Conflict, message: 'An item that is DONE cannot move to BLOCKED; it can move to: OPEN.' }),
    );
  });

  it('treats a move to the current status as a no-op, so retries are harmless', () => {
    expect(applyTransition(done, { to: ActionItemStatus.DONE, at })).toBe(done);
  });

  it('accepts evidence only with DONE', () => {
    expect(() => applyTransition(open, { to: ActionItemStatus.IN_PROGRESS, evidenceUrl: 'https://example.com', at })).toThrow(
      expect.objectContaining({ code: ErrorCode.BadUserInput, details: { field: 'evidenceUrl' } }),
    );
  });

  it('lets every status reach DONE or be reopened, directly or in one step', () => {
    for (const status of Object.values(ActionItemStatus)) {
      const reachable = new Set([status, ...ALLOWED_TRANSITIONS[status], ...ALLOWED_TRANSITIONS[status].flatMap((s) => ALLOWED_TRANSITIONS[s])]);
      expect([status, reachable.has(ActionItemStatus.DONE), reachable.has(ActionItemStatus.OPEN)]).toEqual([status, true, true]);
    }
  });
});
