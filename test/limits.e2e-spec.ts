import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import { Role } from '../src/auth/role';
import { Env } from '../src/config/env';
import { queryCost } from '../src/limits/query-cost';
import { startTestApp, type GraphQLResponse, type TestApp } from './support/test-app';

const codesOf = (response: GraphQLResponse) => response.errors?.map((error) => error.extensions.code);

/** Counts the SQL a request causes; a refused query must cause none beyond checking its token and the data version. */
async function sqlDuring<T>(t: TestApp, work: () => Promise<T>): Promise<{ result: T; queries: number }> {
  let queries = 0;
  const stop = t.database.queries.onQuery(() => queries++);
  try {
    return { result: await work(), queries };
  } finally {
    stop();
  }
}

const nest = (depth: number): string => (depth === 0 ? 'id' : `incident { actionItems { ${nest(depth - 1)} } }`);

describe('GraphQL limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { GRAPHQL_MAX_DEPTH: '8', GRAPHQL_MAX_COST: '5000', MAX_PAGE_SIZE: '50' } });
  });
  afterAll(() => t.close());

  it('refuses a query deeper than GRAPHQL_MAX_DEPTH before running it', async () => {
    const allowed = await t.gql(`{ actionItems(first: 1) { nodes { ${nest(2)} } } }`);
    expect(allowed.errors).toBeUndefined();
    const { result, queries } = await sqlDuring(t, () => t.gql(`{ actionItems(first: 1) { nodes { ${nest(4)} } } }`));
    expect(codesOf(result)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(result.errors?.[0]).toMatchObject({ message: 'This query nests fields 11 deep, more than this server allows (GRAPHQL_MAX_DEPTH=8).', extensions: { depth: 11, limit: 8 } });
    expect(result.data).toBeNull();
    expect(queries).toBe(2); // the token lookup and the response cache's data version only
  });

  it('refuses a query costlier than GRAPHQL_MAX_COST before running it, with the cost and the limit', async () => {
    const costly = `{ actionItems(first: 50) { nodes { title history { actor } incident { actionItems { title history { actor } } } } } }`;
    const { result, queries } = await sqlDuring(t, () => t.gql(costly));
    expect(codesOf(result)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(result.errors?.[0].extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', cost: 67702, limit: 5000 });
    expect(result.errors?.[0].message).toContain('ask for smaller pages (first) or fewer nested lists');
    expect(queries).toBe(2);
    // The same shape with a small page fits; the cost follows `first`, also when it comes in a variable.
    const small = await t.gql(`query($n: Int) { actionItems(first: $n) { nodes { title history { actor } incident { actionItems { title history { actor } } } } } }`, { n: 3 });
    expect(small.errors).toBeUndefined();
  });

  it('lets the dashboard’s own query through the default GRAPHQL_MAX_COST with room to spare', () => {
    const dashboardApi = readFileSync(join(__dirname, '../src/dashboard/assets/api.js'), 'utf8');
    const review = /const REVIEW_QUERY = `([\s\S]*?)`;/.exec(dashboardApi)![1].replace(/\$\{ITEM\}/g, /const ITEM = '([^']+)'/.exec(dashboardApi)![1]);
    const schema = t.app.getHttpAdapter().getInstance().graphql.schema;
    expect(queryCost(schema, parse(review), { week: '2024-W27' }).cost).toBeLessThan(new Env().GRAPHQL_MAX_COST / 2);
  });

  it('counts a batch’s operations together, and refuses one over GRAPHQL_MAX_COST in all before any runs', async () => {
    // 1,356 points each: three fit in 5,000, four do not.
    const operation = { query: '{ actionItems(first: 1) { nodes { title history { actor } incident { actionItems { title history { actor } } } } } }' };
    const batch = (n: number) =>
      t.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', authorization: t.bearer(Role.VIEWER) }, payload: JSON.stringify(Array.from({ length: n }, () => operation)) });
    const three = await batch(3);
    expect(three.json<{ errors?: unknown }[]>().map((answer) => answer.errors)).toEqual([undefined, undefined, undefined]);
    const { result: four, queries } = await sqlDuring(t, () => batch(4));
    expect({ status: four.statusCode, body: four.json() }).toEqual({
      status: 400,
      body: {
        data: null,
        errors: [
          {
            message: 'This batch would cost 5424 points in all, more than this server allows (GRAPHQL_MAX_COST=5000): ask for smaller pages (first) or fewer nested lists, or send fewer operations at once.',
            extensions: { code: 'QUERY_TOO_COMPLEX', cost: 5424, limit: 5000 },
          },
        ],
      },
    });
    expect(queries).toBeLessThanOrEqual(2); // the token lookup (and its last-used time, once a minute) only
  });

  it('caps the page size at MAX_PAGE_SIZE', async () => {
    expect((await t.gql('{ incidents(first: 50) { totalCount } }')).errors).toBeUndefined();
    const tooMany = await t.gql('{ incidents(first: 51) { totalCount } }');
    expect(tooMany.errors?.[0]).toMatchObject({ message: 'Invalid input. first: at most 50 per page (MAX_PAGE_SIZE); page on with pageInfo.endCursor.', extensions: { code: 'BAD_USER_INPUT', field: 'first' } });
  });

  it('runs a batch of up to GRAPHQL_MAX_BATCH operations and refuses a bigger one whole', async () => {
    const batch = (n: number) =>
      t.app.inject({
        method: 'POST',
        url: '/graphql',
        headers: { 'content-type': 'application/json', authorization: t.bearer(Role.VIEWER) },
        payload: JSON.stringify(Array.from({ length: n }, () => ({ query: '{ incidents { totalCount } }' }))),
      });
    const ten = await batch(10);
    expect(ten.statusCode).toBe(200);
    expect(ten.json()).toEqual(Array.from({ length: 10 }, () => ({ data: { incidents: { totalCount: 0 } } })));
    const eleven = await batch(11);
    expect(eleven.statusCode).toBe(400);
    expect(eleven.json()).toEqual({ data: null, errors: [{ message: 'A batch holds at most 10 operations (GRAPHQL_MAX_BATCH); this one has 11.', extensions: { code: 'QUERY_TOO_COMPLEX', limit: 10 } }] });
  });
});

describe('rate limits and production defaults', () => {
  it('gives each token its own budget of RATE_LIMIT_PER_MINUTE requests, then RATE_LIMITED with Retry-After', async () => {
    const t = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '5' } });
    try {
      const ask = (role: Role) => t.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', authorization: t.bearer(role) }, payload: '{"query":"{ incidents { totalCount } }"}' });
      for (let n = 0; n < 5; n++) expect((await ask(Role.VIEWER)).statusCode).toBe(200);
      const limited = await ask(Role.VIEWER);
      expect(limited.statusCode).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.json()).toMatchObject({ data: null, errors: [{ extensions: { code: 'RATE_LIMITED' } }] });
      expect(limited.json<{ errors: { message: string }[] }>().errors[0].message).toMatch(/^Rate limit reached: at most 5 requests a minute per token \(RATE_LIMIT_PER_MINUTE\); retry in \d+ s\.$/);
      expect((await ask(Role.EDITOR)).statusCode).toBe(200);
      // Health probes are never throttled.
      for (let n = 0; n < 8; n++) expect((await t.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('turns introspection and GraphiQL off in production unless enabled', async () => {
    const introspect = '{ __schema { queryType { name } } }';
    const production = await startTestApp({ env: { NODE_ENV: 'production' } });
    try {
      const refused = await production.gql(introspect);
      expect(new Set(codesOf(refused))).toEqual(new Set(['BAD_USER_INPUT']));
      expect(refused.errors?.[0].message).toContain('introspection');
      expect(refused.data).toBeNull();
      expect((await production.app.inject({ method: 'GET', url: '/graphiql' })).statusCode).toBe(404);
    } finally {
      await production.close();
    }
    const enabled = await startTestApp({ env: { NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' } });
    try {
      expect((await enabled.gql(introspect)).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    } finally {
      await enabled.close();
    }
  });
});
