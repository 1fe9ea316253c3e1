/**
 * Synthetic corpus generator: `node dist/bench/corpus/generate.js --items 100000 [--database-url URL]`.
 * Creates (or re-creates) the database `followthrough_bench_<items>` on that server, migrates it with the
 * application's migrations, and fills it with COPY: incidents with 3–10 action items, owners, services with
 * owning teams, recurring root causes, repeated measures, audit events and Jira sync rows (see build.ts).
 */
import 'reflect-metadata';
import { Client, Pool } from 'pg';
import { DataSource } from 'typeorm';
import { ENTITIES } from '../../src/database/entities';
import { MIGRATIONS } from '../../src/database/migration-list';
import { buildCorpus, type CorpusOptions, type CorpusStats } from './build';
import { copyTable } from './copy';
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
  const corpus = buildCorpus(options);
  const built = performance.now();
  log(`built ${corpus.stats.items} items in ${corpus.stats.incidents} incidents in memory (${Math.round(built - started)} ms)`);
  const databaseUrl = await createMigratedDatabase(options.serverUrl, database);
  const migrated = performance.now();
  log(`created and migrated ${database} (${Math.round(migrated - built)} ms)`);
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const client = await pool.connect();
    try {
      // One transaction: a corpus is there whole or not at all. Foreign keys and checks are enforced as usual.
      await client.query('BEGIN');
      for (const table of corpus.tables) {
        const at = performance.now();
        await copyTable(client, table);
        log(`  ${table.name}: ${table.rows.length} rows (${Math.round(performance.now() - at)} ms)`);
      }
      await client.query('COMMIT');
      await client.query('ANALYZE');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  } finally {
    await pool.end();
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
