import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An issue adopted with linkJiraIssue keeps its summary, description, priority and labels unless someone chose
 * to overwrite them (issue 22, finding 7). Links made before keep what they had: their text was already written.
 */
export class KeepAdoptedIssueText1796550938763 implements MigrationInterface {
  name = 'KeepAdoptedIssueText1796550938763';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "jira_sync" ADD "keep_issue_text" boolean NOT NULL DEFAULT false`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "jira_sync" DROP COLUMN "keep_issue_text"`);
  }
}
