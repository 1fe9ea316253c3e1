import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CoveringIndexesForFlags1795265567210 implements MigrationInterface {
  name = 'CoveringIndexesForFlags1795265567210';

  // Generated: the two plain indexes the covering ones replace. Written by hand: the covering indexes, which
  // TypeORM cannot express (INCLUDE); their entities declare them with synchronize: false.
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_553f93e17ff0b48c516c4008dc"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_66635ebebfe6b989b5efcd6da7"`);
    await queryRunner.query(`CREATE INDEX "action_item_measure_occurrence_idx" ON "action_item" ("measure_id") INCLUDE ("incident_id", "status", "id", "completed_at")`);
    await queryRunner.query(`CREATE INDEX "incident_occurrence_idx" ON "incident" ("id") INCLUDE ("started_at", "created_at")`);
    await queryRunner.query(`CREATE INDEX "root_cause_link_root_cause_idx" ON "root_cause_link" ("root_cause_id") INCLUDE ("incident_id", "status")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."root_cause_link_root_cause_idx"`);
    await queryRunner.query(`DROP INDEX "public"."incident_occurrence_idx"`);
    await queryRunner.query(`DROP INDEX "public"."action_item_measure_occurrence_idx"`);
    await queryRunner.query(`CREATE INDEX "IDX_66635ebebfe6b989b5efcd6da7" ON "root_cause_link" USING btree ("root_cause_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_553f93e17ff0b48c516c4008dc" ON "action_item" USING btree ("measure_id") `);
  }
}
