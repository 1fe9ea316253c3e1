import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import type { JiraClient } from './jira-client';
import type { JiraSettings } from './jira-settings';
import { JIRA_CLIENT, JIRA_SETTINGS } from './jira-settings.provider';
import { isRecurrenceComment, recurrenceComment, recurrenceMarker, type Recurrence } from './recurrence-comment';
import { mayHaveBeenApplied } from './write-outcome';

interface OwedRow {
  incident_id: string;
  incident_title: string;
  started_at: Date;
  failure_mode: string | null;
  service_name: string | null;
  attempted_at: Date | null;
  /** Still a recurrence while the item is open (the item may have closed, the link been rejected, since). */
  owed: boolean;
}

/**
 * Posts the comments an item's issue is owed, one per recurrence of its root cause while it is open (rows of
 * jira_recurrence_comment, written when the recurrence was linked). Each at most once: a comment whose outcome
 * is unknown is looked for on the issue (by its link) before it is sent again.
 */
@Injectable()
export class JiraRecurrenceCommenter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(JIRA_SETTINGS) private readonly settings: JiraSettings,
    @Inject(JIRA_CLIENT) private readonly client: JiraClient,
  ) {}

  async post(actionItemId: string, issueId: string): Promise<void> {
    const rows: OwedRow[] = await this.dataSource.query(
      `SELECT c.incident_id, i.title AS incident_title, i.started_at, i.failure_mode, s.name AS service_name, c.attempted_at,
              EXISTS (SELECT 1 FROM jira_recurrence_while_open r WHERE r.action_item_id = c.action_item_id AND r.incident_id = c.incident_id) AS owed
         FROM jira_recurrence_comment c JOIN incident i ON i.id = c.incident_id LEFT JOIN service s ON s.id = i.service_id
        WHERE c.action_item_id = $1 AND c.posted_at IS NULL
        ORDER BY i.started_at, c.incident_id`,
      [actionItemId],
    );
    // No longer true and never sent: forgotten (should it become true again, the next link owes it again).
    const lapsed = rows.filter((row) => !row.owed && !row.attempted_at).map((row) => row.incident_id);
    if (lapsed.length > 0) {
      await this.dataSource.query(`DELETE FROM jira_recurrence_comment WHERE action_item_id = $1 AND incident_id = ANY($2::uuid[]) AND posted_at IS NULL`, [actionItemId, lapsed]);
    }
    for (const row of rows.filter((candidate) => candidate.owed)) {
      const recurrence: Recurrence = {
        incidentId: row.incident_id,
        incidentTitle: row.incident_title,
        startedAt: row.started_at,
        rootCause: row.failure_mode ? { failureMode: row.failure_mode, serviceName: row.service_name } : null,
      };
      const found = row.attempted_at ? await this.find(issueId, recurrenceMarker(this.settings, actionItemId, row.incident_id)) : null;
      if (found) {
        await this.markPosted(actionItemId, row.incident_id, found);
        continue;
      }
      await this.update(actionItemId, row.incident_id, `attempted_at = $3`, [this.clock.now()]);
      let comment: { id: string };
      try {
        comment = await this.client.addComment(issueId, recurrenceComment(actionItemId, recurrence, this.settings));
      } catch (error) {
        // Refused, or never sent: the next attempt posts without looking for it first.
        if (!mayHaveBeenApplied(error)) await this.update(actionItemId, row.incident_id, `attempted_at = NULL`, []);
        throw error;
      }
      await this.markPosted(actionItemId, row.incident_id, comment.id);
    }
  }

  /** The id of the comment on the issue that links to `marker`, newest first, page by page. */
  private async find(issueId: string, marker: string): Promise<string | null> {
    for (let startAt = 0; ; ) {
      const page = await this.client.comments(issueId, startAt);
      const hit = page.comments.find((comment) => isRecurrenceComment(comment.body, marker));
      if (hit) return hit.id;
      startAt += page.comments.length;
      if (page.comments.length === 0 || startAt >= page.total) return null;
    }
  }

  private markPosted(actionItemId: string, incidentId: string, commentId: string): Promise<void> {
    return this.update(actionItemId, incidentId, `posted_at = $3, comment_id = $4`, [this.clock.now(), commentId]);
  }

  /** Written at once, whoever holds the lease: forgetting a comment that was sent is how it gets posted twice. */
  private async update(actionItemId: string, incidentId: string, assignments: string, parameters: unknown[]): Promise<void> {
    await this.dataSource.query(`UPDATE jira_recurrence_comment SET ${assignments} WHERE action_item_id = $1 AND incident_id = $2`, [actionItemId, incidentId, ...parameters]);
  }
}
