import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { projectRoot } from '../common/project-root';
import { pendingSchemaChanges } from './pending-schema-changes';

export interface GeneratedMigration {
  file: string;
  statements: number;
}

/**
 * Writes `migrations/<timestamp>-<Name>.ts` with the SQL that brings the migrated schema up to the entities.
 * `dataSource` must have every existing migration applied (a scratch database, so the result does not depend
 * on anyone's local data). Returns undefined when the entities and migrations already agree.
 */
export async function generateMigration(dataSource: DataSource, name: string, log: Logger, now = Date.now()): Promise<GeneratedMigration | undefined> {
  const pascalName = name.replace(/(^|[^a-zA-Z0-9]+)([a-zA-Z0-9])/g, (_, __, char: string) => char.toUpperCase()).replace(/[^a-zA-Z0-9]/g, '');
  if (!/^[A-Z]/.test(pascalName)) throw new Error(`Migration name "${name}" must start with a letter, e.g. AddActionItemCategory.`);
  const sql = await pendingSchemaChanges(dataSource);
  if (sql.upQueries.length === 0) return undefined;
  const className = `${pascalName}${now}`;
  const file = join(projectRoot(), 'migrations', `${now}-${pascalName}.ts`);
  const statement = (query: { query: string; parameters?: unknown[] }) =>
    `    await queryRunner.query(\`${query.query.replace(/[`\\]/g, '\\$&').replace(/\$\{/g, '\\${')}\`${query.parameters?.length ? `, ${JSON.stringify(query.parameters)}` : ''});`;
  const source = [
    `import type { MigrationInterface, QueryRunner } from 'typeorm';`,
    ``,
    `export class ${className} implements MigrationInterface {`,
    `  name = '${className}';`,
    ``,
    `  public async up(queryRunner: QueryRunner): Promise<void> {`,
    ...sql.upQueries.map(statement),
    `  }`,
    ``,
    `  public async down(queryRunner: QueryRunner): Promise<void> {`,
    ...[...sql.downQueries].reverse().map(statement),
    `  }`,
    `}`,
    ``,
  ].join('\n');
  writeFileSync(file, source);
  writeMigrationList();
  log.info({ file, statements: sql.upQueries.length }, 'migration written; review it before committing');
  return { file, statements: sql.upQueries.length };
}

const MIGRATION_FILE = /^(\d+)-([A-Za-z0-9]+)\.ts$/;

/** The source of src/database/migration-list.ts for the files in migrations/, oldest first. */
export function migrationListSource(files: string[]): string {
  const migrations = files
    .map((file) => MIGRATION_FILE.exec(file))
    .filter((match): match is RegExpExecArray => match !== null)
    .sort((a, b) => Number(a[1]) - Number(b[1]))
    .map(([, timestamp, name]) => ({ module: `${timestamp}-${name}`, className: `${name}${timestamp}` }));
  return [
    '// Written by `npm run migration:generate` from the files in migrations/, oldest first. An explicit list (not a',
    '// glob) so that a stale compiled file in dist/ can never run; a test checks it matches the folder.',
    ...migrations.map((m) => `import { ${m.className} } from '../../migrations/${m.module}';`),
    '',
    `export const MIGRATIONS = [${migrations.map((m) => m.className).join(', ')}];`,
    '',
  ].join('\n');
}

export function writeMigrationList(): void {
  const root = projectRoot();
  writeFileSync(join(root, 'src', 'database', 'migration-list.ts'), migrationListSource(readdirSync(join(root, 'migrations'))));
}
