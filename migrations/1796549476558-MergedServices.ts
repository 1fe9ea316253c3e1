import type { MigrationInterface, QueryRunner } from 'typeorm';

// Generated, then the data_version triggers added by hand (see DataVersion1795269089912): the review shows the
// team a merged-away service had, so its rows are part of what a cached answer depends on.
export class MergedServices1796549476558 implements MigrationInterface {
  name = 'MergedServices1796549476558';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "merged_service" ("id" uuid NOT NULL, "name" character varying(200) NOT NULL, "owning_team_id" uuid, "merged_into_id" uuid NOT NULL, "merged_by" character varying(200) NOT NULL, "merged_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_7f7440b45d6654059a45ecf89cd" PRIMARY KEY ("id"))`);
    await queryRunner.query(`ALTER TABLE "merged_service" ADD CONSTRAINT "FK_fe7f7b183a4554c309dcf3fbf18" FOREIGN KEY ("owning_team_id") REFERENCES "owner"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(
      `CREATE CONSTRAINT TRIGGER "merged_service_data_version" AFTER INSERT OR UPDATE OR DELETE ON "merged_service" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_data_version"()`,
    );
    await queryRunner.query(`CREATE TRIGGER "merged_service_data_version_truncate" AFTER TRUNCATE ON "merged_service" FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "merged_service_data_version_truncate" ON "merged_service"`);
    await queryRunner.query(`DROP TRIGGER "merged_service_data_version" ON "merged_service"`);
    await queryRunner.query(`ALTER TABLE "merged_service" DROP CONSTRAINT "FK_fe7f7b183a4554c309dcf3fbf18"`);
    await queryRunner.query(`DROP TABLE "merged_service"`);
  }
}
