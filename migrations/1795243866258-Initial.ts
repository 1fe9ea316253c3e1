import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795243866258 implements MigrationInterface {
  name = 'Initial1795243866258';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "incident" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" character varying(500) NOT NULL, "summary" text, "started_at" TIMESTAMP WITH TIME ZONE, "ended_at" TIMESTAMP WITH TIME ZONE, "duration_minutes" integer, "impact_percent" double precision, "impact" text, "severity" character varying(8), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "incident_impact_percent_check" CHECK ("impact_percent" BETWEEN 0 AND 100), CONSTRAINT "incident_severity_check" CHECK ("severity" IN ('SEV1', 'SEV2', 'SEV3', 'SEV4')), CONSTRAINT "PK_5f90b28b0b8238d89ee8edcf96e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_5baf76809e02fca050a36d6886" ON "incident"  ("started_at") `);
    await queryRunner.query(`CREATE TABLE "owner" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(10) NOT NULL, "name" character varying(200) NOT NULL, "email" character varying(320), "jira_account_id" character varying(128), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_1edb5a8c7210a79e24e7ea74a59" UNIQUE ("name"), CONSTRAINT "owner_kind_check" CHECK ("kind" IN ('PERSON', 'TEAM')), CONSTRAINT "PK_8e86b6b9f94aece7d12d465dc0c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "postmortem" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "incident_id" uuid NOT NULL, "raw_text" text NOT NULL, "format" character varying(16) NOT NULL, "sha256" character(64) NOT NULL, "source_uri" character varying(2048), "imported_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revision" integer NOT NULL, CONSTRAINT "postmortem_incident_revision_unique" UNIQUE ("incident_id", "revision"), CONSTRAINT "postmortem_format_check" CHECK ("format" IN ('MARKDOWN', 'TEXT')), CONSTRAINT "PK_9967154019aeff2931d615f523a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_4da48cabfa0e61ed600096d8cf" ON "postmortem"  ("sha256") `);
    await queryRunner.query(`CREATE TABLE "service" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "aliases" text array NOT NULL DEFAULT '{}', "owning_team_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_7806a14d42c3244064b4a1706ca" UNIQUE ("name"), CONSTRAINT "PK_85a21558c006647cd76fdce044b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_02c01641264864e597f57120de" ON "service"  ("owning_team_id") `);
    await queryRunner.query(`CREATE TABLE "action_item" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "incident_id" uuid NOT NULL, "title" character varying(300) NOT NULL, "description" text, "kind" character varying(16) NOT NULL, "priority" character varying(2) NOT NULL DEFAULT 'P3', "status" character varying(16) NOT NULL DEFAULT 'OPEN', "owner_id" uuid, "service_id" uuid, "due_on" date, "completed_at" TIMESTAMP WITH TIME ZONE, "evidence_url" character varying(2048), "wont_do_reason" text, "postmortem_id" uuid, "source_section" character varying(300), "source_line_start" integer, "source_line_end" integer, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "action_item_priority_check" CHECK ("priority" IN ('P1', 'P2', 'P3', 'P4')), CONSTRAINT "action_item_status_check" CHECK ("status" IN ('OPEN', 'IN_PROGRESS', 'BLOCKED', 'DONE', 'WONT_DO')), CONSTRAINT "action_item_kind_check" CHECK ("kind" IN ('CORRECTIVE', 'PREVENTIVE', 'DETECTIVE', 'MITIGATIVE', 'PROCESS')), CONSTRAINT "PK_1214f6f4d832c402751617361c0" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_54a512db193a3090a9bb9de6d8" ON "action_item"  ("incident_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_f9df10a302204c2cdb743e048e" ON "action_item"  ("owner_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_f47f7d304d1098b56f0f28dc46" ON "action_item"  ("service_id") `);
    await queryRunner.query(`CREATE INDEX "action_item_status_due_on_idx" ON "action_item"  ("status", "due_on") `);
    await queryRunner.query(`CREATE TABLE "action_item_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "action_item_id" uuid NOT NULL, "actor" character varying(200) NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "sequence" BIGSERIAL NOT NULL, "field" character varying(40) NOT NULL, "from_value" text, "to_value" text, "reason" text, CONSTRAINT "PK_399ea70fb5ee682745b7f85afab" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "action_item_event_item_at_idx" ON "action_item_event"  ("action_item_id", "at", "sequence") `);
    await queryRunner.query(`ALTER TABLE "postmortem" ADD CONSTRAINT "FK_55caaf2d3b7f608461f67d9f34c" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "service" ADD CONSTRAINT "FK_02c01641264864e597f57120de7" FOREIGN KEY ("owning_team_id") REFERENCES "owner"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "action_item" ADD CONSTRAINT "FK_54a512db193a3090a9bb9de6d8c" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "action_item" ADD CONSTRAINT "FK_f9df10a302204c2cdb743e048e3" FOREIGN KEY ("owner_id") REFERENCES "owner"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "action_item" ADD CONSTRAINT "FK_f47f7d304d1098b56f0f28dc464" FOREIGN KEY ("service_id") REFERENCES "service"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "action_item" ADD CONSTRAINT "FK_3a71f04d8d2235c41606602edbc" FOREIGN KEY ("postmortem_id") REFERENCES "postmortem"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "action_item_event" ADD CONSTRAINT "FK_9d137272a61ea4a4903c1d05269" FOREIGN KEY ("action_item_id") REFERENCES "action_item"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "action_item_event" DROP CONSTRAINT "FK_9d137272a61ea4a4903c1d05269"`);
    await queryRunner.query(`ALTER TABLE "action_item" DROP CONSTRAINT "FK_3a71f04d8d2235c41606602edbc"`);
    await queryRunner.query(`ALTER TABLE "action_item" DROP CONSTRAINT "FK_f47f7d304d1098b56f0f28dc464"`);
    await queryRunner.query(`ALTER TABLE "action_item" DROP CONSTRAINT "FK_f9df10a302204c2cdb743e048e3"`);
    await queryRunner.query(`ALTER TABLE "action_item" DROP CONSTRAINT "FK_54a512db193a3090a9bb9de6d8c"`);
    await queryRunner.query(`ALTER TABLE "service" DROP CONSTRAINT "FK_02c01641264864e597f57120de7"`);
    await queryRunner.query(`ALTER TABLE "postmortem" DROP CONSTRAINT "FK_55caaf2d3b7f608461f67d9f34c"`);
    await queryRunner.query(`DROP INDEX "public"."action_item_event_item_at_idx"`);
    await queryRunner.query(`DROP TABLE "action_item_event"`);
    await queryRunner.query(`DROP INDEX "public"."action_item_status_due_on_idx"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f47f7d304d1098b56f0f28dc46"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f9df10a302204c2cdb743e048e"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_54a512db193a3090a9bb9de6d8"`);
    await queryRunner.query(`DROP TABLE "action_item"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_02c01641264864e597f57120de"`);
    await queryRunner.query(`DROP TABLE "service"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4da48cabfa0e61ed600096d8cf"`);
    await queryRunner.query(`DROP TABLE "postmortem"`);
    await queryRunner.query(`DROP TABLE "owner"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5baf76809e02fca050a36d6886"`);
    await queryRunner.query(`DROP TABLE "incident"`);
  }
}
