import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RecurrenceAndMeasures1795250762933 implements MigrationInterface {
  name = 'RecurrenceAndMeasures1795250762933';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "measure" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" character varying(300) NOT NULL, "category" character varying(32), "subject" character varying(32), "match_terms" text array NOT NULL DEFAULT '{}', "service_id" uuid, "accepts_matches" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ddc1ad2a86717cedc808809423e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "measure_match_terms_idx" ON "measure" USING gin ("match_terms") `);
    await queryRunner.query(`CREATE INDEX "measure_category_subject_idx" ON "measure"  ("category", "subject") `);
    await queryRunner.query(`CREATE TABLE "root_cause" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "failure_mode" character varying(32) NOT NULL, "service_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "root_cause_mode_service_key" UNIQUE ("failure_mode", "service_id"), CONSTRAINT "PK_08622641db827aca2c7d75d3218" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_a667965486fe8055488742a5bc" ON "root_cause"  ("service_id") `);
    await queryRunner.query(`CREATE TABLE "root_cause_link" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "incident_id" uuid NOT NULL, "root_cause_id" uuid NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'SUGGESTED', "confidence" double precision NOT NULL, "evidence" text NOT NULL, "decided_by" character varying(200), "decided_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "root_cause_link_incident_root_cause_key" UNIQUE ("incident_id", "root_cause_id"), CONSTRAINT "root_cause_link_status_check" CHECK ("status" IN ('SUGGESTED', 'CONFIRMED', 'REJECTED')), CONSTRAINT "PK_e98e9073932e7d4d0f2889330f2" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_66635ebebfe6b989b5efcd6da7" ON "root_cause_link"  ("root_cause_id") `);
    await queryRunner.query(`ALTER TABLE "service" ADD "match_terms" text array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "incident" ADD "service_confidence" double precision`);
    await queryRunner.query(`ALTER TABLE "incident" ADD "service_evidence" text`);
    await queryRunner.query(`ALTER TABLE "incident" ADD "service_decided_by" character varying(200)`);
    await queryRunner.query(`ALTER TABLE "action_item" ADD "measure_id" uuid`);
    await queryRunner.query(`ALTER TABLE "action_item" ADD "match_terms" text array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "action_item" ADD "subject" character varying(32)`);
    await queryRunner.query(`ALTER TABLE "action_item" ADD "measure_evidence" text`);
    await queryRunner.query(`ALTER TABLE "action_item" ADD "measure_decided_by" character varying(200)`);
    await queryRunner.query(`CREATE INDEX "service_match_terms_idx" ON "service" USING gin ("match_terms") `);
    await queryRunner.query(`CREATE INDEX "IDX_553f93e17ff0b48c516c4008dc" ON "action_item"  ("measure_id") `);
    await queryRunner.query(`ALTER TABLE "action_item" ADD CONSTRAINT "FK_553f93e17ff0b48c516c4008dcd" FOREIGN KEY ("measure_id") REFERENCES "measure"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "root_cause" ADD CONSTRAINT "FK_a667965486fe8055488742a5bcb" FOREIGN KEY ("service_id") REFERENCES "service"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "root_cause_link" ADD CONSTRAINT "FK_69c1c9343c2d838e5c27eed2f74" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "root_cause_link" ADD CONSTRAINT "FK_66635ebebfe6b989b5efcd6da74" FOREIGN KEY ("root_cause_id") REFERENCES "root_cause"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "root_cause_link" DROP CONSTRAINT "FK_66635ebebfe6b989b5efcd6da74"`);
    await queryRunner.query(`ALTER TABLE "root_cause_link" DROP CONSTRAINT "FK_69c1c9343c2d838e5c27eed2f74"`);
    await queryRunner.query(`ALTER TABLE "root_cause" DROP CONSTRAINT "FK_a667965486fe8055488742a5bcb"`);
    await queryRunner.query(`ALTER TABLE "action_item" DROP CONSTRAINT "FK_553f93e17ff0b48c516c4008dcd"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_553f93e17ff0b48c516c4008dc"`);
    await queryRunner.query(`DROP INDEX "public"."service_match_terms_idx"`);
    await queryRunner.query(`ALTER TABLE "action_item" DROP COLUMN "measure_decided_by"`);
    await queryRunner.query(`ALTER TABLE "action_item" DROP COLUMN "measure_evidence"`);
    await queryRunner.query(`ALTER TABLE "action_item" DROP COLUMN "subject"`);
    await queryRunner.query(`ALTER TABLE "action_item" DROP COLUMN "match_terms"`);
    await queryRunner.query(`ALTER TABLE "action_item" DROP COLUMN "measure_id"`);
    await queryRunner.query(`ALTER TABLE "incident" DROP COLUMN "service_decided_by"`);
    await queryRunner.query(`ALTER TABLE "incident" DROP COLUMN "service_evidence"`);
    await queryRunner.query(`ALTER TABLE "incident" DROP COLUMN "service_confidence"`);
    await queryRunner.query(`ALTER TABLE "service" DROP COLUMN "match_terms"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_66635ebebfe6b989b5efcd6da7"`);
    await queryRunner.query(`DROP TABLE "root_cause_link"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a667965486fe8055488742a5bc"`);
    await queryRunner.query(`DROP TABLE "root_cause"`);
    await queryRunner.query(`DROP INDEX "public"."measure_category_subject_idx"`);
    await queryRunner.query(`DROP INDEX "public"."measure_match_terms_idx"`);
    await queryRunner.query(`DROP TABLE "measure"`);
  }
}
