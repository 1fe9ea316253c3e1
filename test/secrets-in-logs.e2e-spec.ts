import { createHmac, randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { Role } from '../src/auth/role';
import { startFakeJira, type FakeJira } from './support/fake-jira';
import { ITEM_JIRA, jiraEnv, syncNow, syncRows } from './support/jira-sync';
import { CART_LEAK_V1 } from './support/postmortem-texts';
import { startTestApp, type TestApp } from './support/test-app';

/** Collects every log line the service writes. */
class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }
  records(): Record<string, unknown>[] {
    return this.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  }
}

const IMPORT = `mutation($text: String!) { importPostmortem(input: { text: $text }) { actionItems { id } } }`;

describe('secrets never reach logs or errors; every request line has a request id', () => {
  const jiraToken = `jira-${randomBytes(12).toString('hex')}`;
  const webhookSecret = `whsec-${randomBytes(12).toString('hex')}`;
  const email = 'bot@example.com';
  let fake: FakeJira;
  let t: TestApp;
  const logs = new LogCapture();
  const answers: string[] = [];
  let revokedSecret = '';

  beforeAll(async () => {
    // Jira knows another token first, so the service's calls fail with 401 and it logs and stores those failures.
    fake = await startFakeJira({ email, apiToken: 'the-right-one' });
    t = await startTestApp({ logStream: logs, listen: true, env: { ...jiraEnv(fake, { JIRA_EMAIL: email, JIRA_API_TOKEN: jiraToken, JIRA_WEBHOOK_SECRET: webhookSecret }), LOG_LEVEL: 'trace' } });
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  const secrets = () => ({
    jiraToken,
    basicCredential: Buffer.from(`${email}:${jiraToken}`).toString('base64'),
    webhookSecret,
    admin: t.tokens[Role.ADMIN],
    editor: t.tokens[Role.EDITOR],
    viewer: t.tokens[Role.VIEWER],
    revoked: revokedSecret,
  });

  it('drives traffic that touches every secret: tokens good, bad and revoked, Jira refusing us, webhooks signed and forged', async () => {
    const imported = await t.gqlData<{ importPostmortem: { actionItems: { id: string }[] } }>(IMPORT, { text: CART_LEAK_V1 });
    await syncNow(t);
    expect((await syncRows(t)).every((row) => row.error !== null)).toBe(true);
    const item = await t.gql(ITEM_JIRA, { id: imported.importPostmortem.actionItems[0].id });
    answers.push(JSON.stringify(item));

    const created = await t.gqlData<{ createApiToken: { secret: string; token: { id: string } } }>(
      'mutation { createApiToken(input: { name: "soon-revoked", role: VIEWER }) { secret token { id } } }',
    );
    revokedSecret = created.createApiToken.secret;
    await t.gqlData('mutation($id: ID!) { revokeApiToken(id: $id) { id } }', { id: created.createApiToken.token.id });
    for (const authorization of [`Bearer ${revokedSecret}`, `Bearer ${revokedSecret.slice(0, -1)}x`, `Basic ${Buffer.from(`${email}:${jiraToken}`).toString('base64')}`]) {
      answers.push(JSON.stringify(await t.gql('{ incidents { totalCount } }', {}, { authorization })));
    }
    answers.push(JSON.stringify(await t.gql('{ actionItems(first: 1000) { totalCount } }', {}, { authorization: t.bearer(Role.VIEWER) })));
    answers.push(JSON.stringify(await t.gql(IMPORT, { text: CART_LEAK_V1 }, { authorization: t.bearer(Role.VIEWER) })));

    const body = JSON.stringify({ webhookEvent: 'jira:issue_updated', timestamp: Date.now(), issue: { id: '1', key: 'PM-1', fields: {} } });
    const signed = `sha256=${createHmac('sha256', webhookSecret).update(body).digest('hex')}`;
    for (const signature of [signed, `sha256=${'0'.repeat(64)}`, webhookSecret]) {
      const response = await t.app.inject({ method: 'POST', url: '/webhooks/jira', headers: { 'content-type': 'application/json', 'x-hub-signature': signature, 'x-atlassian-webhook-identifier': randomBytes(4).toString('hex') }, payload: body });
      answers.push(response.body);
    }
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: t.bearer(Role.VIEWER) } });
    answers.push(metrics.body);
    expect(logs.lines.length).toBeGreaterThan(20);
  });

  it('finds no secret in any log line or any answer', () => {
    const everything = [...logs.lines, ...answers].join('\n');
    const found = Object.entries(secrets()).filter(([, secret]) => secret && everything.includes(secret));
    expect(found.map(([name]) => name)).toEqual([]);
    // The checked text is real: the Jira failures and the request lines are in it.
    expect(everything).toContain('"status":401');
    expect(everything).toContain('"path":"/webhooks/jira"');
  });

  it('writes JSON lines; every request line carries a request id, also returned as X-Request-Id', async () => {
    const records = logs.records();
    const requestLines = records.filter((record) => record.msg === 'request');
    expect(requestLines.length).toBeGreaterThanOrEqual(10);
    for (const line of requestLines) expect(line).toMatchObject({ requestId: expect.any(String), method: expect.any(String), path: expect.any(String), status: expect.any(Number), ms: expect.any(Number) });

    const response = await t.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', authorization: t.bearer(Role.VIEWER), 'x-request-id': 'trace-7f3a' }, payload: '{"query":"{ incidents { totalCount } }"}' });
    expect(response.headers['x-request-id']).toBe('trace-7f3a');
    expect(logs.records().find((record) => record.requestId === 'trace-7f3a')).toMatchObject({ msg: 'request', path: '/graphql', status: 200, token: 'test-viewer' });
    const generated = await t.app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'not ok; <script>' } });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs an unexpected GraphQL error under the request id, and tells the client only its reference', async () => {
    await t.dataSource.query('ALTER TABLE incident RENAME TO incident_away');
    try {
      const response = await t.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', authorization: t.bearer(Role.ADMIN), 'x-request-id': 'broken-1' }, payload: '{"query":"{ incidents { totalCount } }"}' });
      const error = response.json<{ errors: { message: string; extensions: { code: string; reference: string } }[] }>().errors[0];
      expect(error.extensions.code).toBe('INTERNAL_SERVER_ERROR');
      expect(error.message).not.toContain('incident');
      const logged = logs.records().find((record) => record.reference === error.extensions.reference);
      expect(logged).toMatchObject({ requestId: 'broken-1', level: 50 });
    } finally {
      await t.dataSource.query('ALTER TABLE incident_away RENAME TO incident');
    }
  });
});
