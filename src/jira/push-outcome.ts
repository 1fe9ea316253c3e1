import type { RemoteIssue } from './remote-issue';

/** What one run of a push job achieved. */
export type PushOutcome =
  | { kind: 'synced'; remote: RemoteIssue }
  /** The item was deleted while the job waited. */
  | { kind: 'gone' }
  | { kind: 'deferred'; until: Date; reason: string };

/** A failure that trying again will not fix: the item shows it until someone retries. */
export class PermanentSyncError extends Error {}
