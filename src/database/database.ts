import { types, type PoolConfig } from 'pg';
import type { Logger as PinoLogger } from 'pino';
import { DataSource, MigrationExecutor, type Migration } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions.js';
import type { Env } from '../config/env';
import { AbandoningClient } from './abandoning-client';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migration-list';
import { QueryLogger } from './query-logger';
import { ReplicaPools } from './replica-pools';
import { RoutedDataSource } from './routed-data-source';

// Calendar dates stay 'YYYY-MM-DD' strings; pg would otherwise turn them into local-midnight Dates.
types.setTypeParser(types.builtins.DATE, (value: string) => value);

export type DatabaseKind = 'postgres' | 'pglite';

export interface Database {
  dataSource: DataSource;
  kind: DatabaseKind;
  /** Where the data lives, with any password hidden: for logs. */
  location: string;
  /** The read replicas (DATABASE_REPLICA_URLS), passwords hidden; empty without. */
  replicas: string[];
  queries: QueryLogger;
  close(): Promise<void>;
}

/**
 * Whether openDatabase may use the embedded database of another running process that holds DATA_DIR, through
 * its socket: CLI commands do (beside a running server); the server and the worker call
 * refuseSharedEmbeddedDatabase() first, so a second one on the same folder refuses to start instead of
 * silently depending on the first (and staying down once it restarts).
 */
let shareRunningEmbedded = true;

export function refuseSharedEmbeddedDatabase(): void {
  shareRunningEmbedded = false;
}

export async function openDatabase(env: Env, log: PinoLogger, options: { runMigrations?: boolean; shareRunning?: boolean } = {}): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  if (!env.DATABASE_URL) {
    const shareRunning = options.shareRunning ?? shareRunningEmbedded;
    embedded = await startEmbeddedPostgres({ dataDir: env.DATA_DIR, port: env.PGLITE_PORT, maxConnections: env.DB_POOL_SIZE, shareRunning });
  }
  const url = env.DATABASE_URL ?? embedded!.url;
  const queries = new QueryLogger(log.child({ context: 'Database' }));
  // Bounded waits turn "database is gone" or "nothing answers" into a prompt, clear error instead of a hang.
  const pool: PoolConfig = {
    // PGlite is one session: its socket server interleaves the extended-protocol messages of concurrent
    // connections (electric-sql/pglite#1046), so the embedded database gets one connection, used in turn.
    max: embedded ? 1 : env.DB_POOL_SIZE,
    connectionTimeoutMillis: env.DB_CONNECT_TIMEOUT_MS,
    ...(env.DB_QUERY_TIMEOUT_MS > 0 ? { query_timeout: env.DB_QUERY_TIMEOUT_MS, Client: AbandoningClient } : {}),
  };
  const dataSourceOptions: PostgresDataSourceOptions = {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migration',
    // gen_random_uuid() is built into PostgreSQL 13+ and PGlite, so no extension is needed on either.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    synchronize: false,
    logger: queries,
    maxQueryExecutionTime: 1000,
    applicationName: 'followthrough',
    extra: pool,
  };
  const replicas = openReplicas(embedded ? [] : replicaUrlsOf(env), pool, env, log);
  // TypeORM's replication mode makes query runners "master" or "slave"; the replicas themselves are ours.
  const dataSource = replicas
    ? new RoutedDataSource({ ...dataSourceOptions, url: undefined, replication: { master: { url }, slaves: [], defaultMode: 'master' } }, replicas)
    : new DataSource(dataSourceOptions);
  try {
    await dataSource.initialize();
    if (options.runMigrations ?? env.RUN_MIGRATIONS) {
      await (embedded ? dataSource.runMigrations({ transaction: 'each' }) : runMigrationsExclusively(dataSource));
    }
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await replicas?.end();
    await embedded?.stop();
    throw error;
  }
  return {
    dataSource,
    kind: embedded ? 'pglite' : 'postgres',
    location: embedded ? embedded.location : redactPassword(url),
    replicas: replicas?.labels ?? [],
    queries,
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await replicas?.end();
      await embedded?.stop();
    },
  };
}

// pg_advisory_lock key of Followthrough's migrations (any fixed number no other lock in the database uses).
const MIGRATION_LOCK = 774_201_001;

/**
 * Applies pending migrations, one process at a time. TypeORM takes no lock: API instances and workers of a
 * new release starting together would each apply the same migration, and all but one fail to start. The
 * lock is held on the connection that runs the migrations, so one connection is enough (DB_POOL_SIZE=1).
 */
export async function runMigrationsExclusively(dataSource: DataSource): Promise<Migration[]> {
  const runner = dataSource.createQueryRunner('master');
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    // Whoever held the lock has applied what was pending; this one finds nothing left, or what is newer.
    const executor = new MigrationExecutor(dataSource, runner);
    executor.transaction = 'each';
    return await executor.executePendingMigrations();
  } finally {
    // Should the unlock fail, the connection is broken, and its session's end releases the lock.
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}

/** Each replica gets a pool as large as the primary's (DB_POOL_SIZE), with the same timeouts. */
function openReplicas(urls: string[], pool: PoolConfig, env: Env, log: PinoLogger): ReplicaPools | null {
  if (urls.length === 0) return null;
  const replicas = urls.map((url) => ({ url, label: redactPassword(url) }));
  return new ReplicaPools(replicas, { ...pool, application_name: 'followthrough' }, env.DATABASE_REPLICA_RETRY_SECONDS * 1000, log.child({ context: 'Database' }));
}

/** DATABASE_REPLICA_URLS as a list (validated by loadEnv). */
export function replicaUrlsOf(env: Pick<Env, 'DATABASE_REPLICA_URLS'>): string[] {
  return (env.DATABASE_REPLICA_URLS ?? '')
    .split(',')
    .map((url) => url.trim())
    .filter((url) => url !== '');
}

export function redactPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}
