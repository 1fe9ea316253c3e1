import { Command } from 'commander';
import { createHash } from 'node:crypto';
import { registerTokenCommands } from '../src/auth/token.command';
import { Role } from '../src/auth/role';
import { CART_LEAK_V1 } from './support/postmortem-texts';
import { startTestApp, type GraphQLResponse, type TestApp } from './support/test-app';

const IMPORT = `mutation($text: String!) { importPostmortem(input: { text: $text }) { outcome actionItems { id version } } }`;
const CREATE_TOKEN = `mutation($name: String!, $role: Role!) { createApiToken(input: { name: $name, role: $role }) { secret token { id name role secretHint createdBy } } }`;
const NO_TOKEN = { authorization: '' };

const codesOf = (response: GraphQLResponse) => response.errors?.map((error) => error.extensions.code);

describe('API tokens and roles', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('refuses a mutation without a token as UNAUTHENTICATED, saying how to create one', async () => {
    const response = await t.gql(IMPORT, { text: CART_LEAK_V1 }, NO_TOKEN);
    expect(codesOf(response)).toEqual(['UNAUTHENTICATED']);
    expect(response.errors?.[0].message).toContain('npm run -s cli -- token create --name NAME --role');
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM incident')).toEqual([{ n: 0 }]);
  });

  it('refuses queries without a token too, unless AUTH_ANONYMOUS_ROLE=viewer opens reading', async () => {
    expect(codesOf(await t.gql('{ incidents { totalCount } }', {}, NO_TOKEN))).toEqual(['UNAUTHENTICATED']);
    const open = await startTestApp({ env: { AUTH_ANONYMOUS_ROLE: 'viewer' } });
    try {
      expect((await open.gql('{ incidents { totalCount } }', {}, NO_TOKEN)).data).toEqual({ incidents: { totalCount: 0 } });
      const write = await open.gql(IMPORT, { text: CART_LEAK_V1 }, NO_TOKEN);
      expect(codesOf(write)).toEqual(['FORBIDDEN']);
      expect(write.errors?.[0].message).toBe('Requests without a token have the viewer role; this change needs editor or higher.');
    } finally {
      await open.close();
    }
  });

  it('lets a viewer read but not change: FORBIDDEN, and nothing is written', async () => {
    const viewer = { authorization: t.bearer(Role.VIEWER) };
    expect((await t.gql('{ incidents { totalCount } }', {}, viewer)).data).toEqual({ incidents: { totalCount: 0 } });
    const write = await t.gql(IMPORT, { text: CART_LEAK_V1 }, viewer);
    expect(codesOf(write)).toEqual(['FORBIDDEN']);
    expect(write.errors?.[0]).toMatchObject({ message: 'The token "test-viewer" has the viewer role; this change needs editor or higher.', extensions: { requiredRole: 'editor' } });
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM incident')).toEqual([{ n: 0 }]);
  });

  it('lets an editor import and change items, recorded under the token name, but not manage services or tokens', async () => {
    const editor = { authorization: t.bearer(Role.EDITOR) };
    const imported = await t.gql<{ importPostmortem: { outcome: string; actionItems: { id: string; version: number }[] } }>(IMPORT, { text: CART_LEAK_V1 }, editor);
    expect(imported.data?.importPostmortem.outcome).toBe('CREATED');
    const [item] = imported.data!.importPostmortem.actionItems;
    const moved = await t.gql<{ transitionActionItem: { history: { actor: string; field: string }[] } }>(
      'mutation($id: ID!) { transitionActionItem(id: $id, to: IN_PROGRESS) { history { actor field } } }',
      { id: item.id },
      editor,
    );
    expect(moved.data?.transitionActionItem.history.at(-1)).toEqual({ actor: 'test-editor', field: 'status' });
    expect(codesOf(await t.gql('mutation { createService(input: { name: "ledger" }) { id } }', {}, editor))).toEqual(['FORBIDDEN']);
    expect(codesOf(await t.gql(CREATE_TOKEN, { name: 'sneaky', role: 'ADMIN' }, editor))).toEqual(['FORBIDDEN']);
    expect(codesOf(await t.gql('{ apiTokens { id } }', {}, editor))).toEqual(['FORBIDDEN']);
    expect((await t.gql('mutation { createService(input: { name: "ledger" }) { name } }')).data).toEqual({ createService: { name: 'ledger' } });
  });

  it('shows a new secret once, stores only its SHA-256, and refuses it once revoked', async () => {
    const created = await t.gqlData<{ createApiToken: { secret: string; token: { id: string; name: string; role: string; secretHint: string; createdBy: string } } }>(CREATE_TOKEN, {
      name: 'grafana',
      role: 'VIEWER',
    });
    const { secret, token } = created.createApiToken;
    expect(secret).toMatch(/^ft_[A-Za-z0-9_-]{43}$/);
    expect(token).toEqual({ id: expect.any(String), name: 'grafana', role: 'VIEWER', secretHint: secret.slice(0, 9), createdBy: 'tester' });

    const [row] = await t.dataSource.query<Record<string, unknown>[]>('SELECT * FROM api_token WHERE id = $1', [token.id]);
    expect(row.secret_hash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(secret.slice(9));
    const anywhere = await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM api_token t WHERE row_to_json(t)::text LIKE '%' || $1 || '%'`, [secret.slice(3)]);
    expect(anywhere).toEqual([{ n: 0 }]);

    const asGrafana = { authorization: `Bearer ${secret}` };
    expect((await t.gql('{ incidents { totalCount } }', {}, asGrafana)).data).toEqual({ incidents: { totalCount: 1 } });
    const [{ last_used_at }] = await t.dataSource.query<{ last_used_at: Date }[]>('SELECT last_used_at FROM api_token WHERE id = $1', [token.id]);
    expect(last_used_at).toEqual(t.clock.now());

    expect((await t.gqlData<{ revokeApiToken: { revokedAt: string } }>('mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt } }', { id: token.id })).revokeApiToken.revokedAt).toBe(
      t.clock.now().toISOString(),
    );
    const refused = await t.gql('{ incidents { totalCount } }', {}, asGrafana);
    expect(codesOf(refused)).toEqual(['UNAUTHENTICATED']);
    expect(refused.errors?.[0].message).toContain('The API token "grafana" was revoked on');
    expect((await t.app.inject({ method: 'GET', url: '/metrics', headers: asGrafana })).statusCode).toBe(401);
  });

  it('rejects a malformed or unknown token instead of treating the request as anonymous', async () => {
    const open = await startTestApp({ env: { AUTH_ANONYMOUS_ROLE: 'viewer' } });
    try {
      for (const authorization of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer not-a-token', `Bearer ft_${'A'.repeat(43)}`]) {
        const response = await open.gql('{ incidents { totalCount } }', {}, { authorization });
        expect({ authorization, codes: codesOf(response) }).toEqual({ authorization, codes: ['UNAUTHENTICATED'] });
      }
    } finally {
      await open.close();
    }
  });

  it('guards the HTTP routes: /metrics and /items need a viewer; /health, the dashboard page and the Jira webhook do not', async () => {
    const get = (url: string, authorization = '') => t.app.inject({ method: 'GET', url, headers: { authorization } });
    const metrics = await get('/metrics');
    expect(metrics.statusCode).toBe(401);
    expect(metrics.json<{ message: string }>().message).toContain('token create');
    expect((await get('/metrics', t.bearer(Role.VIEWER))).statusCode).toBe(200);
    expect((await get('/items/00000000-0000-4000-8000-000000000000')).statusCode).toBe(401);
    expect((await get('/health')).statusCode).toBe(200);
    expect((await get('/dashboard')).statusCode).toBe(200);
    // Without a webhook secret configured the webhook refuses everything; it is the signature, not a token, that counts.
    const webhook = await t.app.inject({ method: 'POST', url: '/webhooks/jira', headers: { 'content-type': 'application/json' }, payload: '{}' });
    expect(webhook.statusCode).not.toBe(401);
  });
});

describe('cli token', () => {
  const saved = { ...process.env };
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    Object.assign(process.env, t.databaseEnv, { LOG_LEVEL: 'error' });
  });
  afterAll(async () => {
    process.env = saved;
    await t.close();
  });

  async function cli(...args: string[]): Promise<{ stdout: string; stderr: string }> {
    const program = new Command().exitOverride();
    registerTokenCommands(program);
    let stdout = '';
    let stderr = '';
    const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
    const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
    try {
      await program.parseAsync(['node', 'cli', 'token', ...args]);
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
    return { stdout, stderr };
  }

  it('creates a token whose secret is the only thing on stdout, lists it without the secret, and revokes it by name', async () => {
    const created = await cli('create', '--name', 'ci-importer', '--role', 'editor');
    const secret = created.stdout.trim();
    expect(secret).toMatch(/^ft_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toMatch(/^Created editor token "ci-importer" \([0-9a-f-]{36}\)\. Keep the secret now/);

    const imported = await t.gql<{ importPostmortem: { outcome: string } }>(IMPORT, { text: CART_LEAK_V1 }, { authorization: `Bearer ${secret}` });
    expect(imported.data?.importPostmortem.outcome).toBe('CREATED');

    const listed = (await cli('list')).stdout;
    expect(listed.split('\n')[0]).toMatch(/^ID\s+NAME\s+ROLE\s+HINT\s+CREATED\s+LAST USED\s+REVOKED$/);
    expect(listed).toMatch(/ci-importer\s+editor\s+ft_\S{6}…/);
    expect(listed).not.toContain(secret.slice(9));

    expect((await cli('revoke', 'ci-importer')).stdout).toMatch(/^Revoked "ci-importer" \([0-9a-f-]{36}\) at \d{4}-/);
    expect(codesOf(await t.gql('{ incidents { totalCount } }', {}, { authorization: `Bearer ${secret}` }))).toEqual(['UNAUTHENTICATED']);
    expect((await cli('list')).stdout).not.toContain('ci-importer');
    expect((await cli('list', '--all')).stdout).toContain('ci-importer');
  });

  it('refuses an unknown role and a duplicate active name with a clear message', async () => {
    await expect(cli('create', '--name', 'x', '--role', 'owner')).rejects.toThrow('--role must be one of viewer, editor, admin (got "owner").');
    await cli('create', '--name', 'dup', '--role', 'viewer');
    await expect(cli('create', '--name', 'dup', '--role', 'viewer')).rejects.toThrow('An active token is already named "dup"');
  });
});
