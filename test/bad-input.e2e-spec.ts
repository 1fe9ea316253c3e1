import { Role } from '../src/auth/role';
import { createIncident } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

const CREATE_ITEM = 'mutation($input: CreateActionItemInput!) { createActionItem(input: $input) { id } }';

describe('bad input gets a coded, actionable error and never a 500', () => {
  let t: TestApp;
  let incidentId: string;
  beforeAll(async () => {
    t = await startTestApp({ env: { BODY_LIMIT_BYTES: String(2 * 1024 * 1024) } });
    incidentId = (await createIncident(t)).id;
  });
  afterAll(() => t.close());

  const codes = (response: { status: number; errors?: { message: string; extensions: { code: string; field?: unknown } }[] }) => ({
    status: response.status,
    errors: response.errors?.map((e) => ({ code: e.extensions.code, field: e.extensions.field, message: e.message })),
  });

  it('rejects an unknown enum value', async () => {
    const response = await t.gql(CREATE_ITEM, { input: { incidentId, title: 'x', kind: 'HEROIC' } });
    expect(codes(response)).toEqual({
      status: 400,
      errors: [{ code: 'BAD_USER_INPUT', field: undefined, message: expect.stringContaining('Value "HEROIC" does not exist in "ActionItemKind" enum') }],
    });
  });

  it.each([
    ['an impossible date', '2024-02-30'],
    ['a date with a time', '2024-07-01T10:00:00Z'],
  ])('rejects %s, saying what a date looks like', async (_, dueOn) => {
    const response = await t.gql(CREATE_ITEM, { input: { incidentId, title: 'x', kind: 'PROCESS', dueOn } });
    expect(codes(response).errors).toEqual([
      { code: 'BAD_USER_INPUT', field: undefined, message: expect.stringContaining('LocalDate must be a calendar date written YYYY-MM-DD') },
    ]);
    expect(response.status).toBeLessThan(500);
  });

  it('rejects an instant without a zone', async () => {
    const response = await t.gql('mutation { createIncident(input: { title: "x", startedAt: "2024-07-01 10:00" }) { id } }');
    expect(codes(response)).toEqual({
      status: 400,
      errors: [{ code: 'BAD_USER_INPUT', field: undefined, message: expect.stringContaining('DateTime must be an ISO-8601 instant with a zone') }],
    });
  });

  it('rejects a missing id, and an id that is not a UUID naming the field', async () => {
    expect(codes(await t.gql('{ actionItem { id } }'))).toEqual({
      status: 400,
      errors: [{ code: 'BAD_USER_INPUT', field: undefined, message: 'Field "actionItem" argument "id" of type "ID!" is required, but it was not provided.' }],
    });
    expect(codes(await t.gql('{ actionItem(id: "42") { id } }'))).toEqual({
      status: 200,
      errors: [{ code: 'BAD_USER_INPUT', field: 'id', message: 'Invalid input. id: id must be a UUID, as returned by this API' }],
    });
  });

  it('rejects a title over the limit by name, and a 10 MB title as too large a request', async () => {
    const long = await t.gql(CREATE_ITEM, { input: { incidentId, title: 'x'.repeat(301), kind: 'PROCESS' } });
    expect(codes(long)).toEqual({
      status: 200,
      errors: [{ code: 'BAD_USER_INPUT', field: 'input.title', message: 'Invalid input. input.title: title must be shorter than or equal to 300 characters' }],
    });
    const huge = await t.gql(CREATE_ITEM, { input: { incidentId, title: 'x'.repeat(10 * 1024 * 1024), kind: 'PROCESS' } });
    expect(codes(huge)).toEqual({
      status: 413,
      errors: [{ code: 'PAYLOAD_TOO_LARGE', field: undefined, message: expect.stringContaining('BODY_LIMIT_BYTES') }],
    });
  });

  it('rejects malformed JSON, a syntax error and a forged cursor', async () => {
    // With a token: without one the request is refused before its body is read (issue 22).
    const malformed = await t.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', authorization: t.bearer(Role.VIEWER) }, payload: '{"query": ' });
    expect(codes({ ...malformed.json<object>(), status: malformed.statusCode })).toEqual({
      status: 400,
      errors: [{ code: 'BAD_USER_INPUT', field: undefined, message: expect.stringContaining('not valid JSON') }],
    });
    expect(codes(await t.gql('{ actionItems { totalCount '))).toEqual({
      status: 400,
      errors: [{ code: 'BAD_USER_INPUT', field: undefined, message: expect.stringContaining('Syntax Error') }],
    });
    expect(codes(await t.gql('{ actionItems(after: "bm9wZQ") { totalCount } }'))).toEqual({
      status: 200,
      errors: [{ code: 'BAD_USER_INPUT', field: 'after', message: expect.stringContaining('cursor') }],
    });
  });

  it('rejects out-of-range numbers and blank names', async () => {
    const response = await t.gql('{ actionItems(first: 1000) { totalCount } }');
    expect(codes(response).errors).toEqual([{ code: 'BAD_USER_INPUT', field: 'first', message: 'Invalid input. first: at most 100 per page (MAX_PAGE_SIZE); page on with pageInfo.endCursor.' }]);
    const blank = await t.gql('mutation { createOwner(input: { kind: TEAM, name: "   " }) { id } }');
    expect(codes(blank).errors).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.name', message: 'Invalid input. input.name: name must not be blank' }]);
  });

  it('reports a duplicate name as CONFLICT', async () => {
    await t.gqlData('mutation { createOwner(input: { kind: PERSON, name: "alice" }) { id } }');
    const again = await t.gql('mutation { createOwner(input: { kind: PERSON, name: "alice" }) { id } }');
    expect(codes(again).errors).toEqual([{ code: 'CONFLICT', field: 'input.name', message: 'An owner named "alice" already exists.' }]);
  });

  // Issue 22, finding 12: PostgreSQL stores a lone surrogate (half of a UTF-16 pair) as U+FFFD, so the API
  // replaces it before validating: the answer is what a later read returns, and names that differ only in
  // which lone surrogate they hold are the same stored name, a CONFLICT that shows it. (Only variables can hold
  // one: graphql-js refuses a lone surrogate in a document's string literal as a syntax error.)
  it('stores and answers a lone surrogate as U+FFFD, and two names differing only in which one conflict', async () => {
    const created = await t.gqlData<{ createOwner: { id: string; name: string } }>('mutation($name: String!) { createOwner(input: { kind: TEAM, name: $name }) { id name } }', {
      name: 'lone-\uD800-team',
    });
    const service = await t.gqlData<{ createService: { name: string; aliases: string[] } }>('mutation($input: CreateServiceInput!) { createService(input: $input) { name aliases } }', {
      input: { name: 'svc-\uDFFF', aliases: ['x\uDC00y', 'ok \uD83D\uDE00'] },
    });
    const token = await t.gqlData<{ createApiToken: { token: { name: string } } }>('mutation($name: String!) { createApiToken(input: { name: $name, role: VIEWER }) { token { name } } }', {
      name: 'bot-\uDBFF',
    });
    const owners = await t.gqlData<{ owners: { nodes: { id: string; name: string }[] } }>('{ owners(first: 100) { nodes { id name } } }');
    const services = await t.gqlData<{ services: { nodes: { name: string; aliases: string[] }[] } }>('{ services(first: 100) { nodes { name aliases } } }');
    const tokens = await t.gqlData<{ apiTokens: { name: string }[] }>('{ apiTokens { name } }');
    expect([created.createOwner.name, service.createService, token.createApiToken.token.name]).toEqual([
      'lone-\uFFFD-team',
      { name: 'svc-\uFFFD', aliases: ['x\uFFFDy', 'ok \uD83D\uDE00'] },
      'bot-\uFFFD',
    ]);
    expect(owners.owners.nodes.find((o) => o.id === created.createOwner.id)?.name).toBe(created.createOwner.name);
    expect(services.services.nodes.filter((s) => s.name.startsWith('svc-'))).toEqual([service.createService]);
    expect(tokens.apiTokens.map((k) => k.name)).toContain(token.createApiToken.token.name);
    const other = await t.gql('mutation($name: String!) { createOwner(input: { kind: TEAM, name: $name }) { id } }', { name: 'lone-\uDFFF-team' });
    expect(codes(other).errors).toEqual([{ code: 'CONFLICT', field: 'input.name', message: 'An owner named "lone-\uFFFD-team" already exists.' }]);
  });
});
