/** Keys equal values: code-first GraphQL names enum values after the keys. */
export enum JiraSyncState {
  /** A change waits to be pushed (or is being retried). */
  PENDING = 'PENDING',
  SYNCED = 'SYNCED',
  /** The last attempt failed for good; `error` says why and retryJiraSync tries again. */
  FAILED = 'FAILED',
  /** The issue was deleted in Jira; retryJiraSync creates a new one, linkJiraIssue adopts another. */
  DELETED = 'DELETED',
}
