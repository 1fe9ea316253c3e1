import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { projectRoot } from '../src/common/project-root';
import { migrationListSource } from '../src/database/migration-generator';
import { pendingSchemaChanges } from '../src/database/pending-schema-changes';
import { startTestApp, type TestApp } from './support/test-app';

describe('schema and migrations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('serves exactly the committed schema.graphql (so no resolver is missing from RESOLVERS)', () => {
    const committed = readFileSync(join(projectRoot(), 'schema.graphql'), 'utf8');
    const served = printSchema(lexicographicSortSchema(t.app.get(GraphQLSchemaHost).schema));
    expect(`${served}\n`).toBe(committed.slice(committed.indexOf('\n\n') + 2));
  });

  it('has migrations that produce exactly the schema the entities describe', async () => {
    const pending = await pendingSchemaChanges(t.dataSource);
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('lists every migration file in src/database/migration-list.ts', () => {
    const root = projectRoot();
    const committed = readFileSync(join(root, 'src', 'database', 'migration-list.ts'), 'utf8');
    expect(committed).toBe(migrationListSource(readdirSync(join(root, 'migrations'))));
  });

  it('can undo every migration and apply them again', async () => {
    const count = t.dataSource.migrations.length;
    for (let i = 0; i < count; i++) await t.dataSource.undoLastMigration({ transaction: 'each' });
    const [{ tables }] = await t.dataSource.query(`SELECT count(*)::int AS tables FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migration'`);
    expect(tables).toBe(0);
    const applied = await t.dataSource.runMigrations({ transaction: 'each' });
    expect(applied.length).toBe(count);
    expect((await pendingSchemaChanges(t.dataSource)).upQueries).toEqual([]);
  });
});
