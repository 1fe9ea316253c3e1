import type { DataSource } from 'typeorm';
import { FixedClock } from '../common/clock';
import { loadEnv } from '../config/env';
import { readJiraSettings, type JiraSettings } from './jira-settings';
import { JiraSyncStateService } from './jira-sync-state.service';

describe('JiraSyncStateService.status', () => {
  const settings = readJiraSettings(
    loadEnv({ JIRA_BASE_URL: 'https://acme.atlassian.net', JIRA_EMAIL: 'bot@acme.example', JIRA_API_TOKEN: 'ATATT3-token', JIRA_PROJECT_KEY: 'PM' }),
  ) as JiraSettings;
  const dataSource = {
    query: (sql: string) => Promise.resolve(sql.includes('FROM jira_sync') ? [{ pending: 1, synced: 2, failed: 0, deleted: 0, warnings: 0 }] : []),
  } as unknown as DataSource;
  const statusWith = (baseUrl: string) => new JiraSyncStateService(dataSource, new FixedClock(new Date()), { ...settings, baseUrl }).status();

  it('shows the site, never user information in its URL (issue 22, finding 8)', async () => {
    expect(await statusWith('https://acme.atlassian.net')).toMatchObject({ enabled: true, baseUrl: 'https://acme.atlassian.net', pending: 1, synced: 2 });
    // loadEnv refuses such a URL; were one to get through, viewers still would not see what it carries.
    expect((await statusWith('https://bot%40acme.example:ATATT3-url-token@acme.atlassian.net/jira')).baseUrl).toBe('https://acme.atlassian.net/jira');
    expect((await statusWith('https://ATATT3-url-token@acme.atlassian.net')).baseUrl).toBe('https://acme.atlassian.net');
  });
});
