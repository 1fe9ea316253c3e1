import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ImportPostmortems1795246123367 implements MigrationInterface {
  name = 'ImportPostmortems1795246123367';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "incident" ADD "root_cause_summary" text`);
    await queryRunner.query(`ALTER TABLE "incident" ADD "failure_mode" character varying(32)`);
    await queryRunner.query(`ALTER TABLE "incident" ADD "component" character varying(300)`);
    await queryRunner.query(`ALTER TABLE "incident" ADD "resolution" text`);
    await queryRunner.query(`ALTER TABLE "incident" ADD "service_id" uuid`);
    await queryRunner.query(`ALTER TABLE "postmortem" ADD "parsed" jsonb`);
    await queryRunner.query(`ALTER TABLE "action_item" ADD "category" character varying(32)`);
    await queryRunner.query(`ALTER TABLE "action_item" ADD "source_text" text`);
    await queryRunner.query(`ALTER TABLE "action_item" ADD "removed_from_source_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "action_item" ADD "owner_origin" character varying(16)`);
    await queryRunner.query(`ALTER TABLE "action_item" ADD "due_origin" character varying(16)`);
    await queryRunner.query(`CREATE INDEX "IDX_d7812ad41056acd7b8dd8a7530" ON "incident"  ("service_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_29393537cdd8c0ab9bb0007f88" ON "postmortem"  ("source_uri") `);
    await queryRunner.query(`ALTER TABLE "action_item" ADD CONSTRAINT "action_item_due_origin_check" CHECK ("due_origin" IN ('TEXT', 'POLICY', 'MANUAL'))`);
    await queryRunner.query(`ALTER TABLE "action_item" ADD CONSTRAINT "action_item_owner_origin_check" CHECK ("owner_origin" IN ('TEXT', 'OWNERSHIP_MAP', 'MANUAL'))`);
    await queryRunner.query(`ALTER TABLE "incident" ADD CONSTRAINT "FK_d7812ad41056acd7b8dd8a75303" FOREIGN KEY ("service_id") REFERENCES "service"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "incident" DROP CONSTRAINT "FK_d7812ad41056acd7b8dd8a75303"`);
    await queryRunner.query(`ALTER TABLE "action_item" DROP CONSTRAINT "action_item_owner_origin_check"`);
    await queryRunner.query(`ALTER TABLE "action_item" DROP CONSTRAINT "action_item_due_origin_check"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_29393537cdd8c0ab9bb0007f88"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d7812ad41056acd7b8dd8a7530"`);
    await queryRunner.query(`ALTER TABLE "action_item" DROP COLUMN "due_origin"`);
    await queryRunner.query(`ALTER TABLE "action_item" DROP COLUMN "owner_origin"`);
    await queryRunner.query(`ALTER TABLE "action_item" DROP COLUMN "removed_from_source_at"`);
    await queryRunner.query(`ALTER TABLE "action_item" DROP COLUMN "source_text"`);
    await queryRunner.query(`ALTER TABLE "action_item" DROP COLUMN "category"`);
    await queryRunner.query(`ALTER TABLE "postmortem" DROP COLUMN "parsed"`);
    await queryRunner.query(`ALTER TABLE "incident" DROP COLUMN "service_id"`);
    await queryRunner.query(`ALTER TABLE "incident" DROP COLUMN "resolution"`);
    await queryRunner.query(`ALTER TABLE "incident" DROP COLUMN "component"`);
    await queryRunner.query(`ALTER TABLE "incident" DROP COLUMN "failure_mode"`);
    await queryRunner.query(`ALTER TABLE "incident" DROP COLUMN "root_cause_summary"`);
  }
}
