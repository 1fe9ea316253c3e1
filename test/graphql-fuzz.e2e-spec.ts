import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildSchema, type GraphQLField, type GraphQLObjectType } from 'graphql';
import { Role } from '../src/auth/role';
import { ErrorCode } from '../src/common/domain-error';
import { createOwner, createService } from './support/factories';
import { abusiveDocument, fragmentTree, HUGE_ASCII, mutatedQuery, oddString, operationOf, sometimes, type Pools, type Value } from './support/graphql-arbitraries';
import { CART_LEAK_V1, CART_LEAK_V2, NO_MEASURES } from './support/postmortem-texts';
import { startTestApp, type TestApp } from './support/test-app';

// GraphQL fuzzing (issue 7, point 3, GraphQL half): thousands of generated requests against one app on a seeded
// database — arguments for every Query and Mutation field driven by schema.graphql (valid-shaped, boundary and
// wrong values, as variables and as literals, with selections picked from the return types), and raw HTTP
// abuse (mutated and pathological documents, odd bodies, batches, content types, methods). Whatever comes in,
// the answer is never a 5xx, always JSON, and every error carries a known `extensions.code` that is not
// INTERNAL_SERVER_ERROR. The seed is fixed so a failure replays; FUZZ_SEED and FUZZ_RUNS (runs per root field;
// the raw cases run four times as many) change it locally.
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const RAW_RUNS = RUNS * 4;
// Jest's 60 s suffice for the default runs; more runs (FUZZ_RUNS) also grow the data every mutation works on.
const TIMEOUT_MS = Math.max(60_000, RUNS * 2_000);

const KNOWN_CODES = new Set<string>(Object.values(ErrorCode).filter((code) => code !== ErrorCode.Internal));
const schema = buildSchema(readFileSync(join(__dirname, '..', 'schema.graphql'), 'utf8'));
const rootFields = (type: GraphQLObjectType | null | undefined) => Object.values(type?.getFields() ?? {}) as GraphQLField<unknown, unknown>[];

interface RawRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'HEAD' | 'OPTIONS';
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

interface Observed {
  status: number;
  body: string;
  method?: RawRequest['method'];
  /** False for a path or method that has no GraphQL route: the framework's plain 404 is then a fine answer. */
  graphqlRoute?: boolean;
}

/** Everything wrong with one answer; empty when it is a proper answer (data, or coded errors). */
function problemsOf({ status, body, method = 'POST', graphqlRoute = true }: Observed): string[] {
  const problems: string[] = [];
  if (status >= 500) problems.push(`HTTP ${status}`);
  if (method === 'HEAD') return problems; // no body, by definition
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return [...problems, `body is not JSON: ${abbreviate(body)}`];
  }
  const answers = Array.isArray(parsed) ? parsed : [parsed];
  for (const answer of answers) {
    if (typeof answer !== 'object' || answer === null) {
      problems.push(`answer is not an object: ${abbreviate(JSON.stringify(answer))}`);
      continue;
    }
    const { data, errors } = answer as { data?: unknown; errors?: unknown };
    if (errors === undefined) {
      const plainNotFound = !graphqlRoute && (status === 404 || status === 405) && (answer as { statusCode?: unknown }).statusCode === status;
      if (plainNotFound) continue;
      if (status >= 400) problems.push(`HTTP ${status} without GraphQL errors: ${abbreviate(body)}`);
      else if (typeof data !== 'object' || data === null) problems.push(`neither data nor errors: ${abbreviate(body)}`);
      continue;
    }
    if (!Array.isArray(errors) || errors.length === 0) {
      problems.push(`errors is not a non-empty list: ${abbreviate(JSON.stringify(errors))}`);
      continue;
    }
    for (const error of errors as { message?: unknown; extensions?: { code?: unknown } }[]) {
      const code = error?.extensions?.code;
      if (typeof code !== 'string') problems.push(`uncoded error: ${abbreviate(JSON.stringify(error))}`);
      else if (!KNOWN_CODES.has(code)) problems.push(`error code ${code}: ${abbreviate(JSON.stringify(error))}`);
      if (typeof error?.message !== 'string') problems.push(`error without a message: ${abbreviate(JSON.stringify(error))}`);
    }
  }
  return problems;
}

/** encodeURIComponent for any string: a lone surrogate goes as the UTF-8 of U+FFFD instead of throwing. */
function percentEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((byte) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).padStart(2, '0').toUpperCase()}`)).join('');
}

/** Long strings cut to their first characters, so a counterexample with a 10^6-character value stays readable. */
function abbreviate(text: string, max = 300): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}

function describeValue(value: unknown): unknown {
  if (typeof value === 'string') return value.length > 2_000 ? `${value.slice(0, 200)}… (${value.length} characters)` : value;
  if (Buffer.isBuffer(value)) return `<${value.length} bytes: ${abbreviate(value.toString('latin1'), 80)}>`;
  if (Array.isArray(value)) return value.length > 20 ? [...value.slice(0, 5).map(describeValue), `… (${value.length} items)`] : value.map(describeValue);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, describeValue(field)]));
  return value;
}

/** Runs a property over requests; on failure, reports fast-check's shrunk request and what the server answered. */
async function fuzz<T>(what: string, requests: fc.Arbitrary<T>, send: (request: T) => Promise<Observed>, runs: number): Promise<void> {
  const details = await fc.check(
    fc.asyncProperty(requests, async (request) => {
      const observed = await send(request);
      const problems = problemsOf(observed);
      if (problems.length > 0) throw new Error(`${problems.join('\n')}\nHTTP ${observed.status}: ${abbreviate(observed.body, 1_000)}`);
    }),
    { seed: SEED, numRuns: runs },
  );
  if (!details.failed) return;
  const request = details.counterexample?.[0];
  throw new Error(
    [
      `${what}: a request got a bad answer (seed ${SEED}, path "${details.counterexamplePath}", after ${details.numRuns} runs and ${details.numShrinks} shrinks).`,
      `Minimal request: ${JSON.stringify(describeValue(request), null, 2)}`,
      `Answer: ${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)}`,
    ].join('\n'),
  );
}

describe('GraphQL fuzzing: never a 500, always a coded error', () => {
  let t: TestApp;
  let sent = 0;
  const started = performance.now();
  const pools: Pools = { ids: [], cursors: [], postmortems: [CART_LEAK_V1, CART_LEAK_V2, NO_MEASURES] };

  /** A raw request through the whole HTTP stack, with the headers an authorised client sends. */
  const inject = async (request: RawRequest): Promise<Observed> => {
    sent++;
    const response = await t.app.inject({ method: request.method, url: request.url, headers: { authorization: t.bearer(Role.ADMIN), ...request.headers }, payload: request.payload });
    const graphqlRoute = (request.method === 'GET' || request.method === 'POST') && /^\/graphql(\?|$)/.test(request.url);
    return { status: response.statusCode, body: response.body, method: request.method, graphqlRoute };
  };
  const postJson = (body: unknown) => inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });

  beforeAll(async () => {
    // Thousands of requests a minute from one token: the rate limit would answer most of them with RATE_LIMITED.
    t = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '0' } });
    const fixtures = join(__dirname, 'fixtures', 'postmortems');
    const extra = readdirSync(fixtures)
      .filter((name) => name.endsWith('.md'))
      .slice(0, 2)
      .map((name) => readFileSync(join(fixtures, name), 'utf8'));
    pools.postmortems.push(...extra);
    const team = await createOwner(t, { kind: 'TEAM', name: 'cart-team' });
    const person = await createOwner(t, { kind: 'PERSON', name: 'dana', email: 'dana@example.com' });
    const service = await createService(t, { name: 'shopping cart', aliases: ['cart'], owningTeamId: team.id });
    pools.ids.push(team.id, person.id, service.id);
    for (const [text, sourceUri] of [
      [CART_LEAK_V1, 'postmortems/cart.md'],
      [CART_LEAK_V2, 'postmortems/cart.md'],
      [NO_MEASURES, null],
      ...extra.map((text, i) => [text, `fixtures/${i}.md`]),
    ]) {
      const imported = await t.gqlData<{ importPostmortem: { incident: { id: string }; postmortem: { id: string }; actionItems: { id: string; measure: { id: string } | null }[] } }>(
        'mutation($input: ImportPostmortemInput!) { importPostmortem(input: $input) { incident { id } postmortem { id } actionItems { id measure { id } } } }',
        { input: { text, sourceUri } },
      );
      const { incident, postmortem, actionItems } = imported.importPostmortem;
      pools.ids.push(incident.id, postmortem.id, ...actionItems.flatMap((item) => [item.id, ...(item.measure ? [item.measure.id] : [])]));
    }
    const listed = await t.gqlData<{
      rootCauses: { id: string; links: { id: string }[] }[];
      actionItems: { edges: { cursor: string }[] };
      incidents: { edges: { cursor: string }[] };
      owners: { edges: { cursor: string }[] };
    }>('{ rootCauses { id links { id } } actionItems(first: 100) { edges { cursor } } incidents { edges { cursor } } owners { edges { cursor } } }');
    pools.ids.push(...listed.rootCauses.flatMap((cause) => [cause.id, ...cause.links.map((link) => link.id)]));
    pools.cursors.push(...[listed.actionItems, listed.incidents, listed.owners].flatMap((page) => page.edges.map((edge) => edge.cursor)));
    pools.ids = [...new Set(pools.ids)];
  });

  afterAll(async () => {
    console.info(`GraphQL fuzz: ${sent} requests in ${((performance.now() - started) / 1000).toFixed(1)} s (seed ${SEED}).`);
    await t?.close();
  });

  it('checks what it claims: the answer checker rejects 5xx, non-JSON, uncoded and INTERNAL errors', () => {
    expect(problemsOf({ status: 200, body: '{"data":{"owners":null}}' })).toEqual([]);
    expect(problemsOf({ status: 400, body: '{"data":null,"errors":[{"message":"x","extensions":{"code":"BAD_USER_INPUT"}}]}' })).toEqual([]);
    expect(problemsOf({ status: 500, body: '{"errors":[{"message":"x","extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}' })).toEqual([
      'HTTP 500',
      'error code INTERNAL_SERVER_ERROR: {"message":"x","extensions":{"code":"INTERNAL_SERVER_ERROR"}}',
    ]);
    expect(problemsOf({ status: 200, body: '{"errors":[{"message":"x"}]}' })).toEqual(['uncoded error: {"message":"x"}']);
    expect(problemsOf({ status: 400, body: 'Bad Request' })).toEqual(['body is not JSON: Bad Request']);
    expect(problemsOf({ status: 415, body: '{"statusCode":415,"message":"Unsupported Media Type"}' })).toEqual([
      'HTTP 415 without GraphQL errors: {"statusCode":415,"message":"Unsupported Media Type"}',
    ]);
  });

  describe('regressions: what the fuzz found, each answered with a code now', () => {
    const answer = async (observed: Promise<Observed>) => {
      const { status, body } = await observed;
      const parsed = JSON.parse(body) as { errors?: { message: string; extensions: { code: string } }[] } | { errors?: { message: string; extensions: { code: string } }[] }[];
      const errors = (Array.isArray(parsed) ? parsed.flatMap((one) => one.errors ?? []) : (parsed.errors ?? [])).map((error) => [error.extensions.code, error.message]);
      return { status, errors };
    };
    const cursor = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
    const someId = '7f1d1b2e-2a59-4bd4-9a53-4b1d0f0e8c11';

    it('a query that is JSON, not GraphQL (Mercurius took it for a ready-made AST and graphql-js crashed on it)', async () => {
      for (const query of ['1', '{}', 'false', '[]', '{"kind": "Document"}']) {
        expect(await answer(postJson({ query }))).toEqual({ status: 400, errors: [['BAD_USER_INPUT', expect.stringContaining('the query is JSON, not a GraphQL document')]] });
      }
    });

    it('an operationName the document does not have, on GET (Mercurius) and on POST (the cost limit)', async () => {
      const get = (params: string) => inject({ method: 'GET', url: `/graphql?${params}`, headers: {} });
      expect(await answer(get('query=%7B__typename%7D&operationName=Q'))).toEqual({ status: 400, errors: [['BAD_USER_INPUT', 'Unknown operation named "Q".']] });
      expect(await answer(get('query=query%20A%7B__typename%7Dquery%20B%7B__typename%7D'))).toEqual({ status: 400, errors: [['BAD_USER_INPUT', 'Must provide operation name if query contains multiple operations.']] });
      expect(await answer(postJson({ query: '{ __typename }', operationName: 'Q' }))).toEqual({ status: 200, errors: [['BAD_USER_INPUT', 'Unknown operation named "Q".']] });
      expect((await answer(postJson({ query: 'query Q { __typename }', operationName: 'Q' }))).errors).toEqual([]);
    });

    it('a batch element without a query (Mercurius answered with its raw error object, uncoded)', async () => {
      expect(await answer(postJson([{ query: '{ __typename }' }, {}]))).toEqual({
        status: 400,
        errors: [['BAD_USER_INPUT', 'Operation 1 of the batch has no query: every element of a batch needs "query", the GraphQL text.']],
      });
    });

    it('text with NUL (U+0000), which PostgreSQL refuses, in a name and in a search', async () => {
      const nul = ['BAD_USER_INPUT', expect.stringContaining('NUL character (U+0000)')];
      expect((await t.gql('mutation { createOwner(input: { kind: TEAM, name: "a\\u0000b" }) { id } }')).errors?.map((e) => [e.extensions.code, e.message])).toEqual([nul]);
      expect((await t.gql('query($s: String) { incidents(filter: { search: $s }) { totalCount } }', { s: '\u0000' })).errors?.map((e) => [e.extensions.code, e.message])).toEqual([nul]);
    });

    it.each([
      ['owners', cursor(['x', 'not-a-uuid'])],
      ['actionItems', cursor(['zzz', someId])],
      ['incidents', cursor([1e308, someId])],
    ])('a forged %s cursor whose key PostgreSQL cannot compare', async (field, after) => {
      const response = await t.gql(`query($after: String) { ${field}(after: $after) { totalCount } }`, { after });
      expect(response.errors?.map((e) => [e.extensions.code, e.extensions.field])).toEqual([['BAD_USER_INPUT', 'after']]);
    });

    it('a review of a week before the year 1000, or reaching past 9999 (each made an invalid date)', async () => {
      expect((await t.gqlData<{ reliabilityReview: { startsOn: string } }>('{ reliabilityReview(week: "1000-W01") { startsOn } }')).reliabilityReview).toEqual({ startsOn: '0999-12-30' });
      const late = await t.gql('{ reliabilityReview(week: "9999-W53") { startsOn } }');
      expect(late.errors?.map((e) => [e.extensions.code, e.extensions.field])).toEqual([['BAD_USER_INPUT', 'week']]);
    });

    it('issue 22: a fragment tree of 2^30 paths, 1,000 repetitions of one field, a form post: each refused with its own code', async () => {
      expect(await answer(postJson({ query: fragmentTree(30) }))).toEqual({ status: 400, errors: [['QUERY_TOO_COMPLEX', expect.stringContaining('more than 10000 fields and fragment spreads')]] });
      expect(await answer(postJson({ query: `{ ${'incidents { totalCount } '.repeat(1_000)}}` }))).toEqual({ status: 400, errors: [['QUERY_TOO_COMPLEX', expect.stringContaining('ask for each field once')]] });
      const form = inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'query=%7B__typename%7D' });
      expect(await answer(form)).toEqual({ status: 415, errors: [['UNSUPPORTED_MEDIA_TYPE', expect.stringContaining('POST /graphql takes JSON')]] });
    });

    it('heavy fields repeated by alias or in a batch, and a whole-database read, priced before any work (issue 22, findings 2 and 3)', async () => {
      const aliases = Array.from({ length: 1_000 }, (_, index) => `p${index}: previewPostmortem(text: $text) { title }`).join(' ');
      expect(await answer(postJson({ query: `query($text: String!) { ${aliases} }`, variables: { text: CART_LEAK_V1 } }))).toEqual({
        status: 400,
        errors: [['QUERY_TOO_COMPLEX', expect.stringContaining('asks for previewPostmortem 1000 times')]],
      });
      expect(await answer(postJson([{ query: '{ reliabilityReview { week } }' }, { query: '{ r: reliabilityReview { week } }' }]))).toEqual({
        status: 400,
        errors: [['QUERY_TOO_COMPLEX', expect.stringContaining('asks for reliabilityReview 2 times')]],
      });
      expect(await answer(postJson({ query: '{ rootCauses { id incidents { actionItems { title description } } } }' }))).toEqual({
        status: 400,
        errors: [['QUERY_TOO_COMPLEX', expect.stringContaining('would cost 223001 points')]],
      });
    });

    it('an instant that is in year 10000 in UTC (it was stored, then answered as +010000-…, which DateTime refuses)', async () => {
      const response = await t.gql('mutation { createIncident(input: { title: "late", startedAt: "9999-12-31T23:59:59-14:00" }) { id } }');
      expect(response.errors?.map((e) => [e.extensions.code, e.message])).toEqual([['BAD_USER_INPUT', expect.stringContaining('DateTime must fall in the years 0000 to 9999 in UTC')]]);
    });
  });

  describe('schema-driven: arguments for every root field, as variables and as literals, with selections from the return type', () => {
    const queries = rootFields(schema.getQueryType());
    const mutations = rootFields(schema.getMutationType());
    // Mostly as admin, so that every field is reached; now and then with a lesser token or none, through the guard.
    const asWhom = fc.oneof({ weight: 12, arbitrary: fc.constant(Role.ADMIN) }, fc.constantFrom(Role.EDITOR, Role.VIEWER, 'nobody' as const));
    const request = (operation: 'query' | 'mutation', field: GraphQLField<unknown, unknown>) => fc.record({ as: asWhom, operation: operationOf(operation, field, pools) });
    const send = ({ as, operation: { query, variables } }: { as: Role | 'nobody'; operation: { query: string; variables: Record<string, Value> } }) =>
      inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', authorization: as === 'nobody' ? '' : t.bearer(as) }, payload: JSON.stringify({ query, variables }) });

    // Queries only read, so they run side by side (the app waits on the database most of the time) and the
    // answers stay the same; mutations change what later requests see, so they run one field after another.
    it(`queries: ${queries.map((field) => field.name).join(', ')}`, async () => {
      const outcomes = await Promise.allSettled(queries.map((field) => fuzz(`query ${field.name}`, request('query', field), send, RUNS)));
      const failures = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason)] : []));
      if (failures.length > 0) throw new Error(failures.join('\n\n'));
    }, TIMEOUT_MS);

    it.each(mutations.map((field) => [field.name, field] as const))('mutation %s', async (name, field) => {
      await fuzz(`mutation ${name}`, request('mutation', field), send, RUNS);
    }, TIMEOUT_MS);
  });

  describe('syntactic: mutated and pathological documents, odd bodies, batches, content types and methods', () => {
    const validQueries = fc.constantFrom(
      '{ actionItems(first: 5, orderBy: { field: DUE_ON, direction: DESC }) { totalCount pageInfo { endCursor hasNextPage } edges { cursor node { id title flags { code reason } owner { name } } } } }',
      'query Q($id: ID!) { actionItem(id: $id) { id version history { field from to } incident { title } } }',
      'mutation M($input: CreateOwnerInput!) { createOwner(input: $input) { id name } }',
      '{ incidents(filter: { severity: [SEV1, SEV2], startedAfter: "2024-01-01T00:00:00Z" }) { nodes { id title rootCause { failureMode } relatedIncidents { reason } } } }',
      '{ reliabilityReview(week: "2024-W26") { week totals { open overdue } markdown } }',
      'query { measures(filter: { minOccurrences: 1 }) { id title occurrences { id } } rootCauses { id explanation } }',
      'fragment F on Owner { id name } { owners(first: 3) { nodes { ...F } } }',
    );

    it('mutated documents', async () => {
      await fuzz('mutated document', fc.tuple(mutatedQuery(validQueries), fc.constantFrom<Record<string, Value>>({}, { input: { kind: 'TEAM', name: 'fuzz' } }, { id: '00000000-0000-0000-0000-000000000000' })), ([query, variables]) => postJson({ query, variables }), RAW_RUNS);
    }, TIMEOUT_MS);

    it('huge alias and field counts, fragment cycles and chains, unknown directives, deep nesting, many operations', async () => {
      // Half as many: these are the expensive requests (thousands of aliases, fields, fragments or directives).
      await fuzz('abusive document', fc.tuple(abusiveDocument, sometimes(fc.constantFrom('Q', 'Q0', 'Nope', '', 'Q1'), 3)), ([query, operationName]) => postJson({ query, ...(operationName === null ? {} : { operationName }) }), RAW_RUNS / 2);
    }, TIMEOUT_MS);

    const jsonAnything = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom<unknown>('', '{}', '{"a":1}', [], {}, null, 0, HUGE_ASCII));
    const bodyObject = fc.record(
      {
        query: fc.oneof({ weight: 3, arbitrary: validQueries }, { weight: 1, arbitrary: jsonAnything }),
        variables: fc.oneof(fc.constant({}), jsonAnything, fc.integer({ min: 10, max: 2_000 }).map((depth) => JSON.parse(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`) as unknown)),
        operationName: fc.oneof(fc.constantFrom('Q', 'M', 'Nope', ''), jsonAnything),
        extensions: jsonAnything,
      },
      { requiredKeys: [] },
    );

    it('bodies of odd shapes: wrong operationName, variables not an object, batches, primitives', async () => {
      const body = fc.oneof(
        { weight: 4, arbitrary: bodyObject },
        { weight: 2, arbitrary: fc.array(bodyObject, { maxLength: 5 }) },
        { weight: 1, arbitrary: fc.array(fc.array(bodyObject, { maxLength: 2 }), { maxLength: 3 }) },
        { weight: 1, arbitrary: jsonAnything },
      );
      await fuzz('odd body', body, postJson, RAW_RUNS);
    }, TIMEOUT_MS);

    it('bodies that are not JSON, odd encodings and content types', async () => {
      const valid = JSON.stringify({ query: '{ owners { totalCount } }' });
      const payload = fc.oneof(
        fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
        fc.nat({ max: valid.length }).map((at) => valid.slice(0, at)),
        fc.constantFrom<string | Buffer>(
          '',
          valid,
          `\ufeff${valid}`,
          Buffer.from(valid, 'utf16le'),
          Buffer.from(`\ufeff${valid}`, 'utf16le'),
          gzipSync(valid),
          '{ owners { totalCount } }',
          'query=%7B__typename%7D',
          '--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n{ __typename }\r\n--x--',
          '{"query": "{ __typename }", "query": 1}',
          '{"__proto__": {"query": "{ __typename }"}}',
          '{"constructor": {"prototype": {"polluted": true}}, "query": "{ __typename }"}',
          `{"query": "{ __typename }", "variables": ${'['.repeat(5_000)}${']'.repeat(5_000)}}`,
          'null',
          'NaN',
          '1e999',
          '"\\ud800"',
          // Over BODY_LIMIT_BYTES (2 MB by default), as JSON and as anything else.
          JSON.stringify({ query: `{ __typename } # ${HUGE_ASCII}${HUGE_ASCII}${HUGE_ASCII}` }),
          Buffer.alloc(2_500_000, 'x'),
        ),
        oddString,
      );
      const contentType = fc.option(
        fc.oneof(
          fc.constantFrom(
            'application/json',
            'application/json; charset=utf-8',
            'application/json; charset=utf-16',
            'application/json; charset=latin1',
            'APPLICATION/JSON',
            'application/json;;',
            'application/jsonp',
            'application/graphql',
            'application/graphql-response+json',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=x',
            'text/plain',
            'text/html',
            'application/octet-stream',
            '*/*',
            'application',
            '',
          ),
          fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: 30 }),
        ),
        { freq: 10 },
      );
      const encoding = sometimes(fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-nope', 'gzip, gzip'), 6);
      const request = fc.tuple(payload, contentType, encoding).map(([body, type, coding]): RawRequest => {
        const headers: Record<string, string> = {};
        if (type !== null) headers['content-type'] = type;
        if (coding !== null) headers['content-encoding'] = coding;
        return { method: 'POST', url: '/graphql', headers, payload: body };
      });
      await fuzz('non-JSON body', request, inject, RAW_RUNS);
    }, TIMEOUT_MS);

    it('odd Authorization headers', async () => {
      const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: 80 });
      const authorization = fc.oneof(
        fc.constantFrom('', 'Bearer', 'Bearer ', 'Basic dGVzdDp0ZXN0', 'bearer x', 'Bearer ' + 'x'.repeat(8_000), 'Bearer a b', 'Token x'),
        printable,
        printable.map((secret) => `Bearer ${secret}`),
        fc.constantFrom(...Object.values(Role)).map((role) => t.bearer(role)),
        fc.tuple(fc.constantFrom(...Object.values(Role)), fc.nat(), fc.constantFrom('', 'x', '=', ' ')).map(([role, at, noise]) => {
          const valid = t.bearer(role);
          const cut = at % valid.length;
          return valid.slice(0, cut) + noise + valid.slice(cut + 1);
        }),
      );
      const request = fc.tuple(authorization, fc.constantFrom('{ owners { totalCount } }', 'mutation { recomputeRecurrence { incidents } }', '{ __typename }')).map(
        ([header, query]): RawRequest => ({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', authorization: header }, payload: JSON.stringify({ query }) }),
      );
      await fuzz('Authorization header', request, inject, RUNS);
    }, TIMEOUT_MS);

    it('methods, query strings and URLs', async () => {
      const param = fc.oneof(
        fc.constantFrom('{ __typename }', 'mutation { recomputeRecurrence { incidents } }', '{ owners { totalCount } }', '', '{', '%', '%zz', '%00', '%ud800'),
        mutatedQuery(validQueries).map(percentEncode),
      );
      const url = fc
        .tuple(
          fc.constantFrom('/graphql', '/graphql/', '/GRAPHQL', '/graphql?', '/graphql//x', '/graphql%00'),
          fc.option(param.map((query) => `query=${query.startsWith('%') ? query : percentEncode(query)}`)),
          fc.option(fc.constantFrom('variables=%7B%7D', 'variables=not-json', 'variables=%5B1%5D', 'variables=null', 'operationName=Q', 'operationName=', 'query=a&query=b', 'extensions=%7B%7D')),
        )
        .map(([path, query, extra]) => {
          const params = [query, extra].filter((p) => p !== null).join('&');
          return params ? `${path}${path.includes('?') ? '' : '?'}${params}` : path;
        });
      const request = fc.tuple(fc.constantFrom<RawRequest['method']>('GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'), url).map(([method, address]): RawRequest => ({ method, url: address, headers: {} }));
      await fuzz('method and URL', request, inject, RAW_RUNS);
    }, TIMEOUT_MS);
  });
});
