import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { BadInputError, ConflictError, NotFoundError } from '../common/domain-error';
import { lockItem } from './jira-pull.service';
import { foreignProjectProblem, withoutUserinfo, type JiraSettings } from './jira-settings';
import { JIRA_SETTINGS } from './jira-settings.provider';
import { JiraSyncState } from './jira-sync-state';
import { JiraSyncEntity } from './jira-sync.entity';
import type { JiraSyncStatusModel } from './jira-sync.model';

/** What people ask of the sync through the API. It only writes the outbox: the worker talks to Jira. */
@Injectable()
export class JiraSyncStateService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(JIRA_SETTINGS) private readonly settings: JiraSettings | null,
  ) {}

  get enabled(): boolean {
    return this.settings !== null;
  }

  /** Queues another attempt now. A deleted issue is forgotten, so the next push creates a new one. */
  async retry(actionItemId: string): Promise<void> {
    const sync = await this.find(actionItemId);
    // The new issue is the item's own: its text is written.
    const forget = sync.state === JiraSyncState.DELETED ? { issueId: null, issueKey: null, issueUrl: null, remote: null, remoteUpdatedAt: null, createAttemptedAt: null, keepIssueText: false } : {};
    await this.dataSource.manager.update(JiraSyncEntity, { actionItemId }, { ...forget, ...this.dueNow() });
  }

  /**
   * Adopts an existing issue instead of creating one; the worker reads it, checks its project again (an old key
   * resolves to an issue moved elsewhere) and links it. Only issues of the synced projects, and none another item
   * has or is adopting. Without `overwrite` the issue's summary, description, priority and labels are never
   * written; linking the same issue again with the other choice changes only that.
   */
  async link(actionItemId: string, issueKey: string, { overwrite = false }: { overwrite?: boolean } = {}): Promise<void> {
    const settings = this.configured();
    const key = issueKey.trim().toUpperCase();
    if (!/^[A-Z][A-Z0-9_]+-\d+$/.test(key)) throw new BadInputError(`"${issueKey}" is not a Jira issue key such as PM-42.`, { field: 'issueKey' });
    const foreign = foreignProjectProblem(settings, key, key.slice(0, key.lastIndexOf('-')));
    if (foreign) throw new BadInputError(foreign, { field: 'issueKey' });
    const keepIssueText = !overwrite;
    await this.dataSource.transaction(async (manager) => {
      // The item first, then its sync row: the order every item change takes them in.
      if (!(await lockItem(manager, actionItemId))) throw new NotFoundError('Action item', actionItemId);
      const sync = await manager.findOne(JiraSyncEntity, { where: { actionItemId }, lock: { mode: 'pessimistic_write' } });
      if (!sync) throw new NotFoundError('Action item', actionItemId);
      const [holder] = await manager.query<{ id: string; title: string }[]>(
        `SELECT s.action_item_id AS id, a.title FROM jira_sync s JOIN action_item a ON a.id = s.action_item_id
          WHERE s.action_item_id <> $1 AND ((upper(s.issue_key) = $2 AND s.state <> 'DELETED') OR s.adopt_key = $2)
          ORDER BY s.action_item_id LIMIT 1`,
        [actionItemId, key],
      );
      if (holder) {
        throw new ConflictError(
          `${key} is already linked to item ${holder.id} ("${holder.title}"); an issue mirrors one item. Link that item to another issue first, or pick another issue.`,
          { issueKey: key, actionItemId: holder.id },
        );
      }
      // The worker checks again by the issue's id (a key may have moved, two links may race): see JiraPushJob.adopt.
      const queued = { changeSeq: () => 'change_seq + 1', ...this.dueNow() };
      if (sync.issueKey === key && sync.state !== JiraSyncState.DELETED && !sync.adoptKey) {
        if (sync.keepIssueText !== keepIssueText) await manager.update(JiraSyncEntity, { actionItemId }, { keepIssueText, ...queued });
        return;
      }
      await manager.update(
        JiraSyncEntity,
        { actionItemId },
        { adoptKey: key, keepIssueText, issueId: null, issueKey: null, issueUrl: null, remote: null, remoteUpdatedAt: null, createAttemptedAt: null, warning: null, ...queued },
      );
    });
  }

  async status(): Promise<JiraSyncStatusModel> {
    const [counts] = await this.dataSource.query<{ pending: number; synced: number; failed: number; deleted: number; warnings: number }[]>(
      `SELECT count(*) FILTER (WHERE state = 'PENDING')::int AS pending, count(*) FILTER (WHERE state = 'SYNCED')::int AS synced,
              count(*) FILTER (WHERE state = 'FAILED')::int AS failed, count(*) FILTER (WHERE state = 'DELETED')::int AS deleted,
              count(*) FILTER (WHERE warning IS NOT NULL)::int AS warnings
         FROM jira_sync`,
    );
    const [cursor] = await this.dataSource.query<{ last_run_at: Date | null; last_outcome: string | null }[]>(
      `SELECT last_run_at, last_outcome FROM jira_reconcile_cursor WHERE name = 'issues'`,
    );
    return {
      enabled: this.enabled,
      baseUrl: this.settings ? withoutUserinfo(this.settings.baseUrl) : null,
      ...counts,
      lastReconciledAt: cursor?.last_run_at ?? null,
      lastReconcileOutcome: cursor?.last_outcome ?? null,
    };
  }

  private configured(): JiraSettings {
    if (!this.settings) throw new BadInputError('Jira sync is not configured on this server: set JIRA_BASE_URL, JIRA_PROJECT_KEY and credentials (see the README).');
    return this.settings;
  }

  private async find(actionItemId: string): Promise<JiraSyncEntity> {
    this.configured();
    const sync = await this.dataSource.manager.findOneBy(JiraSyncEntity, { actionItemId });
    if (!sync) throw new NotFoundError('Action item', actionItemId);
    return sync;
  }

  private dueNow() {
    return { state: JiraSyncState.PENDING, attempts: 0, nextAttemptAt: this.clock.now(), error: null, lockedBy: null, lockedUntil: null, updatedAt: this.clock.now() };
  }
}
