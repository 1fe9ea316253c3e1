import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ApiTokens1795257725232 implements MigrationInterface {
  name = 'ApiTokens1795257725232';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "api_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(100) NOT NULL, "role" character varying(10) NOT NULL, "secret_hash" character(64) NOT NULL, "secret_hint" character varying(16) NOT NULL, "created_by" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_482a03313c765083f39c50f7357" UNIQUE ("secret_hash"), CONSTRAINT "api_token_role_check" CHECK ("role" IN ('viewer', 'editor', 'admin')), CONSTRAINT "PK_d862311c568d175c26f41bc6f98" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "api_token_active_name" ON "api_token"  ("name") WHERE "revoked_at" IS NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."api_token_active_name"`);
    await queryRunner.query(`DROP TABLE "api_token"`);
  }
}
