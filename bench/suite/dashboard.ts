/**
 * The dashboard query under load: Followthrough, PostGraphile 4 and the raw floor, each its own process on the
 * same database, checked to answer the same 50 items in the same order with the same totalCount, then loaded
 * in turns (autocannon, N connections, D seconds per run, the order rotating every round).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { vaguenessOf } from '../../src/flags/vagueness';
import { projectRoot } from '../../src/common/project-root';
import { median } from '../parse-throughput';
import { FOLLOWTHROUGH_QUERY, POSTGRAPHILE_QUERY, postgraphileSchemaSql, SCHEMA, vagueSql } from './dashboard-sql';
import { cpuMs, freePort, loadAverage, rssMb, startServer, type Server } from './servers';

export interface DashboardOptions {
  databaseUrl: string;
  rounds: number;
  duration: number;
  connections: number;
  warmUpSeconds: number;
  log: (line: string) => void;
}

export interface Run {
  round: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** Answers that were not byte-identical to the verified one. */
  mismatches: number;
  /** Server CPU per request (µs), from /proc. */
  cpuPerRequestUs: number;
  load1: number;
}

export interface Contender {
  name: string;
  runs: Run[];
  requestsPerSecond: number;
  p50: number;
  p99: number;
  cpuPerRequestUs: number;
  rssBeforeMb: number;
  rssAfterMb: number;
  responseBytes: number;
}

export interface DashboardResult {
  totalCount: number;
  contenders: Contender[];
  /** Items (of the 50) whose flag codes differ from Followthrough's, per contender. */
  flagDifferences: Record<string, string[]>;
  /** How many distinct item wordings of the corpus the SQL VAGUE rule judges like vaguenessOf. */
  vagueAgreement: { texts: number; disagreements: string[] };
}

interface Target {
  name: string;
  server: Server;
  body: string;
  headers: Record<string, string>;
  normalize: (json: unknown) => Answer;
  expected?: string;
}

interface Node {
  id: string;
  title: string;
  dueOn: string;
  status: string;
  owner: string | null;
  incident: string;
  service: string | null;
  flags: string[];
}

interface Answer {
  totalCount: number;
  nodes: Node[];
}

interface FollowthroughShape {
  data: { actionItems: { totalCount: number; nodes: { id: string; title: string; dueOn: string; status: string; owner: { name: string } | null; incident: { title: string }; service: { name: string } | null; flags: { code: string }[] }[] } };
}

interface PostGraphileShape {
  data: {
    overdueActionItems: {
      totalCount: number;
      nodes: { id: string; title: string; dueOn: string; status: string; ownerByOwnerId: { name: string } | null; incidentByIncidentId: { title: string }; serviceByServiceId: { name: string } | null; flags: string[] }[];
    };
  };
}

function fromFollowthroughShape(json: unknown): Answer {
  const { totalCount, nodes } = (json as FollowthroughShape).data.actionItems;
  return {
    totalCount,
    nodes: nodes.map((n) => ({ id: n.id, title: n.title, dueOn: n.dueOn, status: n.status, owner: n.owner?.name ?? null, incident: n.incident.title, service: n.service?.name ?? null, flags: n.flags.map((f) => f.code) })),
  };
}

function fromPostGraphile(json: unknown): Answer {
  const { totalCount, nodes } = (json as PostGraphileShape).data.overdueActionItems;
  return {
    totalCount: Number(totalCount),
    nodes: nodes.map((n) => ({
      id: n.id, title: n.title, dueOn: n.dueOn, status: n.status, owner: n.ownerByOwnerId?.name ?? null, incident: n.incidentByIncidentId.title,
      service: n.serviceByServiceId?.name ?? null, flags: n.flags,
    })),
  };
}

async function createViewerToken(databaseUrl: string): Promise<string> {
  const cli = join(projectRoot(), 'dist/src/cli.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'token', 'create', '--name', `bench-${Date.now()}`, '--role', 'viewer'], {
      env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => (code === 0 && out.trim() ? resolve(out.trim().split('\n').pop()!) : reject(new Error(`token create failed (${code}): ${err}`))));
  });
}

async function post(target: Target): Promise<string> {
  const response = await fetch(target.server.url, { method: 'POST', headers: target.headers, body: target.body });
  const text = await response.text();
  if (!response.ok) throw new Error(`${target.name} answered ${response.status}: ${text.slice(0, 500)}`);
  return text;
}

/** The SQL VAGUE rule against vaguenessOf on every distinct wording in the corpus. */
async function checkVague(client: Client): Promise<DashboardResult['vagueAgreement']> {
  const { rows } = await client.query<{ title: string; description: string | null; vague: boolean }>(
    `SELECT title, description, ${vagueSql(`(CASE WHEN coalesce(btrim(description), '') = '' OR lower(btrim(description)) = lower(btrim(title)) THEN title ELSE title || E'\\n' || description END)`)} AS vague
     FROM (SELECT DISTINCT title, description FROM public.action_item) t`,
  );
  const disagreements: string[] = [];
  for (const row of rows) {
    const description = row.description?.trim() ?? '';
    const text = !description || description.toLowerCase() === row.title.trim().toLowerCase() ? row.title : `${row.title}\n${row.description}`;
    if ((vaguenessOf(text) !== null) !== row.vague) disagreements.push(text);
  }
  return { texts: rows.length, disagreements };
}

function compare(reference: Answer, other: Answer, name: string): string[] {
  if (reference.totalCount !== other.totalCount) throw new Error(`${name}: totalCount ${other.totalCount}, Followthrough ${reference.totalCount}`);
  const ids = (answer: Answer) => answer.nodes.map((node) => node.id).join(',');
  if (ids(reference) !== ids(other)) throw new Error(`${name}: not the same 50 ids in the same order as Followthrough:\n${ids(other)}\n${ids(reference)}`);
  const flagDifferences: string[] = [];
  reference.nodes.forEach((mine, i) => {
    const theirs = other.nodes[i];
    for (const field of ['title', 'dueOn', 'status', 'owner', 'incident', 'service'] as const) {
      if (mine[field] !== theirs[field]) throw new Error(`${name}: item ${mine.id} has ${field} ${JSON.stringify(theirs[field])}, Followthrough ${JSON.stringify(mine[field])}`);
    }
    if (mine.flags.join(',') !== theirs.flags.join(',')) flagDifferences.push(`${mine.id} "${mine.title}": Followthrough [${mine.flags.join(', ')}], ${name} [${theirs.flags.join(', ')}]`);
  });
  return flagDifferences;
}

async function load(target: Target, options: DashboardOptions, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url: target.server.url,
    method: 'POST',
    headers: target.headers,
    body: target.body,
    connections: options.connections,
    duration: seconds,
    // A slow answer is measured, not dropped: autocannon's 10 s default would count it as an error and no latency.
    timeout: 60,
    expectBody: target.expected,
  });
}

export async function benchDashboard(options: DashboardOptions): Promise<DashboardResult> {
  const { log } = options;
  const client = new Client({ connectionString: options.databaseUrl });
  await client.connect();
  let vagueAgreement: DashboardResult['vagueAgreement'];
  try {
    for (const statement of postgraphileSchemaSql()) await client.query(statement);
    vagueAgreement = await checkVague(client);
  } finally {
    await client.end();
  }
  log(`dashboard: schema ${SCHEMA} ready; SQL VAGUE agrees with vaguenessOf on ${vagueAgreement.texts - vagueAgreement.disagreements.length}/${vagueAgreement.texts} distinct wordings`);
  const token = await createViewerToken(options.databaseUrl);
  const json = { 'content-type': 'application/json' };
  const servers: Server[] = [];
  try {
    const common = { ...process.env, NODE_ENV: 'production', DATABASE_URL: options.databaseUrl, DB_POOL_SIZE: '10' };
    const ftPort = await freePort();
    log('dashboard: starting Followthrough…');
    const followthrough = await startServer(
      'Followthrough',
      [join(projectRoot(), 'dist/src/main.js')],
      { ...common, HOST: '127.0.0.1', PORT: String(ftPort), RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn', RUN_WORKER: 'false' },
      `http://127.0.0.1:${ftPort}/graphql`,
      JSON.stringify({ query: '{ __typename }' }),
    );
    servers.push(followthrough);
    // The same server computing every answer: what a read costs when the cache cannot help (data changing
    // between polls, or every dashboard asking something different).
    const uncachedPort = await freePort();
    log('dashboard: starting Followthrough with the response cache off…');
    const uncached = await startServer(
      'Followthrough, cache off',
      [join(projectRoot(), 'dist/src/main.js')],
      { ...common, HOST: '127.0.0.1', PORT: String(uncachedPort), RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn', RUN_WORKER: 'false', GRAPHQL_CACHE_SECONDS: '0' },
      `http://127.0.0.1:${uncachedPort}/graphql`,
      JSON.stringify({ query: '{ __typename }' }),
    );
    servers.push(uncached);
    const pgPort = await freePort();
    log('dashboard: starting PostGraphile…');
    const postgraphile = await startServer(
      'PostGraphile',
      ['-r', join(__dirname, 'postgraphile-graphql15.js'), require.resolve('postgraphile/cli.js'), '-c', options.databaseUrl, '-s', SCHEMA, '-p', String(pgPort), '-n', '127.0.0.1', '--disable-graphiql', '--disable-query-log', '-m', '10'],
      common,
      `http://127.0.0.1:${pgPort}/graphql`,
      JSON.stringify({ query: '{ __typename }' }),
    );
    servers.push(postgraphile);
    const rawPort = await freePort();
    log('dashboard: starting the raw floor…');
    const raw = await startServer('raw floor', [join(__dirname, 'raw-floor.js')], { ...common, PORT: String(rawPort) }, `http://127.0.0.1:${rawPort}/`, '{}');
    servers.push(raw);

    const targets: Target[] = [
      { name: 'Followthrough', server: followthrough, body: JSON.stringify({ query: FOLLOWTHROUGH_QUERY }), headers: { ...json, authorization: `Bearer ${token}` }, normalize: fromFollowthroughShape },
      { name: 'Followthrough, cache off', server: uncached, body: JSON.stringify({ query: FOLLOWTHROUGH_QUERY }), headers: { ...json, authorization: `Bearer ${token}` }, normalize: fromFollowthroughShape },
      { name: 'PostGraphile', server: postgraphile, body: JSON.stringify({ query: POSTGRAPHILE_QUERY }), headers: json, normalize: fromPostGraphile },
      { name: 'raw floor', server: raw, body: JSON.stringify({ query: FOLLOWTHROUGH_QUERY }), headers: json, normalize: fromFollowthroughShape },
    ];

    // Equivalence first: a fast wrong answer proves nothing.
    const answers = new Map<string, Answer>();
    for (const target of targets) {
      const text = await post(target);
      const parsed = JSON.parse(text) as { errors?: unknown };
      if (parsed.errors) throw new Error(`${target.name} answered errors: ${text.slice(0, 1000)}`);
      answers.set(target.name, target.normalize(parsed));
      target.expected = text;
    }
    const reference = answers.get('Followthrough')!;
    if (reference.nodes.length !== 50) throw new Error(`Followthrough answered ${reference.nodes.length} items, not 50: is the corpus too small?`);
    const flagDifferences: Record<string, string[]> = {};
    for (const target of targets.slice(1)) flagDifferences[target.name] = compare(reference, answers.get(target.name)!, target.name);
    // The bodies must not change between requests (expectBody counts any that do); one more answer each proves it.
    for (const target of targets) {
      if ((await post(target)) !== target.expected) throw new Error(`${target.name}: two answers in a row differ`);
    }
    log(`dashboard: all ${targets.length} answer the same ${reference.nodes.length} ids in the same order, totalCount ${reference.totalCount}`);

    const rssBefore = new Map(targets.map((target) => [target.name, rssMb(target.server.process.pid!)]));
    for (const target of targets) {
      log(`dashboard: warming up ${target.name} (${options.warmUpSeconds} s)…`);
      await load(target, options, options.warmUpSeconds);
    }
    const runs = new Map<string, Run[]>(targets.map((target) => [target.name, []]));
    for (let round = 0; round < options.rounds; round++) {
      for (let j = 0; j < targets.length; j++) {
        const target = targets[(round + j) % targets.length];
        const pid = target.server.process.pid!;
        const cpuBefore = cpuMs(pid);
        const result = await load(target, options, options.duration);
        const cpu = cpuMs(pid) - cpuBefore;
        const run: Run = {
          round: round + 1,
          requestsPerSecond: result.requests.average,
          p50: result.latency.p50,
          p99: result.latency.p99,
          requests: result.requests.total,
          non2xx: result.non2xx,
          errors: result.errors + result.timeouts,
          mismatches: result.mismatches,
          cpuPerRequestUs: result.requests.total ? (cpu * 1000) / result.requests.total : NaN,
          load1: loadAverage()[0],
        };
        runs.get(target.name)!.push(run);
        log(
          `dashboard: round ${round + 1}/${options.rounds} ${target.name}: ${run.requestsPerSecond.toFixed(0)} req/s, p50 ${run.p50} ms, p99 ${run.p99} ms` +
            `${run.non2xx || run.errors || run.mismatches ? `, ${run.non2xx} non-2xx, ${run.errors} errors, ${run.mismatches} mismatched bodies` : ''} (load ${run.load1.toFixed(2)})`,
        );
      }
    }
    const contenders: Contender[] = targets.map((target) => {
      const list = runs.get(target.name)!;
      return {
        name: target.name,
        runs: list,
        requestsPerSecond: median(list.map((run) => run.requestsPerSecond)),
        p50: median(list.map((run) => run.p50)),
        p99: median(list.map((run) => run.p99)),
        cpuPerRequestUs: median(list.map((run) => run.cpuPerRequestUs)),
        rssBeforeMb: rssBefore.get(target.name)!,
        rssAfterMb: rssMb(target.server.process.pid!),
        responseBytes: Buffer.byteLength(target.expected!),
      };
    });
    return { totalCount: reference.totalCount, contenders, flagDifferences, vagueAgreement };
  } finally {
    for (const server of servers) await server.stop();
  }
}
