import type { MigrationInterface, QueryRunner } from 'typeorm';

export class JiraSync1795252367544 implements MigrationInterface {
  name = 'JiraSync1795252367544';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "jira_reconcile_cursor" ("name" character varying(32) NOT NULL, "updated_since" TIMESTAMP WITH TIME ZONE, "locked_by" character varying(100), "locked_until" TIMESTAMP WITH TIME ZONE, "last_run_at" TIMESTAMP WITH TIME ZONE, "last_outcome" text, CONSTRAINT "PK_0691f2e6e31b1bce1b581d6da68" PRIMARY KEY ("name"))`);
    await queryRunner.query(`CREATE TABLE "jira_sync" ("action_item_id" uuid NOT NULL, "state" character varying(16) NOT NULL DEFAULT 'PENDING', "issue_id" character varying(32), "issue_key" character varying(64), "issue_url" character varying(2048), "adopt_key" character varying(64), "change_seq" integer NOT NULL DEFAULT '1', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL, "locked_by" character varying(100), "locked_until" TIMESTAMP WITH TIME ZONE, "create_attempted_at" TIMESTAMP WITH TIME ZONE, "remote" jsonb, "remote_updated_at" TIMESTAMP WITH TIME ZONE, "last_synced_at" TIMESTAMP WITH TIME ZONE, "error" text, "warning" text, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "jira_sync_state_check" CHECK ("state" IN ('PENDING', 'SYNCED', 'FAILED', 'DELETED')), CONSTRAINT "PK_17fd9a47dd0b45345884e941e6f" PRIMARY KEY ("action_item_id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "jira_sync_issue_id_key" ON "jira_sync"  ("issue_id") WHERE "issue_id" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "jira_sync_due_idx" ON "jira_sync"  ("next_attempt_at") WHERE "state" = 'PENDING'`);
    await queryRunner.query(`CREATE TABLE "jira_webhook_delivery" ("identifier" character varying(200) NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "event" character varying(64) NOT NULL, "issue_id" character varying(32), "outcome" character varying(32) NOT NULL, CONSTRAINT "PK_db8f7f91d45256830a10420ca81" PRIMARY KEY ("identifier"))`);
    await queryRunner.query(`CREATE INDEX "IDX_02e597bf87b4dd5c261d6f9c1d" ON "jira_webhook_delivery"  ("received_at") `);
    await queryRunner.query(`ALTER TABLE "jira_sync" ADD CONSTRAINT "FK_17fd9a47dd0b45345884e941e6f" FOREIGN KEY ("action_item_id") REFERENCES "action_item"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // Items that existed before sync was built are queued too, so turning Jira on later covers all of them.
    await queryRunner.query(`INSERT INTO "jira_sync" ("action_item_id", "next_attempt_at") SELECT "id", now() FROM "action_item"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "jira_sync" DROP CONSTRAINT "FK_17fd9a47dd0b45345884e941e6f"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_02e597bf87b4dd5c261d6f9c1d"`);
    await queryRunner.query(`DROP TABLE "jira_webhook_delivery"`);
    await queryRunner.query(`DROP INDEX "public"."jira_sync_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."jira_sync_issue_id_key"`);
    await queryRunner.query(`DROP TABLE "jira_sync"`);
    await queryRunner.query(`DROP TABLE "jira_reconcile_cursor"`);
  }
}
