import type { DataSource, QueryRunner } from 'typeorm';
import type { SqlInMemory } from 'typeorm/driver/SqlInMemory.js';

/**
 * The SQL that would bring the database's schema up to the entities (TypeORM's schema builder, dry run): what
 * `migration:generate` writes, and what the schema test expects to be nothing.
 *
 * TypeORM (1.1.1, still in 1.1.3) reads the tables' columns with a Promise.all on its one query runner, and
 * sends a query per enum or array column at once (PostgresQueryRunner.loadTables → getUserDefinedTypeName):
 * several queries on one pg client, which pg 8 queues with a DeprecationWarning and pg 9 refuses. The builder's
 * runner is therefore made to send its queries one after another, in the order they were asked for.
 */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<SqlInMemory> {
  const builder = dataSource.driver.createSchemaBuilder();
  // RdbmsSchemaBuilder.log() makes its runner with `this.queryRunner = dataSource.createQueryRunner()`.
  let runner: QueryRunner | undefined;
  Object.defineProperty(builder, 'queryRunner', {
    configurable: true,
    get: () => runner,
    set: (created: QueryRunner | undefined) => {
      runner = created && oneQueryAtATime(created);
    },
  });
  return builder.log();
}

/** Makes `runner.query` wait for the runner's previous query to settle before it sends the next one. */
function oneQueryAtATime(runner: QueryRunner): QueryRunner {
  const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
  let previous: Promise<unknown> = Promise.resolve();
  runner.query = ((...args: unknown[]) => {
    const next = previous.then(() => query(...args));
    previous = next.catch(() => undefined);
    return next;
  }) as QueryRunner['query'];
  return runner;
}
