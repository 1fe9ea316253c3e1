import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tables whose rows some GraphQL answer shows. Every committed change to one of them moves `data_version` on,
 * which is what lets the GraphQL response cache serve an answer only while nothing it could show has changed.
 * test/data-version.e2e-spec.ts fails when a table is neither here nor in its list of tables no answer shows.
 */
const TABLES = ['action_item', 'action_item_event', 'incident', 'jira_sync', 'measure', 'owner', 'postmortem', 'root_cause', 'root_cause_link', 'service'];

// Written by hand: TypeORM has no notion of triggers.
export class DataVersion1795269089912 implements MigrationInterface {
  name = 'DataVersion1795269089912';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "data_version" ("id" boolean PRIMARY KEY DEFAULT true CHECK ("id"), "version" bigint NOT NULL)`);
    await queryRunner.query(`INSERT INTO "data_version" ("id", "version") VALUES (true, 1)`);
    // Once per transaction, at its commit: the counter's row lock is held only for the commit itself, so
    // concurrent writers do not queue behind one another for the length of their transactions.
    await queryRunner.query(`CREATE FUNCTION "bump_data_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('followthrough.data_version_bumped', true) IS DISTINCT FROM 'yes' THEN
    UPDATE "data_version" SET "version" = "version" + 1;
    PERFORM set_config('followthrough.data_version_bumped', 'yes', true);
  END IF;
  RETURN NULL;
END
$$`);
    for (const table of TABLES) {
      await queryRunner.query(
        `CREATE CONSTRAINT TRIGGER "${table}_data_version" AFTER INSERT OR UPDATE OR DELETE ON "${table}" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_data_version"()`,
      );
      // TRUNCATE has no row triggers; it locks the whole table anyway, so a statement trigger costs nothing more.
      await queryRunner.query(`CREATE TRIGGER "${table}_data_version_truncate" AFTER TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"()`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await queryRunner.query(`DROP TRIGGER "${table}_data_version_truncate" ON "${table}"`);
      await queryRunner.query(`DROP TRIGGER "${table}_data_version" ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION "bump_data_version"()`);
    await queryRunner.query(`DROP TABLE "data_version"`);
  }
}
