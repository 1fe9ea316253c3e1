import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ActiveItemsByDueDate1795264052254 implements MigrationInterface {
  name = 'ActiveItemsByDueDate1795264052254';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "action_item_active_due_on_idx" ON "action_item"  ("due_on", "id") WHERE "status" IN ('OPEN', 'IN_PROGRESS', 'BLOCKED')`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."action_item_active_due_on_idx"`);
  }
}
