import { InvalidEnvironmentError, loadEnv } from './env';

describe('loadEnv', () => {
  it('applies defaults and converts types', () => {
    const env = loadEnv({ PORT: '8080', RUN_MIGRATIONS: 'false', DATABASE_URL: '' });
    expect({ port: env.PORT, migrate: env.RUN_MIGRATIONS, url: env.DATABASE_URL, dataDir: env.DATA_DIR, zone: env.DUE_DATE_TIME_ZONE }).toEqual({
      port: 8080,
      migrate: false,
      url: undefined,
      dataDir: './.data',
      zone: 'UTC',
    });
  });

  it('names every invalid setting at once', () => {
    expect(() => loadEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' })).toThrow(InvalidEnvironmentError);
    expect(() => loadEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' })).toThrow(/PORT: .*\n.*DATABASE_URL: .*postgres:\/\/[\s\S]*LOG_LEVEL/);
  });

  it('rejects an unknown time zone', () => {
    expect(() => loadEnv({ DUE_DATE_TIME_ZONE: 'Mars/Olympus' })).toThrow('DUE_DATE_TIME_ZONE: unknown time zone "Mars/Olympus"');
  });

  it('reads DATABASE_REPLICA_URLS as a list of postgres URLs, only next to DATABASE_URL', () => {
    const primary = 'postgres://app@db:5432/followthrough';
    const env = loadEnv({ DATABASE_URL: primary, DATABASE_REPLICA_URLS: 'postgres://app@replica-1/followthrough, postgresql://app@replica-2:5433/followthrough' });
    expect({ urls: env.DATABASE_REPLICA_URLS, retry: env.DATABASE_REPLICA_RETRY_SECONDS }).toEqual({
      urls: 'postgres://app@replica-1/followthrough, postgresql://app@replica-2:5433/followthrough',
      retry: 5,
    });
    expect(() => loadEnv({ DATABASE_URL: primary, DATABASE_REPLICA_URLS: 'mysql://replica/x' })).toThrow(/DATABASE_REPLICA_URLS: .*postgres:\/\/ URLs separated by commas/);
    expect(() => loadEnv({ DATABASE_URL: primary, DATABASE_REPLICA_URLS: 'postgres://replica/x,,' })).toThrow(/DATABASE_REPLICA_URLS/);
    expect(() => loadEnv({ DATABASE_REPLICA_URLS: 'postgres://replica/x' })).toThrow('DATABASE_REPLICA_URLS: needs DATABASE_URL');
    expect(() => loadEnv({ DATABASE_URL: primary, DATABASE_REPLICA_RETRY_SECONDS: '0' })).toThrow(/DATABASE_REPLICA_RETRY_SECONDS/);
  });

  it('refuses credentials inside JIRA_BASE_URL or JIRA_SITE_URL (issue 22, finding 8), naming the settings to use and not the secret', () => {
    const jira = { JIRA_EMAIL: 'bot@acme.example', JIRA_API_TOKEN: 'ATATT3-real-token', JIRA_PROJECT_KEY: 'PM' };
    const refusal = (source: Record<string, string>) => {
      try {
        loadEnv(source);
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidEnvironmentError);
        return (error as Error).message;
      }
      throw new Error('expected loadEnv to refuse');
    };
    const inBase = refusal({ ...jira, JIRA_BASE_URL: 'https://bot%40acme.example:ATATT3-url-token@acme.atlassian.net' });
    expect(inBase).toContain('JIRA_BASE_URL: has credentials in it (user:token@); give the site alone, e.g. https://acme.atlassian.net, and the account in JIRA_EMAIL and JIRA_API_TOKEN (or JIRA_BEARER_TOKEN)');
    expect(inBase).not.toMatch(/ATATT3-url-token|bot%40acme/);
    expect(refusal({ ...jira, JIRA_BASE_URL: 'https://ATATT3-url-token@acme.atlassian.net' })).toContain('JIRA_BASE_URL: has credentials in it');
    expect(refusal({ ...jira, JIRA_BASE_URL: 'https://acme.atlassian.net', JIRA_SITE_URL: 'https://u:ATATT3-url-token@acme.atlassian.net' })).toContain('JIRA_SITE_URL: has credentials in it');
    // An @ in the path is no user information.
    expect(loadEnv({ ...jira, JIRA_BASE_URL: 'https://jira.acme.example/team@ops' }).JIRA_BASE_URL).toBe('https://jira.acme.example/team@ops');
  });
});
