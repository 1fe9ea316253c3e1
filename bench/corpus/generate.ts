/**
 * Synthetic corpus generator: `node dist/bench/corpus/generate.js --items 100000 [--database-url URL]`.
 * Creates (or re-creates) the database `followthrough_bench_<items>` on that server, migrates it with the
 * application's migrations, and fills it with COPY: incidents with 3–10 action items, owners, services with
 * owning teams, recurring root causes, repeated measures, audit events and Jira sync rows (see build.ts).
 */
import 'reflect-metadata';
import { Client, Pool, type PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { ENTITIES } from '../../src/database/entities';
import { MIGRATIONS } from '../../src/database/migration-list';
import { buildCorpus, type CorpusOptions, type CorpusStats } from './build';
import { copyTable, type Table } from './copy';
import type { World } from './world';

export const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface GenerateOptions extends CorpusOptions {
  /** Any database on the target server; the corpus gets its own database there. */
  serverUrl: string;
  /** Defaults to followthrough_bench_<items> (or followthrough_bench_<incidents>_incidents). */
  database?: string;
  log?: (line: string) => void;
}

export interface GeneratedCorpus {
  database: string;
  databaseUrl: string;
  stats: CorpusStats;
  world: World;
  /** Milliseconds spent building rows in memory, migrating, and copying (with ANALYZE). */
  timings: { build: number; migrate: number; copy: number; total: number };
}

export function benchDatabaseName(options: Pick<CorpusOptions, 'items' | 'incidents'>): string {
  return options.items !== undefined ? `followthrough_bench_${options.items}` : `followthrough_bench_${options.incidents ?? 0}_incidents`;
}

export function databaseUrlFor(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function withServer<T>(serverUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  await withServer(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`));
}

/** An empty database migrated exactly as the server migrates at start. */
export async function createMigratedDatabase(serverUrl: string, database: string): Promise<string> {
  await withServer(serverUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${quoteIdent(database)}`);
  });
  const url = databaseUrlFor(serverUrl, database);
  const dataSource = new DataSource({ type: 'postgres', url, entities: ENTITIES, migrations: MIGRATIONS, migrationsTableName: 'migration' });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
  return url;
}

export async function generateCorpus(options: GenerateOptions): Promise<GeneratedCorpus> {
  const log = options.log ?? (() => undefined);
  const database = options.database ?? benchDatabaseName(options);
  const started = performance.now();
  const corpus = await buildCorpus(options);
  const built = performance.now();
  log(`built ${corpus.stats.items} items in ${corpus.stats.incidents} incidents in memory (${Math.round(built - started)} ms)`);
  const databaseUrl = await createMigratedDatabase(options.serverUrl, database);
  const migrated = performance.now();
  log(`created and migrated ${database} (${Math.round(migrated - built)} ms)`);
  try {
    await load(databaseUrl, corpus.tables, log);
  } catch (error) {
    await dropDatabase(options.serverUrl, database).catch(() => undefined);
    throw error;
  }
  const copied = performance.now();
  return {
    database,
    databaseUrl,
    stats: corpus.stats,
    world: corpus.world,
    timings: { build: Math.round(built - started), migrate: Math.round(migrated - built), copy: Math.round(copied - migrated), total: Math.round(copied - started) },
  };
}

/**
 * Bulk load on two connections (PostgreSQL takes a COPY on one core): secondary indexes are dropped first and
 * built after, and foreign-key triggers are off during the COPY (session_replication_role = replica, which needs
 * a superuser) so tables can load in any order; every foreign key is then checked with one anti-join each, and
 * a violation fails the load. Without that privilege, tables load one by one in dependency order, checked row
 * by row as usual. Check constraints, NOT NULL, primary and unique keys are enforced either way.
 */
async function load(databaseUrl: string, tables: Table[], log: (line: string) => void): Promise<void> {
  const pool = new Pool({ connectionString: databaseUrl, max: 2 });
  try {
    const replica = await pool.query('SET session_replication_role = replica').then(
      () => true,
      () => false,
    );
    const indexes = (
      await pool.query<{ name: string; definition: string; table: string }>(
        `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition, c.relname AS table
         FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
      )
    ).rows;
    const loaded = new Set(tables.map((table) => table.name));
    const rebuilt = indexes.filter((index) => loaded.has(index.table));
    for (const index of rebuilt) await pool.query(`DROP INDEX ${index.name}`);
    const copyOn = async (client: PoolClient, list: Table[]) => {
      for (const table of list) {
        const at = performance.now();
        await copyTable(client, table);
        log(`  ${table.name}: ${table.rows.length} rows (${Math.round(performance.now() - at)} ms)`);
      }
    };
    if (replica) {
      // Largest first onto whichever connection is free: the two finish close together.
      const queue = [...tables].sort((a, b) => b.rows.length * b.columns.length - a.rows.length * a.columns.length);
      await Promise.all(
        [0, 1].map(async () => {
          const client = await pool.connect();
          try {
            await client.query('SET session_replication_role = replica');
            for (let table = queue.shift(); table; table = queue.shift()) await copyOn(client, [table]);
          } finally {
            client.release();
          }
        }),
      );
    } else {
      const client = await pool.connect();
      try {
        await copyOn(client, tables);
      } finally {
        client.release();
      }
    }
    const at = performance.now();
    const pending = [...rebuilt];
    await Promise.all([0, 1].map(async () => {
      for (let index = pending.shift(); index; index = pending.shift()) await pool.query(index.definition);
    }));
    log(`  ${rebuilt.length} indexes built (${Math.round(performance.now() - at)} ms)`);
    if (replica) await checkForeignKeys(pool, log);
    // VACUUM too: a database in service has its visibility map set by autovacuum, which index-only scans rely on.
    await pool.query('VACUUM ANALYZE');
  } finally {
    await pool.end();
  }
}

/** Every foreign key of the public schema, checked by one anti-join each: COPY ran without its triggers. */
async function checkForeignKeys(pool: Pool, log: (line: string) => void): Promise<void> {
  const at = performance.now();
  const keys = (
    await pool.query<{ name: string; child: string; parent: string; child_columns: string[]; parent_columns: string[] }>(
      `SELECT k.conname AS name, k.conrelid::regclass::text AS child, k.confrelid::regclass::text AS parent,
              ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(n, o) JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.o) AS child_columns,
              ARRAY(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY u(n, o) JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY u.o) AS parent_columns
       FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace WHERE k.contype = 'f' AND n.nspname = 'public'`,
    )
  ).rows;
  for (const key of keys) {
    const present = key.child_columns.map((column) => `c.${quoteIdent(column)} IS NOT NULL`).join(' AND ');
    const joined = key.child_columns.map((column, i) => `p.${quoteIdent(key.parent_columns[i])} = c.${quoteIdent(column)}`).join(' AND ');
    const { rows } = await pool.query<{ missing: number }>(
      `SELECT count(*)::int AS missing FROM ${key.child} c WHERE ${present} AND NOT EXISTS (SELECT 1 FROM ${key.parent} p WHERE ${joined})`,
    );
    if (rows[0].missing > 0) throw new Error(`Foreign key ${key.name}: ${rows[0].missing} rows of ${key.child} name a missing ${key.parent}.`);
  }
  log(`  ${keys.length} foreign keys checked (${Math.round(performance.now() - at)} ms)`);
}

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    console.log(`Usage: node dist/bench/corpus/generate.js [--items N | --incidents N] [--seed S] [--database NAME]
       [--database-url URL]   (default: BENCH_DATABASE_URL, else ${DEFAULT_SERVER_URL})
Creates or re-creates followthrough_bench_<N> on that server, migrates it and fills it.`);
    return;
  }
  const incidents = option('incidents');
  const items = incidents ? undefined : Number(option('items') ?? 100_000);
  const serverUrl = option('database-url') ?? process.env.BENCH_DATABASE_URL ?? DEFAULT_SERVER_URL;
  const result = await generateCorpus({
    items,
    incidents: incidents ? Number(incidents) : undefined,
    seed: Number(option('seed') ?? 1),
    database: option('database'),
    serverUrl,
    log: (line) => console.error(line),
  });
  console.error(`${result.database}: ${JSON.stringify(result.stats)}`);
  console.error(`done in ${(result.timings.total / 1000).toFixed(1)} s (build ${result.timings.build} ms, migrate ${result.timings.migrate} ms, copy + analyze ${result.timings.copy} ms)`);
  // stdout: the URL alone, for DATABASE_URL=$(node dist/bench/corpus/generate.js …).
  console.log(result.databaseUrl);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
