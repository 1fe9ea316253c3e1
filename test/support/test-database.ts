import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * Where the database tests run. On a PostgreSQL server (TEST_DATABASE_URL, else the local one) each spec file
 * gets its own database cloned from a template migrated once per run; with no server, embedded PGlite.
 */
export const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  kind: 'postgres' | 'pglite';
  /** Settings for loadEnv() that point the app at this database. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

export function assertTestDatabaseName(name: string): void {
  if (!/test/i.test(name)) throw new Error(`Refusing to use database "${name}" in tests: its name must contain "test".`);
}

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withAdminClient<T>(adminUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.FOLLOWTHROUGH_TEST_ADMIN_URL;
  const template = process.env.FOLLOWTHROUGH_TEST_TEMPLATE;
  if (!adminUrl || !template) {
    return { kind: 'pglite', env: { DATA_DIR: 'memory://', RUN_MIGRATIONS: 'true' }, drop: () => Promise.resolve() };
  }
  const name = `followthrough_test_${randomBytes(6).toString('hex')}`;
  assertTestDatabaseName(name);
  await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return {
    kind: 'postgres',
    env: { DATABASE_URL: databaseUrl(adminUrl, name), RUN_MIGRATIONS: 'false' },
    drop: () => withAdminClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/**
 * Whether a PostgreSQL server runs the specs. Without one they run on embedded PGlite, where some cannot: it is one
 * session (two transactions never wait on each other), one process (no second instance or worker beside it) and
 * has no replicas. Such a spec runs only here, and says that it was skipped and why.
 */
export function onPostgres(what: string, whyItNeedsOne: string): boolean {
  const available = Boolean(process.env.FOLLOWTHROUGH_TEST_ADMIN_URL);
  if (!available) console.warn(`${what}: skipped, ${whyItNeedsOne}`);
  return available;
}
