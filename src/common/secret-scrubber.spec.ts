import { loadEnv } from '../config/env';
import { secretScrubber } from './secret-scrubber';

describe('secretScrubber', () => {
  const env = loadEnv({
    NODE_ENV: 'test',
    DATABASE_URL: 'postgres://app:s3cr%2Ft-pass@db.internal:5432/followthrough',
    DATABASE_REPLICA_URLS: 'postgres://reader:replica-pass-1@replica-1/followthrough, postgres://reader:replica-pass-2@replica-2/followthrough',
    JIRA_BASE_URL: 'https://acme.atlassian.net',
    JIRA_EMAIL: 'bot@acme.example',
    JIRA_API_TOKEN: 'ATATT3xFfGF0-jira-token',
    JIRA_PROJECT_KEY: 'PM',
    JIRA_WEBHOOK_SECRET: 'hook"secret\\value',
  });
  const scrub = secretScrubber(env);
  const token = `ft_${'a1B2_-'.repeat(7)}x`;

  it.each([
    ['a configured Jira token in a message', 'Jira refused ATATT3xFfGF0-jira-token', 'Jira refused [redacted]'],
    ['the webhook secret as JSON escapes it', JSON.stringify({ secret: 'hook"secret\\value' }), '{"secret":"[redacted]"}'],
    ['a URL-encoded secret', `?token=${encodeURIComponent('hook"secret\\value')}`, '?token=[redacted]'],
    ['an API token anywhere', `token ${token} used`, 'token [redacted] used'],
    ['Authorization values', 'Authorization: Bearer abcdefgh12345 and Basic Ym90OmV4YW1wbGU=', 'Authorization: Bearer [redacted] and Basic [redacted]'],
    ['the database password, decoded', 'connecting with s3cr/t-pass', 'connecting with [redacted]'],
    ['the read replicas\' passwords', 'replica-pass-1 and replica-pass-2', '[redacted] and [redacted]'],
    ['a password in any postgres URL', 'postgresql://u:other@host/db', 'postgresql://u:[redacted]@host/db'],
    ['credentials in an http(s) URL (issue 22, finding 8)', 'GET https://bot%40acme.example:ATATT3-other@acme.atlassian.net/rest failed', 'GET https://[redacted]@acme.atlassian.net/rest failed'],
    ['a token as the user of an http(s) URL', '"baseUrl":"https://ATATT3-alone@acme.atlassian.net"', '"baseUrl":"https://[redacted]@acme.atlassian.net"'],
  ])('blanks %s', (_case, text, expected) => {
    expect(scrub(text)).toBe(expected);
  });

  it('leaves ordinary text alone, including short words that happen to be in a secret', () => {
    const line = '{"msg":"request","path":"/graphql","status":200,"token":"grafana","url":"https://acme.atlassian.net/browse/PM-1?by=ada@acme.example","mail":"ada@acme.example"}';
    expect(scrub(line)).toBe(line);
  });
});
