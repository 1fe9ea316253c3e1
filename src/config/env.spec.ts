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
});
