import { DataSource, type DataSourceOptions, type QueryRunner, type ReplicationMode } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { isPlainRead, replicaScope } from './read-routing';
import type { ReplicaPools } from './replica-pools';

type QueryParameters = Parameters<DataSource['query']>[1];
type RunQuery = (sql: string, parameters?: QueryParameters, structured?: boolean) => Promise<unknown>;

/**
 * A DataSource that reads from a replica only where the caller opted in (`readFromReplicas`), and there only
 * outside transactions. TypeORM's own default sends every find() outside a transaction to a replica: a
 * mutation re-reading what it has just written, or the auth check reading a token made a moment ago, would
 * then depend on the replica having replayed it. Here the primary is the default and replicas the exception.
 *
 * Used only when replicas are configured; a single database gets a plain DataSource.
 */
export class RoutedDataSource extends DataSource {
  constructor(
    options: DataSourceOptions,
    private readonly replicas: ReplicaPools,
  ) {
    super(options);
    const driver = this.driver as PostgresDriver;
    // TypeORM's own replica pools connect at start (a replica that is down would stop the service from
    // starting) and are picked at random with no notion of one being down; ours fall back to the primary.
    driver.obtainSlaveConnection = async () => (await replicas.connect(replicaScope())) ?? driver.obtainMasterConnection();
  }

  /** Where a SelectQueryBuilder outside a transaction reads: find(), findOne(), count(), the DataLoaders. */
  override defaultReplicationModeForReads(): ReplicationMode {
    return replicaScope() ? 'slave' : 'master';
  }

  /** Raw SQL reads in an opted-in scope go to a replica when they are plain reads; everything else to the primary. */
  override query<T = unknown>(sql: string, parameters?: QueryParameters, queryRunner?: QueryRunner): Promise<T> {
    if (queryRunner || !replicaScope() || !isPlainRead(sql)) return super.query<T>(sql, parameters, queryRunner);
    return this.queryReplica<T>(sql, parameters);
  }

  private async queryReplica<T>(sql: string, parameters: QueryParameters): Promise<T> {
    const runner = this.createQueryRunner('slave');
    try {
      return (await runner.query(sql, parameters)) as T;
    } finally {
      await runner.release();
    }
  }

  override createQueryRunner(mode: ReplicationMode = 'master'): QueryRunner {
    const runner = super.createQueryRunner(mode);
    if (mode === 'slave') this.retryOnPrimary(runner, this.replicas);
    return runner;
  }

  /**
   * A read that fails because its replica went away (or the replica's replay cancelled it) runs again on the
   * primary, and so does whatever else this runner is asked afterwards (a count after its page): losing a
   * replica costs latency, not errors. Only outside a transaction: a read is safe to repeat, a transaction's
   * statement is not on its own.
   */
  private retryOnPrimary(runner: QueryRunner, replicas: ReplicaPools): void {
    const onReplica = runner.query.bind(runner) as RunQuery;
    const release = runner.release.bind(runner);
    let primary: QueryRunner | null = null;
    const onPrimary: RunQuery = (sql, parameters, structured) => {
      primary ??= super.createQueryRunner('master');
      return (primary.query.bind(primary) as RunQuery)(sql, parameters, structured);
    };
    const routed: RunQuery = async (sql, parameters, structured) => {
      if (primary) return onPrimary(sql, parameters, structured);
      try {
        return await onReplica(sql, parameters, structured);
      } catch (error) {
        const connection: unknown = await runner.connect().catch(() => null);
        if (runner.isTransactionActive || !replicas.shouldRetryOnPrimary(connection, error)) throw error;
        return onPrimary(sql, parameters, structured);
      }
    };
    runner.query = routed as QueryRunner['query'];
    runner.release = async () => {
      await release();
      await primary?.release();
    };
  }
}
