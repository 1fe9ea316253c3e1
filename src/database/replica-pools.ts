import { Pool, type PoolClient, type PoolConfig } from 'pg';
import type { Logger as PinoLogger } from 'pino';
import { ErrorCode } from '../common/domain-error';
import { fromDatabaseError } from '../common/database-errors';
import type { ReplicaScope } from './read-routing';

/** A connection and how to give it back (with an error, to have the pool drop it): what TypeORM's driver expects. */
export type LeasedConnection = [PoolClient, (error?: Error) => void];

interface Replica {
  label: string;
  pool: Pool;
  /** Reads keep off it until then; 0 while it answers. */
  downUntil: number;
  /** One read is trying it again; the others keep going to the primary until it knows. */
  probing: boolean;
}

/** Every connection to a replica is read-only: a write routed here by mistake fails instead of landing there. */
const READ_ONLY_SESSION = '-c default_transaction_read_only=on';

/**
 * The read replicas, each behind a pool of its own, created lazily: an unreachable replica never stops the
 * service from starting. A replica that fails (cannot be reached, drops a connection) is left alone for
 * `retryMs`, then one read tries it again; meanwhile `connect` answers null and the caller reads the primary.
 */
export class ReplicaPools {
  private readonly replicas: Replica[];
  private readonly leased = new WeakMap<PoolClient, Replica>();
  private next = 0;

  constructor(
    replicas: readonly { url: string; label: string }[],
    config: PoolConfig,
    private readonly retryMs: number,
    private readonly log: PinoLogger,
  ) {
    this.replicas = replicas.map(({ url, label }) => {
      const replica: Replica = { label, pool: new Pool({ options: READ_ONLY_SESSION, ...config, connectionString: url }), downUntil: 0, probing: false };
      // An idle connection that dies says the replica went away before any read finds out the slow way.
      replica.pool.on('error', (error) => this.markDown(replica, error));
      return replica;
    });
  }

  get labels(): string[] {
    return this.replicas.map((replica) => replica.label);
  }

  /**
   * A connection to a replica that answers, or null when none does. The reads of one scope stay on the
   * replica they started on while it answers, then on the primary; new scopes take the replicas in turn.
   */
  async connect(scope: ReplicaScope | undefined): Promise<LeasedConnection | null> {
    // A scope never moves to another replica (it may lag further behind) or back from the primary: its reads
    // only go forward in time, which the response cache relies on (an answer no older than its data version).
    if (scope?.onPrimary) return null;
    const count = this.replicas.length;
    const pinned = scope?.pinned !== undefined;
    const first = scope?.pinned ?? this.next++ % count;
    for (let offset = 0; offset < (pinned ? 1 : count); offset++) {
      const index = (first + offset) % count;
      const replica = this.replicas[index];
      const now = Date.now();
      if (replica.downUntil > now || replica.probing) continue;
      const probe = replica.downUntil > 0;
      replica.probing = probe;
      try {
        const client = await replica.pool.connect();
        if (probe) {
          replica.downUntil = 0;
          this.log.info({ replica: replica.label }, 'Read replica answers again; list and dashboard reads go to it');
        }
        this.leased.set(client, replica);
        if (scope) scope.pinned = index;
        return [client, (error?: Error) => client.release(error)];
      } catch (error) {
        this.markDown(replica, error);
      } finally {
        if (probe) replica.probing = false;
      }
    }
    if (scope) {
      scope.pinned = undefined;
      scope.onPrimary = true;
    }
    return null;
  }

  /**
   * Whether a read that failed on `connection` should be run again on the primary: it was a replica's, and
   * it failed for want of the replica (unreachable, too slow, gone) rather than for its own sake, or was
   * cancelled by the replica's replay (a recovery conflict, SQLSTATE 40001). Reads are safe to repeat.
   */
  shouldRetryOnPrimary(connection: unknown, error: unknown): boolean {
    const replica = this.leased.get(connection as PoolClient);
    if (!replica) return false;
    const code = (error as { code?: unknown } | null)?.code;
    if (code === '40001') return true;
    if (fromDatabaseError(error)?.code !== ErrorCode.ServiceUnavailable) return false;
    this.markDown(replica, error);
    return true;
  }

  async end(): Promise<void> {
    await Promise.all(this.replicas.map((replica) => replica.pool.end()));
  }

  private markDown(replica: Replica, error: unknown): void {
    const wasUp = replica.downUntil === 0;
    replica.downUntil = Date.now() + this.retryMs;
    if (wasUp) {
      const reason = error instanceof Error ? error.message : String(error);
      this.log.warn({ replica: replica.label, reason }, `Read replica failed; its reads go to the primary, and it is tried again in ${Math.round(this.retryMs / 1000)} s`);
    }
  }
}
