import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { Env } from '../config/env';
import { OwnerEntity } from '../owners/owner.entity';
import type { JiraClient } from './jira-client';
import { browseUrl, createIssueBody, desiredIssue, editIssueBody, itemLabel, statusToPush, type DesiredIssue } from './jira-issue-mapper';
import { loadItemForJira, type LoadedItem } from './jira-item-loader';
import { JiraPullService, lockItem } from './jira-pull.service';
import { JiraRecurrenceCommenter } from './jira-recurrence-commenter';
import { JiraRequestError } from './jira-request-error';
import { foreignProjectProblem, preferredStatusNames, type JiraSettings } from './jira-settings';
import { JIRA_CLIENT, JIRA_SETTINGS } from './jira-settings.provider';
import { JiraSyncEntity } from './jira-sync.entity';
import { remoteFromIssue, type JiraIssue, type RemoteIssue } from './remote-issue';
import { chooseTransition } from './transition-choice';
import { JiraJobLedger, type Claim } from './jira-job-ledger';
import { PermanentSyncError, type PushOutcome } from './push-outcome';
import { mayHaveBeenApplied } from './write-outcome';

const UNKNOWN_EMAIL_MEMORY_MS = 60 * 60_000;

/**
 * Pushes one item to Jira: creates its issue (or finds the one a lost answer created), posts the comments it is
 * owed (recurrences of its root cause), sends what changed in one edit, moves its status by a transition, then
 * reads the issue back as the new base. Idempotent: a run with nothing to change makes no call at all.
 */
@Injectable()
export class JiraPushJob {
  private readonly log = new Logger('JiraPush');
  /** Emails Jira did not know, with when to ask again: items of such owners would otherwise search on every push. */
  private readonly unknownEmails = new Map<string, number>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly env: Env,
    @Inject(JIRA_SETTINGS) private readonly settings: JiraSettings,
    @Inject(JIRA_CLIENT) private readonly client: JiraClient,
    private readonly pull: JiraPullService,
    private readonly ledger: JiraJobLedger,
    private readonly commenter: JiraRecurrenceCommenter,
  ) {}

  async run(claim: Claim): Promise<void> {
    try {
      const outcome = await this.push(claim);
      await this.ledger.finish(claim, outcome);
    } catch (error) {
      if (!(error instanceof JiraRequestError) && !(error instanceof PermanentSyncError)) this.log.warn(`Sync of item ${claim.actionItemId} failed: ${String(error)}`);
      await this.ledger.fail(claim, error);
    }
  }

  private async push(claim: Claim): Promise<PushOutcome> {
    let sync = await this.dataSource.manager.findOneByOrFail(JiraSyncEntity, { actionItemId: claim.actionItemId });
    const loaded = await loadItemForJira(this.dataSource.manager, claim.actionItemId);
    if (!loaded) return { kind: 'gone' };
    if (sync.adoptKey) sync = await this.adopt(sync, sync.adoptKey);

    let remote = sync.remote;
    if (!sync.issueId) {
      const found = await this.findLostCreate(sync, loaded);
      if ('kind' in found) return found;
      remote = found.remote;
    }
    if (!remote) remote = await this.readBack(sync.issueId as string, null);
    // Before the edit: a comment that fails leaves the edit for the retry, not an edit whose new base was lost.
    await this.commenter.post(claim.actionItemId, remote.id);
    return { kind: 'synced', remote: await this.update(remote, await this.desired(loaded), { keepText: sync.keepIssueText }) };
  }

  /** Sends the item's changes to an existing issue; returns the issue as Jira then has it. */
  private async update(remote: RemoteIssue, desired: DesiredIssue, options: { keepText: boolean }): Promise<RemoteIssue> {
    const edit = editIssueBody(desired, remote, this.settings, options);
    const category = statusToPush(desired, remote, this.settings);
    if (!edit && !category) {
      const agree = desired.statusCategory === remote.statusCategory;
      return agree ? { ...remote, syncedItemStatus: desired.itemStatus } : remote;
    }
    if (edit) await this.client.editIssue(remote.id, edit);
    if (category) {
      const transition = chooseTransition(await this.client.transitions(remote.id), category, preferredStatusNames(this.settings.statusRules, desired.itemStatus));
      if (!transition) {
        throw new PermanentSyncError(`${remote.key} is "${remote.statusName}" and its workflow offers no transition into a "${category}" status from there; move it in Jira, or adjust the workflow.`);
      }
      await this.client.transition(remote.id, transition.id);
    }
    const fresh = await this.readBack(remote.id, { ...remote, descriptionHash: edit?.fields.description ? desired.descriptionHash : remote.descriptionHash });
    return { ...fresh, syncedItemStatus: fresh.statusCategory === desired.statusCategory ? desired.itemStatus : remote.syncedItemStatus };
  }

  /**
   * Jira has no idempotency key, so a create whose outcome is unknown (a timeout, a dropped connection, a 5xx)
   * may have made an issue. Before creating again, search for this item's own label, once the search index has
   * had time to catch up. A create Jira refused or that was never sent leaves nothing to search for.
   */
  private async findLostCreate(sync: JiraSyncEntity, loaded: LoadedItem): Promise<{ remote: RemoteIssue } | PushOutcome> {
    if (sync.createAttemptedAt) {
      const settleUntil = new Date(sync.createAttemptedAt.getTime() + this.env.JIRA_SEARCH_SETTLE_MS);
      if (settleUntil > this.clock.now()) return { kind: 'deferred', until: settleUntil, reason: 'waiting for Jira search to show a create whose answer was lost' };
      const page = await this.client.search(`labels = "${itemLabel(this.settings, sync.actionItemId)}" ORDER BY created ASC`);
      const earlier = page.issues[0];
      if (earlier) {
        this.log.log(`Found ${earlier.key}, created for item ${sync.actionItemId} by an attempt whose answer was lost`);
        await this.ledger.recordIssue(sync.actionItemId, earlier.id, earlier.key);
        return { remote: remoteFromIssue(earlier, null) };
      }
    }
    const desired = await this.desired(loaded);
    await this.ledger.recordCreateAttempt(sync.actionItemId);
    let created: { id: string; key: string };
    try {
      created = await this.client.createIssue(createIssueBody(desired, this.settings));
    } catch (error) {
      // Refused (4xx) or never sent: nothing to search for, so the next attempt creates as soon as it is due.
      if (!mayHaveBeenApplied(error)) await this.ledger.forgetCreateAttempt(sync.actionItemId);
      throw error;
    }
    await this.ledger.recordIssue(sync.actionItemId, created.id, created.key);
    const remote = await this.readBack(created.id, null);
    return { remote: { ...remote, descriptionHash: this.settings.pushFields.has('description') ? desired.descriptionHash : null } };
  }

  /** Links the item to an existing issue; the values that flow back from Jira are taken from it first. */
  private async adopt(sync: JiraSyncEntity, key: string): Promise<JiraSyncEntity> {
    let issue: JiraIssue;
    try {
      issue = await this.client.getIssue(key);
    } catch (error) {
      if (error instanceof JiraRequestError && error.status === 404) throw new PermanentSyncError(`Jira has no issue ${key} that the sync account can see.`);
      throw error;
    }
    // linkJiraIssue checked the key's project; the key may resolve to an issue since moved to another one.
    const foreign = issue.fields.project ? foreignProjectProblem(this.settings, issue.key, issue.fields.project.key) : `Jira did not say which project ${issue.key} is in.`;
    if (foreign) throw new PermanentSyncError(foreign);
    await this.dataSource.transaction(async (manager) => {
      await lockItem(manager, sync.actionItemId); // before its sync row, as every item change does
      const holder = await manager.findOneBy(JiraSyncEntity, { issueId: issue.id });
      if (holder && holder.actionItemId !== sync.actionItemId) {
        throw new PermanentSyncError(`${issue.key} is already linked to item ${holder.actionItemId}; an issue mirrors one item. Link that item to another issue first, or pick another issue.`);
      }
      await manager.update(
        JiraSyncEntity,
        { actionItemId: sync.actionItemId },
        { issueId: issue.id, issueKey: issue.key, issueUrl: browseUrl(this.settings, issue.key), adoptKey: null, remote: null, remoteUpdatedAt: null },
      );
      const linked = await manager.findOneOrFail(JiraSyncEntity, { where: { actionItemId: sync.actionItemId }, lock: { mode: 'pessimistic_write' } });
      await this.pull.applyToLinked(manager, linked, issue, null);
    });
    return this.dataSource.manager.findOneByOrFail(JiraSyncEntity, { actionItemId: sync.actionItemId });
  }

  private async readBack(issueId: string, previous: RemoteIssue | null): Promise<RemoteIssue> {
    return remoteFromIssue(await this.client.getIssue(issueId), previous);
  }

  private async desired(loaded: LoadedItem): Promise<DesiredIssue> {
    return desiredIssue({ ...loaded.item, assigneeAccountId: await this.accountFor(loaded.owner) }, this.settings);
  }

  /** The owner's Jira account, looked up once by email and kept on the owner. */
  private async accountFor(owner: LoadedItem['owner']): Promise<string | null> {
    if (!owner?.isPerson || !this.settings.pushFields.has('assignee')) return null;
    if (owner.jiraAccountId) return owner.jiraAccountId;
    if (!owner.email) return null;
    const email = owner.email.toLowerCase();
    if ((this.unknownEmails.get(email) ?? 0) > Date.now()) return null;
    const users = await this.client.findUsers(email);
    const match = users.find((user) => user.emailAddress?.toLowerCase() === email);
    if (!match) {
      if (this.unknownEmails.size > 10_000) this.unknownEmails.clear();
      this.unknownEmails.set(email, Date.now() + UNKNOWN_EMAIL_MEMORY_MS);
      return null;
    }
    await this.dataSource.manager.update(OwnerEntity, { id: owner.id }, { jiraAccountId: match.accountId });
    return match.accountId;
  }
}
