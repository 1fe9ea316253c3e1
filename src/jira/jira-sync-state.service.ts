import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { BadInputError, NotFoundError } from '../common/domain-error';
import { withoutUserinfo, type JiraSettings } from './jira-settings';
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
    const forget = sync.state === JiraSyncState.DELETED ? { issueId: null, issueKey: null, issueUrl: null, remote: null, remoteUpdatedAt: null, createAttemptedAt: null } : {};
    await this.dataSource.manager.update(JiraSyncEntity, { actionItemId }, { ...forget, ...this.dueNow() });
  }

  /** Adopts an existing issue instead of creating one; the worker checks it exists and links it. */
  async link(actionItemId: string, issueKey: string): Promise<void> {
    const key = issueKey.trim().toUpperCase();
    if (!/^[A-Z][A-Z0-9_]+-\d+$/.test(key)) throw new BadInputError(`"${issueKey}" is not a Jira issue key such as PM-42.`, { field: 'issueKey' });
    const sync = await this.find(actionItemId);
    if (sync.issueKey === key && sync.state !== JiraSyncState.DELETED) return;
    await this.dataSource.manager.update(
      JiraSyncEntity,
      { actionItemId },
      { adoptKey: key, issueId: null, issueKey: null, issueUrl: null, remote: null, remoteUpdatedAt: null, createAttemptedAt: null, warning: null, ...this.dueNow() },
    );
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

  private async find(actionItemId: string): Promise<JiraSyncEntity> {
    if (!this.settings) throw new BadInputError('Jira sync is not configured on this server: set JIRA_BASE_URL, JIRA_PROJECT_KEY and credentials (see the README).');
    const sync = await this.dataSource.manager.findOneBy(JiraSyncEntity, { actionItemId });
    if (!sync) throw new NotFoundError('Action item', actionItemId);
    return sync;
  }

  private dueNow() {
    return { state: JiraSyncState.PENDING, attempts: 0, nextAttemptAt: this.clock.now(), error: null, lockedBy: null, lockedUntil: null, updatedAt: this.clock.now() };
  }
}
