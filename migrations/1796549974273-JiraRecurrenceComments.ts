import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Open items, and the dated incidents with their root cause that started after the item was created (RECURRED_WHILE_OPEN, src/flags/). */
const RECURRENCE_WHILE_OPEN = `
  SELECT DISTINCT a."id" AS "action_item_id", other."incident_id"
    FROM "action_item" a
    JOIN "root_cause_link" mine ON mine."incident_id" = a."incident_id" AND mine."status" <> 'REJECTED'
    JOIN "root_cause_link" other ON other."root_cause_id" = mine."root_cause_id" AND other."incident_id" <> a."incident_id" AND other."status" <> 'REJECTED'
    JOIN "incident" recurrence ON recurrence."id" = other."incident_id"
   WHERE a."status" IN ('OPEN', 'IN_PROGRESS', 'BLOCKED') AND recurrence."started_at" > a."created_at"`;

/**
 * Generated (the table), then by hand: the rule as a view, and a trigger that owes a comment to every item a new
 * or changed root-cause link makes a recurrence for, and queues its push, in the transaction that linked it (an
 * import, a recompute, a person's decision, a merge of services). The worker posts what is owed
 * (src/jira/jira-recurrence-commenter.ts).
 */
export class JiraRecurrenceComments1796549974273 implements MigrationInterface {
  name = 'JiraRecurrenceComments1796549974273';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "jira_recurrence_comment" ("action_item_id" uuid NOT NULL, "incident_id" uuid NOT NULL, "queued_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "attempted_at" TIMESTAMP WITH TIME ZONE, "comment_id" character varying(32), "posted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_17b75cbca7a9086226f58992765" PRIMARY KEY ("action_item_id", "incident_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_718c670f1f88b1d146bb24fc26" ON "jira_recurrence_comment"  ("incident_id") `);
    await queryRunner.query(`ALTER TABLE "jira_recurrence_comment" ADD CONSTRAINT "FK_b03ea179218f2277372e490032f" FOREIGN KEY ("action_item_id") REFERENCES "action_item"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "jira_recurrence_comment" ADD CONSTRAINT "FK_718c670f1f88b1d146bb24fc260" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // No answer shows the table, but it changes with jira_sync, whose triggers move data_version anyway.
    await queryRunner.query(
      `CREATE CONSTRAINT TRIGGER "jira_recurrence_comment_data_version" AFTER INSERT OR UPDATE OR DELETE ON "jira_recurrence_comment" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_data_version"()`,
    );
    await queryRunner.query(`CREATE TRIGGER "jira_recurrence_comment_data_version_truncate" AFTER TRUNCATE ON "jira_recurrence_comment" FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"()`);
    await queryRunner.query(`CREATE VIEW "jira_recurrence_while_open" AS ${RECURRENCE_WHILE_OPEN}`);
    // Both ways round: the link's incident may be the recurrence of older items, or (a merge of services) its
    // items the older ones. Only pairs through the new link's root cause can be new; each way is written out (not
    // read from the view, whose DISTINCT keeps PostgreSQL from narrowing it to one incident: ~0.8 s a link at 65k
    // items). ON CONFLICT keeps one row per item and incident, whatever links again later.
    await queryRunner.query(`CREATE FUNCTION "jira_queue_recurrence_comments"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  "owed" uuid[];
BEGIN
  WITH "inserted" AS (
    INSERT INTO "jira_recurrence_comment" ("action_item_id", "incident_id")
    SELECT a."id", NEW."incident_id"
      FROM "root_cause_link" mine
      JOIN "action_item" a ON a."incident_id" = mine."incident_id"
      JOIN "incident" recurrence ON recurrence."id" = NEW."incident_id"
     WHERE mine."root_cause_id" = NEW."root_cause_id" AND mine."status" <> 'REJECTED' AND mine."incident_id" <> NEW."incident_id"
       AND a."status" IN ('OPEN', 'IN_PROGRESS', 'BLOCKED') AND recurrence."started_at" > a."created_at"
    UNION
    SELECT a."id", other."incident_id"
      FROM "action_item" a
      JOIN "root_cause_link" other ON other."root_cause_id" = NEW."root_cause_id" AND other."status" <> 'REJECTED' AND other."incident_id" <> NEW."incident_id"
      JOIN "incident" recurrence ON recurrence."id" = other."incident_id"
     WHERE a."incident_id" = NEW."incident_id" AND a."status" IN ('OPEN', 'IN_PROGRESS', 'BLOCKED') AND recurrence."started_at" > a."created_at"
    ON CONFLICT DO NOTHING
    RETURNING "action_item_id")
  SELECT array_agg(DISTINCT "action_item_id") INTO "owed" FROM "inserted";
  IF "owed" IS NOT NULL THEN
    PERFORM "jira_sync_requeue"("owed");
  END IF;
  RETURN NULL;
END
$$`);
    await queryRunner.query(
      `CREATE TRIGGER "root_cause_link_jira_recurrence" AFTER INSERT OR UPDATE OF "status", "root_cause_id" ON "root_cause_link" FOR EACH ROW WHEN (NEW."status" <> 'REJECTED')
       EXECUTE FUNCTION "jira_queue_recurrence_comments"()`,
    );
    // Recurrences from before are recorded as settled, not owed: announcing them all at once would post a burst of
    // old news on every open issue, and a channel that nags gets muted. The item page (linked from the
    // description) shows them.
    await queryRunner.query(
      `INSERT INTO "jira_recurrence_comment" ("action_item_id", "incident_id", "posted_at") SELECT "action_item_id", "incident_id", now() FROM "jira_recurrence_while_open"`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "root_cause_link_jira_recurrence" ON "root_cause_link"`);
    await queryRunner.query(`DROP FUNCTION "jira_queue_recurrence_comments"()`);
    await queryRunner.query(`DROP VIEW "jira_recurrence_while_open"`);
    await queryRunner.query(`DROP TRIGGER "jira_recurrence_comment_data_version_truncate" ON "jira_recurrence_comment"`);
    await queryRunner.query(`DROP TRIGGER "jira_recurrence_comment_data_version" ON "jira_recurrence_comment"`);
    await queryRunner.query(`ALTER TABLE "jira_recurrence_comment" DROP CONSTRAINT "FK_718c670f1f88b1d146bb24fc260"`);
    await queryRunner.query(`ALTER TABLE "jira_recurrence_comment" DROP CONSTRAINT "FK_b03ea179218f2277372e490032f"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_718c670f1f88b1d146bb24fc26"`);
    await queryRunner.query(`DROP TABLE "jira_recurrence_comment"`);
  }
}
