import { readdirSync, readFileSync } from 'node:fs';
import { request as httpRequest, type ClientRequest } from 'node:http';
import { join } from 'node:path';
import { Role } from '../src/auth/role';
import { parsePostmortem } from '../src/parser/parse-postmortem';
import { loopCostOf, UNDER_LIMIT, withinLimit } from './support/event-loop-cost';
import { CART_LEAK_V1 } from './support/postmortem-texts';
import { startTestApp, type TestApp } from './support/test-app';

// Issue 22, findings 2 and 3: a field that parses a document or builds the review must not be repeated (by
// alias or batch) past what the server can do, a large parse runs off the event loop within a time limit, lists
// are priced at what they hold in a large deployment, and a request whose client has gone stops.

const FIXTURES = join(__dirname, 'fixtures', 'postmortems');

/** Real postmortems one after another, up to `size` characters. */
function postmortemsOf(size: number): string {
  const all = readdirSync(FIXTURES)
    .filter((name) => /\.(md|txt)$/.test(name))
    .map((name) => readFileSync(join(FIXTURES, name), 'utf8'))
    .join('\n\n');
  let text = '';
  while (text.length < size) text += `${all}\n\n`;
  return text.slice(0, size);
}

/** 900 KB of action-item sections, the 1,000 items the parser reads at most: most of a second to parse here. */
const LARGE = (() => {
  let text = '# Checkout outage\n\n';
  for (let i = 0; text.length < 900_000; i++) text += `## Action items ${i}\n\n- [ ] Add heap alerts for service ${i} (owner: @dana${i}) due 2024-06-${(i % 28) + 1}\n- [x] Fix the leak in cart ${i}\n\n`;
  return text.slice(0, 900_000);
})();

interface Answer {
  status: number;
  data: unknown;
  errors: [string, string][];
}

async function post(t: TestApp, body: unknown, role: Role = Role.EDITOR): Promise<Answer> {
  const response = await t.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', authorization: t.bearer(role) }, payload: JSON.stringify(body) });
  const parsed = response.json<{ data?: unknown; errors?: { message: string; extensions: { code: string } }[] }>();
  return { status: response.statusCode, data: parsed.data ?? null, errors: (parsed.errors ?? []).map((error) => [error.extensions.code, error.message]) };
}

const aliased = (count: number, field: string) => Array.from({ length: count }, (_, index) => `a${index}: ${field}`).join('\n');
const PREVIEW = 'previewPostmortem(text: $text) { title actionItems { title } }';

describe('previewPostmortem: editors only, once per request, large documents off the event loop (finding 2)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    // A server that has answered before, as in production.
    await post(t, { query: `query($text: String!) { ${PREVIEW} }`, variables: { text: CART_LEAK_V1 } });
  });
  afterAll(() => t.close());

  it('needs the editor role: a viewer gets FORBIDDEN', async () => {
    const query = `query($text: String!) { ${PREVIEW} }`;
    expect(await post(t, { query, variables: { text: CART_LEAK_V1 } }, Role.VIEWER)).toEqual({
      status: 200,
      data: null,
      errors: [['FORBIDDEN', 'The token "test-viewer" has the viewer role; this needs editor or higher.']],
    });
    expect(await post(t, { query, variables: { text: CART_LEAK_V1 } })).toMatchObject({ errors: [], data: { previewPostmortem: { title: 'Cart outage: shopping cart memory leak' } } });
  });

  const repeated = (count: number) => ({
    status: 400,
    data: null,
    errors: [['QUERY_TOO_COMPLEX', `This query asks for previewPostmortem ${count} times (by alias, fragment or batch); it runs at most once per request: ask for it once, in one request at a time.`]],
  });

  it('1,000 aliases over one document are refused before any parse: under 100 ms of event loop, /health under 100 ms', async () => {
    const body = { query: `query($text: String!) { ${aliased(1_000, PREVIEW)} }`, variables: { text: CART_LEAK_V1 } };
    const { result, cost } = await loopCostOf(t, () => post(t, body));
    expect(withinLimit(cost)).toEqual(UNDER_LIMIT);
    expect(result).toEqual(repeated(1_000));
  }, 120_000);

  it('20 aliases over one 900 KB document, and the same through a fragment: refused the same way', async () => {
    for (const query of [`query($text: String!) { ${aliased(20, PREVIEW)} }`, `query($text: String!) { ...P ...P a: previewPostmortem(text: $text) { title } } fragment P on Query { ${aliased(10, PREVIEW)} }`]) {
      const { result, cost } = await loopCostOf(t, () => post(t, { query, variables: { text: LARGE } }));
      expect(withinLimit(cost)).toEqual(UNDER_LIMIT);
      expect(result).toEqual(repeated(query.includes('fragment') ? 21 : 20));
    }
  }, 120_000);

  it('a batch of 10 previews is refused whole, before any of them is parsed', async () => {
    const batch = Array.from({ length: 10 }, () => ({ query: `query($text: String!) { ${PREVIEW} }`, variables: { text: LARGE.slice(0, 150_000) } }));
    const { result, cost } = await loopCostOf(t, () => post(t, batch));
    expect(withinLimit(cost)).toEqual(UNDER_LIMIT);
    expect(result).toEqual({
      status: 400,
      data: null,
      errors: [['QUERY_TOO_COMPLEX', 'This batch asks for previewPostmortem 10 times (by alias, fragment or batch); it runs at most once per request: ask for it once, in one request at a time.']],
    });
  }, 120_000);

  it('one 900 KB document is parsed on a worker thread: the parser’s answer, in under 100 ms of event loop', async () => {
    const expected = parsePostmortem(LARGE);
    const query = 'query($text: String!) { previewPostmortem(text: $text) { title actionItems { title lineStart } timeline { line } warnings { code line } } }';
    const { result, cost } = await loopCostOf(t, () => post(t, { query, variables: { text: LARGE } }));
    expect(withinLimit(cost)).toEqual(UNDER_LIMIT);
    expect(result).toEqual({
      status: 200,
      errors: [],
      data: {
        previewPostmortem: {
          title: expected.title,
          actionItems: expected.actionItems.map((item) => ({ title: item.title, lineStart: item.lines.start })),
          timeline: expected.timeline.map((entry) => ({ line: entry.line })),
          warnings: expected.warnings.map((warning) => ({ code: warning.code, line: warning.line })),
        },
      },
    });
  }, 120_000);
});

describe('a parse over PARSE_TIMEOUT_MS (finding 2)', () => {
  it('is stopped and answered PARSE_TIMEOUT, for a preview and for an import (which saves nothing); the next parse works', async () => {
    const t = await startTestApp({ env: { PARSE_TIMEOUT_MS: '100' } });
    try {
      const timedOut = [['PARSE_TIMEOUT', 'Parsing this document took longer than 100 ms (PARSE_TIMEOUT_MS) and was stopped: split it into smaller documents.']];
      const preview = await post(t, { query: 'query($text: String!) { previewPostmortem(text: $text) { title } }', variables: { text: LARGE } });
      expect(preview).toEqual({ status: 200, data: null, errors: timedOut });
      const imported = await post(t, { query: 'mutation($input: ImportPostmortemInput!) { importPostmortem(input: $input) { outcome } }', variables: { input: { text: LARGE } } });
      expect(imported).toEqual({ status: 200, data: null, errors: timedOut });
      expect(await t.dataSource.query('SELECT count(*)::int AS n FROM incident')).toEqual([{ n: 0 }]);
      // A new worker takes over: a document just over 16 KB (so parsed on a worker), ~5 ms of parsing on a warmed-up
      // worker, so within the limit even on a busy machine.
      const medium = postmortemsOf(17_000);
      expect(await post(t, { query: 'query($text: String!) { previewPostmortem(text: $text) { title } }', variables: { text: medium } })).toEqual({
        status: 200,
        errors: [],
        data: { previewPostmortem: { title: parsePostmortem(medium).title } },
      });
    } finally {
      await t.close();
    }
  }, 60_000);
});

/** What the SQL a request causes reads of the data (beyond checking its token and the data version): a refused one, nothing. */
async function dataReadDuring<T>(t: TestApp, work: () => Promise<T>): Promise<{ result: T; tablesRead: string[] }> {
  const tablesRead = new Set<string>();
  const stop = t.database.queries.onQuery((sql) => {
    for (const [, table] of sql.matchAll(/\b(?:FROM|JOIN)\s+"?(\w+)"?/gi)) if (!['api_token', 'data_version'].includes(table)) tablesRead.add(table);
  });
  try {
    return { result: await work(), tablesRead: [...tablesRead] };
  } finally {
    stop();
  }
}

describe('heavy fields and batches are priced before any work starts (finding 3)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('reliabilityReview asked twice, by alias or through a fragment, is refused without reading anything', async () => {
    const twice = [['QUERY_TOO_COMPLEX', 'This query asks for reliabilityReview 2 times (by alias, fragment or batch); it runs at most once per request: ask for it once, in one request at a time.']];
    for (const query of ['{ a: reliabilityReview { week } b: reliabilityReview { week } }', '{ reliabilityReview { week } ...R } fragment R on Query { reliabilityReview { week } }']) {
      const { result, tablesRead } = await dataReadDuring(t, () => post(t, { query }, Role.VIEWER));
      expect(result).toEqual({ status: 400, data: null, errors: twice });
      expect(tablesRead).toEqual([]);
    }
    expect((await post(t, { query: '{ reliabilityReview { week } }' }, Role.VIEWER)).errors).toEqual([]);
  });

  it('a batch is priced whole: two reviews, or operations that each fit but together cost too much, are refused before any runs', async () => {
    const reviews = await dataReadDuring(t, () => post(t, [{ query: '{ reliabilityReview { week } }' }, { query: '{ r: reliabilityReview { startsOn } }' }], Role.VIEWER));
    expect(reviews.result).toEqual({
      status: 400,
      data: null,
      errors: [['QUERY_TOO_COMPLEX', 'This batch asks for reliabilityReview 2 times (by alias, fragment or batch); it runs at most once per request: ask for it once, in one request at a time.']],
    });
    expect(reviews.tablesRead).toEqual([]);
    // Every incident of every failure mode: 60,031 points, which fits alone (GRAPHQL_MAX_COST=100000), not twice.
    const allIncidents = '{ failureModes { failureMode incidents { id title startedAt } } }';
    expect((await post(t, { query: allIncidents }, Role.VIEWER)).errors).toEqual([]);
    const both = await dataReadDuring(t, () => post(t, [{ query: allIncidents }, { query: allIncidents }], Role.VIEWER));
    expect(both.result).toEqual({
      status: 400,
      data: null,
      errors: [['QUERY_TOO_COMPLEX', 'This batch would cost 120062 points in all, more than this server allows (GRAPHQL_MAX_COST=100000): ask for smaller pages (first) or fewer nested lists, or send fewer operations at once.']],
    });
    expect(both.tablesRead).toEqual([]);
  });

  it('prices the issue’s 2,121-point query at what it returns from a large deployment, far over the default limit', async () => {
    const { result, tablesRead } = await dataReadDuring(t, () => post(t, { query: '{ rootCauses { id incidents { actionItems { title description } } } }' }, Role.VIEWER));
    expect(result).toEqual({
      status: 400,
      data: null,
      errors: [['QUERY_TOO_COMPLEX', 'This query would cost 223001 points, more than this server allows (GRAPHQL_MAX_COST=100000): ask for smaller pages (first) or fewer nested lists.']],
    });
    expect(tablesRead).toEqual([]);
  });
});

/** Polls `condition` every 10 ms until it holds; fails after 10 s. */
async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Still waiting for ${what} after 10 s.`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A POST over a real socket, which the test can hang up on. */
function sendOverSocket(url: string, authorization: string, body: unknown): ClientRequest {
  const payload = JSON.stringify(body);
  const request = httpRequest(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), authorization } });
  request.on('error', () => undefined); // the hang-up is the point
  request.end(payload);
  return request;
}

describe('a request whose client has gone stops (finding 3)', () => {
  // The review's reads after the incidents, in order; a review that stopped reads none of them.
  const AFTER_INCIDENTS = ['FROM root_cause rc', 'FROM owner', 'FROM merged_service'];
  const READS_INCIDENTS = 'FROM incident WHERE created_at';

  it('the review reads nothing more once its client has hung up', async () => {
    const t = await startTestApp({ listen: true });
    try {
      if (t.testDatabase.kind === 'pglite') return; // one connection: the lock below would hold the review and the test alike
      await t.gqlData('mutation($input: ImportPostmortemInput!) { importPostmortem(input: $input) { outcome } }', { input: { text: CART_LEAK_V1 } });
      const statements: string[] = [];
      const stop = t.database.queries.onQuery((sql) => statements.push(sql));
      try {
        // What this spec looks for: a review that runs to its end reads the incidents, then the rest.
        await t.gqlData('{ reliabilityReview { week } }');
        expect(AFTER_INCIDENTS.map((read) => statements.some((sql) => sql.includes(read)))).toEqual([true, true, true]);

        // Hold the review at its incidents: the table is locked until the client has gone.
        const lock = t.dataSource.createQueryRunner();
        await lock.connect();
        await lock.startTransaction();
        await lock.query('LOCK TABLE incident IN ACCESS EXCLUSIVE MODE');
        statements.length = 0;
        const client = sendOverSocket(t.url!, t.bearer(Role.VIEWER), { query: '{ reliabilityReview { week } } # held' });
        await until(() => statements.some((sql) => sql.includes(READS_INCIDENTS)), 'the review to read the incidents');
        client.destroy();
        const server = t.app.getHttpServer();
        await until(() => new Promise<boolean>((resolve) => server.getConnections((_error, count) => resolve(count === 0))), 'the server to see the hang-up');
        const held = statements.length;
        await lock.commitTransaction();
        await lock.release();

        // The incidents arrive; a review that carried on reads the rest at once. Wait for 500 ms of quiet.
        let count = statements.length;
        let quietSince = Date.now();
        await until(() => {
          if (statements.length !== count) [count, quietSince] = [statements.length, Date.now()];
          return Date.now() - quietSince > 500;
        }, '500 ms without SQL');
        expect(statements.slice(held).filter((sql) => AFTER_INCIDENTS.some((read) => sql.includes(read)))).toEqual([]);
      } finally {
        stop();
      }
      expect((await t.gql('{ reliabilityReview { week } }')).errors).toBeUndefined();
    } finally {
      await t.close();
    }
  }, 60_000);
});
