import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { diffFields } from '../action-items/action-item-changes';
import { ActionItemStatus, AssignmentOrigin } from '../action-items/action-item-enums';
import { ALLOWED_TRANSITIONS, applyTransition } from '../action-items/action-item-lifecycle';
import { saveItemChanges } from '../action-items/action-item-writer';
import { ActionItemEntity } from '../action-items/action-item.entity';
import { Clock } from '../common/clock';
import { OwnerKind } from '../owners/owner-kind';
import { OwnerEntity } from '../owners/owner.entity';
import { browseUrl } from './jira-issue-mapper';
import { decidePull, type PullDecision } from './jira-pull-decision';
import type { JiraSettings } from './jira-settings';
import { JIRA_SETTINGS } from './jira-settings.provider';
import { JiraSyncState } from './jira-sync-state';
import { JiraSyncEntity } from './jira-sync.entity';
import { jiraTime, remoteFromIssue, type JiraIssue, type JiraUser } from './remote-issue';

export type PullOutcome = 'applied' | 'unchanged' | 'stale' | 'unlinked' | 'deleted';

/** Brings what changed in Jira onto the items: for webhooks, the reconcile search and adopted issues. */
@Injectable()
export class JiraPullService {
  constructor(
    @Inject(JIRA_SETTINGS) private readonly settings: JiraSettings,
    private readonly clock: Clock,
  ) {}

  /** Applies an issue's state to the item linked to it, inside the caller's transaction. */
  async applyIssue(manager: EntityManager, issue: JiraIssue, changedBy: JiraUser | null): Promise<PullOutcome> {
    const found = await manager.findOneBy(JiraSyncEntity, { issueId: issue.id });
    if (!found || found.state === JiraSyncState.DELETED) return 'unlinked';
    // Item first, then its sync row: the order every item change takes them in (it locks the item, then writes
    // the outbox row). The other order deadlocked a webhook against a concurrent update of the same item.
    await lockItem(manager, found.actionItemId);
    const sync = await manager.findOne(JiraSyncEntity, { where: { actionItemId: found.actionItemId }, lock: { mode: 'pessimistic_write' } });
    if (!sync || sync.issueId !== issue.id || sync.state === JiraSyncState.DELETED) return 'unlinked';
    return this.applyToLinked(manager, sync, issue, changedBy);
  }

  /** Callers hold the item's lock (taken before its sync row's) or take it here. */
  async applyToLinked(manager: EntityManager, sync: JiraSyncEntity, issue: JiraIssue, changedBy: JiraUser | null): Promise<PullOutcome> {
    const item = await lockItem(manager, sync.actionItemId);
    if (!item) return 'unlinked';
    const decision = decidePull(
      { item, base: sync.remote, incoming: remoteFromIssue(issue, sync.remote), incomingAssignee: issue.fields.assignee ?? null, changedBy: changedBy?.displayName ?? null },
      this.settings,
    );
    if (decision.stale) return 'stale';
    const changed = await this.changeItem(manager, item, decision, changedBy);
    await manager.update(
      JiraSyncEntity,
      { actionItemId: sync.actionItemId },
      { remote: decision.remote, remoteUpdatedAt: jiraTime(decision.remote.updated), issueKey: issue.key, issueUrl: browseUrl(this.settings, issue.key), warning: decision.warning },
    );
    return changed ? 'applied' : 'unchanged';
  }

  /** Marks the item's issue as deleted in Jira; the item itself is kept as it is. */
  async markDeleted(manager: EntityManager, issue: JiraIssue): Promise<PullOutcome> {
    const sync = await manager.findOne(JiraSyncEntity, { where: { issueId: issue.id }, lock: { mode: 'pessimistic_write' } });
    if (!sync) return 'unlinked';
    const error = `${issue.key} was deleted in Jira. retryJiraSync creates a new issue; linkJiraIssue adopts another.`;
    await manager.update(JiraSyncEntity, { actionItemId: sync.actionItemId }, { state: JiraSyncState.DELETED, error, updatedAt: this.clock.now() });
    return 'deleted';
  }

  private async changeItem(manager: EntityManager, item: ActionItemEntity, decision: PullDecision, changedBy: JiraUser | null): Promise<boolean> {
    const actor = `jira:${changedBy?.displayName ?? changedBy?.accountId ?? 'unknown'}`;
    const now = this.clock.now();
    let changed = false;
    if (decision.status) {
      for (const step of statusSteps(item.status, decision.status.to)) {
        const evidenceUrl = step === ActionItemStatus.DONE ? decision.status.evidenceUrl : null;
        const next = applyTransition(item, { to: step, reason: decision.status.reason, evidenceUrl, at: now });
        await saveItemChanges(manager, item, next, diffFields(item, { ...next }), actor, now, decision.status.reason);
      }
      changed = true;
    }
    const patch: Partial<ActionItemEntity> = {};
    if (decision.dueOn !== undefined) Object.assign(patch, { dueOn: decision.dueOn, dueOrigin: decision.dueOn ? AssignmentOrigin.MANUAL : null });
    if (decision.assignee !== undefined) {
      const ownerId = decision.assignee ? await this.ownerFor(manager, decision.assignee) : null;
      Object.assign(patch, { ownerId, ownerOrigin: ownerId ? AssignmentOrigin.MANUAL : null });
    }
    const changes = diffFields(item, { dueOn: patch.dueOn, ownerId: patch.ownerId });
    if (changes.length > 0) {
      await saveItemChanges(manager, item, patch, changes, actor, now, 'Changed in Jira.');
      changed = true;
    }
    return changed;
  }

  /** The owner for a Jira user: by account, else by email, else by name; a person Jira knows and we do not is added. */
  private async ownerFor(manager: EntityManager, user: JiraUser): Promise<string> {
    const byAccount = await manager.findOneBy(OwnerEntity, { jiraAccountId: user.accountId });
    if (byAccount) return byAccount.id;
    const name = user.displayName?.trim() || user.accountId;
    const known: OwnerEntity[] = await manager.query(
      `SELECT id FROM owner WHERE jira_account_id IS NULL AND kind = 'PERSON' AND (lower(email) = lower($1::text) OR lower(name) = lower($2::text))
        ORDER BY lower(email) = lower($1::text) DESC NULLS LAST LIMIT 1`,
      [user.emailAddress ?? null, name],
    );
    if (known[0]) {
      await manager.update(OwnerEntity, { id: known[0].id }, { jiraAccountId: user.accountId });
      return known[0].id;
    }
    const taken = await manager.existsBy(OwnerEntity, { name });
    const owner = manager.create(OwnerEntity, {
      kind: OwnerKind.PERSON,
      name: taken ? `${name} (${user.accountId})` : name,
      email: user.emailAddress ?? null,
      jiraAccountId: user.accountId,
    });
    return (await manager.save(owner)).id;
  }
}

/** The statuses an item passes through to reach `to`: a closed item is reopened first, as a person would. */
function statusSteps(from: ActionItemStatus, to: ActionItemStatus): ActionItemStatus[] {
  if (from === to) return [];
  if (ALLOWED_TRANSITIONS[from].includes(to)) return [to];
  return [ActionItemStatus.OPEN, to];
}

export function lockItem(manager: EntityManager, id: string): Promise<ActionItemEntity | null> {
  return manager.findOne(ActionItemEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
}
