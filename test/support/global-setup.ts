import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ENTITIES } from '../../src/database/entities';
import { MIGRATIONS } from '../../src/database/migration-list';
import { assertTestDatabaseName, databaseUrl, DEFAULT_ADMIN_URL, withAdminClient } from './test-database';

/** Migrates one template database per run; spec files clone it (CREATE DATABASE … TEMPLATE), which takes milliseconds. */
export default async function globalSetup(): Promise<void> {
  const explicitUrl = process.env.TEST_DATABASE_URL;
  const adminUrl = explicitUrl ?? DEFAULT_ADMIN_URL;
  try {
    await withAdminClient(adminUrl, (client) => client.query('SELECT 1'));
  } catch (error) {
    if (explicitUrl) throw new Error(`TEST_DATABASE_URL is set but unreachable (${(error as Error).message}).`);
    console.warn(`\nNo PostgreSQL server at ${adminUrl} and no TEST_DATABASE_URL: running the database tests on embedded PGlite instead.\n`);
    return;
  }
  const template = `followthrough_test_template_${process.pid}`;
  assertTestDatabaseName(template);
  await withAdminClient(adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${template}"`);
  });
  const dataSource = new DataSource({ type: 'postgres', url: databaseUrl(adminUrl, template), entities: ENTITIES, migrations: MIGRATIONS, migrationsTableName: 'migration' });
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();
  process.env.FOLLOWTHROUGH_TEST_ADMIN_URL = adminUrl;
  process.env.FOLLOWTHROUGH_TEST_TEMPLATE = template;
}
