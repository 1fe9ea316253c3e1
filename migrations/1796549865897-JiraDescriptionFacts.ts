import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A Jira issue's description shows the item, its incident (title, start, severity, the root cause its
 * postmortem states, its service) and its source. Item changes queue their push in application code; these
 * triggers queue one, in the same transaction, when the incident or the service's name changes under the item
 * (a revised postmortem, a service renamed or chosen by hand), so no description is left stale.
 * Written by hand: TypeORM has no notion of triggers.
 */
export class JiraDescriptionFacts1796549865897 implements MigrationInterface {
  name = 'JiraDescriptionFacts1796549865897';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // As enqueueJiraSync does, but from the database, which has no app clock: a job keeps its schedule (due
    // already unless backing off, as next_attempt_at of a synced or failed job is in the past). Items are
    // locked before their sync rows, the order every item change takes them in.
    await queryRunner.query(`CREATE FUNCTION "jira_sync_requeue"("items" uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM "action_item" WHERE "id" = ANY("items") ORDER BY "id" FOR UPDATE;
  UPDATE "jira_sync" SET
    "change_seq" = "change_seq" + 1,
    "state" = CASE WHEN "state" = 'DELETED' THEN 'DELETED' ELSE 'PENDING' END,
    "attempts" = CASE WHEN "state" = 'PENDING' THEN "attempts" ELSE 0 END
  WHERE "action_item_id" = ANY("items");
END
$$`);
    await queryRunner.query(`CREATE FUNCTION "jira_requeue_incident_items"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "jira_sync_requeue"(ARRAY(SELECT "id" FROM "action_item" WHERE "incident_id" = NEW."id"));
  RETURN NULL;
END
$$`);
    await queryRunner.query(
      `CREATE TRIGGER "incident_jira_description" AFTER UPDATE OF "title", "started_at", "severity", "failure_mode", "service_id" ON "incident" FOR EACH ROW
       WHEN (OLD."title" IS DISTINCT FROM NEW."title" OR OLD."started_at" IS DISTINCT FROM NEW."started_at" OR OLD."severity" IS DISTINCT FROM NEW."severity"
             OR OLD."failure_mode" IS DISTINCT FROM NEW."failure_mode" OR OLD."service_id" IS DISTINCT FROM NEW."service_id")
       EXECUTE FUNCTION "jira_requeue_incident_items"()`,
    );
    await queryRunner.query(`CREATE FUNCTION "jira_requeue_service_items"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "jira_sync_requeue"(ARRAY(SELECT a."id" FROM "action_item" a JOIN "incident" i ON i."id" = a."incident_id" WHERE i."service_id" = NEW."id"));
  RETURN NULL;
END
$$`);
    await queryRunner.query(
      `CREATE TRIGGER "service_jira_description" AFTER UPDATE OF "name" ON "service" FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name")
       EXECUTE FUNCTION "jira_requeue_service_items"()`,
    );
    // Issues of open items still carry the old description, with counts other imports moved on: rewrite them
    // once now, rather than as a description-only edit after the next change Jira reports. Closed items are
    // left alone (workflows often forbid editing closed issues); their next push rewrites them.
    await queryRunner.query(
      `UPDATE "jira_sync" s SET "change_seq" = s."change_seq" + 1, "state" = 'PENDING', "attempts" = 0
        FROM "action_item" a WHERE a."id" = s."action_item_id" AND s."state" = 'SYNCED' AND s."issue_id" IS NOT NULL AND a."status" IN ('OPEN', 'IN_PROGRESS', 'BLOCKED')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "service_jira_description" ON "service"`);
    await queryRunner.query(`DROP FUNCTION "jira_requeue_service_items"()`);
    await queryRunner.query(`DROP TRIGGER "incident_jira_description" ON "incident"`);
    await queryRunner.query(`DROP FUNCTION "jira_requeue_incident_items"()`);
    await queryRunner.query(`DROP FUNCTION "jira_sync_requeue"(uuid[])`);
  }
}
