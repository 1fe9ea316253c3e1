import type { EntityManager } from 'typeorm';

/**
 * Queues a Jira push for these items inside the caller's transaction, so a push exists if and only if the
 * change committed. Rows are written whether or not Jira is configured: turning sync on later picks them up.
 * A job already backing off keeps its schedule (a burst of edits must not hammer a Jira that is down); a
 * failed one starts over; a deleted issue stays deleted until someone retries or links another.
 */
export async function enqueueJiraSync(manager: EntityManager, actionItemIds: readonly string[], now: Date): Promise<void> {
  if (actionItemIds.length === 0) return;
  await manager.query(
    `INSERT INTO jira_sync (action_item_id, state, change_seq, attempts, next_attempt_at, updated_at)
     SELECT id, 'PENDING', 1, 0, $2, $2 FROM unnest($1::uuid[]) AS id
     ON CONFLICT (action_item_id) DO UPDATE SET
       change_seq = jira_sync.change_seq + 1,
       state = CASE WHEN jira_sync.state = 'DELETED' THEN 'DELETED' ELSE 'PENDING' END,
       attempts = CASE WHEN jira_sync.state = 'PENDING' THEN jira_sync.attempts ELSE 0 END,
       next_attempt_at = CASE WHEN jira_sync.state = 'PENDING' AND jira_sync.attempts > 0 THEN jira_sync.next_attempt_at ELSE $2 END,
       updated_at = $2`,
    [actionItemIds, now],
  );
}
