import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Which reads may go to a read replica. Nothing does unless it runs inside `readFromReplicas`: a caller that
 * accepts data as old as the replica's lag opts in for everything it starts (the list and dashboard queries,
 * see src/graphql/replica-reads.ts). Even then only reads outside a transaction go there; see RoutedDataSource.
 */
const scope = new AsyncLocalStorage<ReplicaScope>();

/** One opted-in unit of work: the replica its reads went to, so they all see the same point of the replica's lag. */
export interface ReplicaScope {
  pinned?: number;
  /** Set once a read of the scope had to go to the primary: the rest follow it there. */
  onPrimary?: boolean;
}

/** Runs `work` (and everything it starts) with permission to read from a replica. */
export function readFromReplicas<T>(work: () => T): T {
  return scope.run({}, work);
}

/** The current unit of work's scope when it may read from a replica; undefined when it must read the primary. */
export function replicaScope(): ReplicaScope | undefined {
  return scope.getStore();
}

// Anything that could write, lock or take a sequence value stays on the primary; a false positive only costs
// a read on the primary, and a replica session is read-only anyway, so a miss fails instead of writing there.
const NOT_A_PLAIN_READ = /\b(insert|update|delete|merge|truncate|copy|call|do|lock|share|notify|listen|nextval|setval|pg_advisory\w*|set_config)\b/i;

/** Whether raw SQL is a plain read that a replica can answer: a SELECT (or WITH … SELECT) that writes and locks nothing. */
export function isPlainRead(sql: string): boolean {
  return /^\s*(select|with)\b/i.test(sql) && !NOT_A_PLAIN_READ.test(sql);
}
