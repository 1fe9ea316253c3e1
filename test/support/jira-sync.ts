import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JiraSyncWorker } from '../../src/jira/jira-sync.worker';
import { JiraReconcileService } from '../../src/jira/jira-reconcile.service';
import type { FakeJira } from './fake-jira';
import { startTestApp, type TestApp } from './test-app';
import type { TestDatabase } from './test-database';

export const WEBHOOK_SECRET = 'test-webhook-secret';

/** Settings that point the service at the fake; retries are short and the worker is driven by the test. */
export function jiraEnv(fake: FakeJira, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    JIRA_BASE_URL: fake.url,
    JIRA_EMAIL: 'bot@example.com',
    JIRA_API_TOKEN: 'test-token',
    JIRA_PROJECT_KEY: 'PM',
    JIRA_WEBHOOK_SECRET: WEBHOOK_SECRET,
    PUBLIC_URL: 'https://followthrough.example.com',
    RUN_WORKER: 'false',
    JIRA_RETRY_BASE_MS: '1000',
    JIRA_RETRY_MAX_MS: '60000',
    JIRA_MAX_ATTEMPTS: '4',
    JIRA_WRITE_SPACING_MS: '0',
    JIRA_SEARCH_SETTLE_MS: '5000',
    JIRA_TIMEOUT_MS: '1500',
    ...overrides,
  };
}

/** A service that syncs with the fake and listens on a port, so the fake can deliver webhooks to it. */
export async function startSyncedApp(fake: FakeJira, options: { env?: Record<string, string>; testDatabase?: TestDatabase; now?: Date } = {}): Promise<TestApp> {
  const t = await startTestApp({ env: jiraEnv(fake, options.env), testDatabase: options.testDatabase, now: options.now, listen: true });
  fake.setWebhook({ url: `${t.url}/webhooks/jira`, secret: WEBHOOK_SECRET });
  return t;
}

/** Runs the worker until nothing is due at the test clock's now. */
export function syncNow(t: TestApp): Promise<number> {
  return t.app.get(JiraSyncWorker).runDue();
}

export function reconcileNow(t: TestApp) {
  return t.app.get(JiraReconcileService).reconcile(t.app.get(JiraSyncWorker).id);
}

/** Moves the test clock forward, so retries scheduled for later become due. */
export function advance(t: TestApp, ms: number): void {
  t.clock.set(new Date(t.clock.now().getTime() + ms));
}

export interface SyncRow {
  action_item_id: string;
  state: string;
  issue_id: string | null;
  issue_key: string | null;
  attempts: number;
  next_attempt_at: Date;
  error: string | null;
  warning: string | null;
}

export async function syncRows(t: TestApp): Promise<SyncRow[]> {
  return t.dataSource.query(`SELECT action_item_id, state, issue_id, issue_key, attempts, next_attempt_at, error, warning FROM jira_sync ORDER BY action_item_id`);
}

const EXAMPLES = join(__dirname, '..', '..', 'examples');
/** The five postmortems the project started from, when this checkout sits next to them (not in a bare clone). */
export const SHARED_SEEDS = join(__dirname, '..', '..', '..', 'shared', 'fixtures', 'postmortems', 'seeds');
const IMPORT = `mutation($input: ImportPostmortemInput!) { importPostmortem(input: $input) { actionItems { id } } }`;

/** Imports the repository's five example postmortems (five memory leaks), or another folder; returns the ids of their items. */
export async function importExamples(t: TestApp, folder = EXAMPLES): Promise<string[]> {
  const ids: string[] = [];
  for (const name of readdirSync(folder).filter((file) => /\.(md|txt)$/.test(file)).sort()) {
    const data = await t.gqlData<{ importPostmortem: { actionItems: { id: string }[] } }>(IMPORT, { input: { text: readFileSync(join(folder, name), 'utf8'), sourceUri: name } });
    ids.push(...data.importPostmortem.actionItems.map((item) => item.id));
  }
  return ids;
}

export const ITEM_JIRA = `query($id: ID!) { actionItem(id: $id) { id status dueOn version evidenceUrl owner { name } jira { state issueId issueKey url error warning attempts lastSyncedAt } } }`;

export interface ItemWithJira {
  id: string;
  status: string;
  dueOn: string | null;
  version: number;
  evidenceUrl: string | null;
  owner: { name: string } | null;
  jira: { state: string; issueId: string | null; issueKey: string | null; url: string | null; error: string | null; warning: string | null; attempts: number; lastSyncedAt: string | null } | null;
}

export async function itemWithJira(t: TestApp, id: string): Promise<ItemWithJira> {
  return (await t.gqlData<{ actionItem: ItemWithJira }>(ITEM_JIRA, { id })).actionItem;
}
