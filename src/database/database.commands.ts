import type { Command } from 'commander';
import { createRootLogger } from '../common/logger';
import { loadEnv } from '../config/env';
import { openDatabase, runMigrationsExclusively } from './database';
import { generateMigration } from './migration-generator';

export function registerDatabaseCommands(program: Command): void {
  program
    .command('migration:run')
    .description('Apply pending migrations to the configured database (DATABASE_URL, else the embedded one in DATA_DIR).')
    .action(async () => {
      const env = loadEnv();
      const database = await openDatabase(env, createRootLogger(env), { runMigrations: false });
      try {
        const applied = database.kind === 'pglite' ? await database.dataSource.runMigrations({ transaction: 'each' }) : await runMigrationsExclusively(database.dataSource);
        console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}` : 'Database is up to date.');
      } finally {
        await database.close();
      }
    });

  program
    .command('migration:generate')
    .argument('<name>', 'what the change does, e.g. AddActionItemCategory')
    .description('Write migrations/<timestamp>-<Name>.ts with the SQL from the existing migrations to the current entities.')
    .action(async (name: string) => {
      const env = loadEnv();
      const log = createRootLogger(env);
      // A throw-away embedded database: the diff is against the migrations, never someone's local data.
      const scratch = await openDatabase({ ...env, DATABASE_URL: undefined, DATA_DIR: 'memory://' }, log, { runMigrations: true });
      try {
        const result = await generateMigration(scratch.dataSource, name, log);
        console.log(result ? `Wrote ${result.file} (${result.statements} statements).` : 'No changes: the migrations already match the entities.');
      } finally {
        await scratch.close();
      }
    });
}
