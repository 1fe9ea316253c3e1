/**
 * Memory soak: `npm run soak -- --minutes N`. Not a test: it drives mixed traffic (queries, imports, updates,
 * transitions, signed Jira webhooks, /metrics scrapes, /health probes) against a server for N minutes, samples
 * the server's RSS and V8 heap, and says how much they grew after warm-up. By default it starts its own server
 * on a scratch database with a stub Jira; `--url` soaks one that is already running. `--help` lists the options.
 */
import { Command, Option } from 'commander';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { projectRoot } from '../src/common/project-root';
import { MB, mb, median, memoryFromMetrics, procRss, samplesCsv, slope, type Sample } from './soak/memory';
import { createPostgresDatabase, createToken, embeddedDatabase, freePort, startServer, tail, type RunningServer, type ScratchDatabase } from './soak/server';
import { StubJira } from './soak/stub-jira';
import { Api, MIX, pacer, Stats, Traffic, type Action } from './soak/traffic';

interface Options {
  minutes: number;
  concurrency: number;
  rate: number;
  sampleSeconds: number;
  warmupMinutes?: number;
  maxGrowth: number;
  maxErrorRate: number;
  newImportsPerMinute: number;
  csv?: string;
  databaseUrl?: string;
  nodeOptions?: string;
  serverEnv: string[];
  heapSnapshots?: string;
  url?: string;
  token?: string;
  pid?: number;
  webhookSecret?: string;
  seed: number;
  mix: [Action, number][];
  keep: boolean;
}

/** The server being soaked, however it was obtained, and how to let it go. */
interface Target {
  api: Api;
  pid: number | null;
  jira: StubJira | null;
  webhookSecret: string | null;
  description: string;
  logFile: string | null;
  snapshot: ((label: string) => Promise<void>) | null;
  /** Why the started server is gone (its exit code or signal), or null while it runs. */
  died(): string | null;
  release(): Promise<void>;
}

const number = (min: number) => (value: string) => {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < min) throw new Error(`expected a number ≥ ${min}, got "${value}"`);
  return parsed;
};

function readMix(text: string): [Action, number][] {
  const kinds = new Set<string>(MIX.map(([kind]) => kind));
  return text.split(',').map((part) => {
    const [kind, weight = '1'] = part.split('=').map((s) => s.trim());
    if (!kinds.has(kind)) throw new Error(`unknown kind "${kind}"; the kinds are ${[...kinds].join(', ')}`);
    return [kind as Action, number(0)(weight)];
  });
}

function parseOptions(): Options {
  const program = new Command('npm run soak --')
    .description(
      'Drives mixed traffic against a Followthrough server and samples its RSS and heap; prints their growth after warm-up and ' +
        'PASS/FAIL against --max-growth (exit 1 on FAIL, also when more than --max-error-rate of requests fail unexpectedly). ' +
        'By default it starts `node dist/src/main.js` on a free port with a scratch database (a new PostgreSQL database on ' +
        '--database-url or DATABASE_URL, dropped afterwards; else embedded PGlite in a temporary folder), an admin token from the ' +
        'CLI and a stub Jira in this process, so webhooks refer to issues the server really synced.',
    )
    .option('--minutes <n>', 'how long traffic runs', number(0.1), 20)
    .option('--concurrency <n>', 'clients sending requests at once', number(1), 8)
    .option('--rate <n>', 'requests a second over all clients; 0: as fast as the server answers', number(0), 0)
    .option('--sample-seconds <n>', 'how often RSS and heap are read', number(1), 5)
    .option('--warmup-minutes <n>', 'left out of the growth figures (default: max(2, 20% of the run), at most half the run)', number(0))
    .option('--max-growth <percent>', 'RSS growth after warm-up above which the soak fails', number(0), 5)
    .option('--max-error-rate <percent>', 'share of requests failing unexpectedly (not CONFLICT) above which the soak fails', number(0), 0.5)
    .option('--new-imports-per-minute <n>', 'new postmortems imported a minute (revisions of earlier ones: twice that; other imports are unchanged re-imports)', number(0), 20)
    .option('--csv <file>', 'write the samples as CSV')
    .option('--database-url <url>', 'PostgreSQL server for the scratch database (default: DATABASE_URL; unset: embedded PGlite)')
    .option('--node-options <flags>', 'node flags for the started server, e.g. "--max-old-space-size=256"')
    .option('--server-env <KEY=VALUE>', 'an environment variable for the started server, repeatable (e.g. LOG_LEVEL=info, MALLOC_ARENA_MAX=2)', (value: string, all: string[]) => [...all, value], [])
    .option('--heap-snapshots <dir>', 'heap snapshots of the started server at the end of warm-up and at the end (they pause it for seconds)')
    .option('--url <url>', 'soak a server that is already running instead of starting one (use a disposable one: the soak writes)')
    .option('--token <token>', 'with --url: an editor or admin API token (its rate limit must allow the traffic)')
    .option('--pid <pid>', "with --url: the server's process id, to read RSS from /proc (else from its /metrics)", number(1))
    .option('--webhook-secret <secret>', "with --url: the server's JIRA_WEBHOOK_SECRET, to send signed Jira webhooks")
    .addOption(
      new Option('--mix <weights>', 'kinds of request and their weights, e.g. items=1,import=1 to isolate a leak')
        .argParser(readMix)
        .default(MIX, MIX.map(([kind, weight]) => `${kind}=${weight}`).join(',')),
    )
    .option('--seed <n>', 'seed of the generated postmortems and of the traffic mix', number(0), 1)
    .option('--keep', 'keep the scratch database and folder afterwards', false)
    .showHelpAfterError();
  program.parse(process.argv);
  const options = program.opts<Options>();
  if (options.url && !options.token) program.error('--url needs --token (create one: npm run -s cli -- token create --name soak --role editor)');
  if (!options.url && (options.token || options.pid || options.webhookSecret)) program.error('--token, --pid and --webhook-secret go with --url');
  if (options.url && (options.serverEnv.length > 0 || options.nodeOptions || options.heapSnapshots || options.databaseUrl)) {
    program.error('--server-env, --node-options, --heap-snapshots and --database-url are for the server the soak starts, not with --url');
  }
  const malformed = options.serverEnv.find((pair) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(pair));
  if (malformed) program.error(`--server-env takes KEY=VALUE, got "${malformed}"`);
  return options;
}

async function launch(options: Options): Promise<Target> {
  const root = projectRoot();
  const scratch = mkdtempSync(join(tmpdir(), 'followthrough-soak-'));
  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL;
  let database: ScratchDatabase | null = null;
  const jira = new StubJira();
  let server: RunningServer | null = null;
  const release = async () => {
    await server?.stop();
    await jira.stop();
    if (!options.keep) {
      await database?.drop().catch((error: unknown) => console.error(`Could not drop the scratch database: ${String(error)}`));
      rmSync(join(scratch, 'data'), { recursive: true, force: true });
    }
  };
  try {
    database = databaseUrl ? await createPostgresDatabase(databaseUrl) : embeddedDatabase(join(scratch, 'data'));
    const jiraUrl = await jira.start();
    const port = await freePort();
    const webhookSecret = randomBytes(16).toString('hex');
    // A clean environment: nothing of the caller's (a JIRA_* or DATABASE_URL of theirs) leaks into the soaked server.
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      ...database.env,
      OWNERSHIP_FILE: join(root, 'examples/ownership.yaml'),
      // One token sends everything: the per-token budget would refuse the soak's traffic, which is not what it measures.
      RATE_LIMIT_PER_MINUTE: '0',
      // Its whole-list reads (every root cause with its incidents and open items, every measure with its items) cost
      // more than the default GRAPHQL_MAX_COST, which prices lists at a large deployment's size: it soaks them anyway.
      GRAPHQL_MAX_COST: '1000000',
      JIRA_BASE_URL: jiraUrl,
      JIRA_EMAIL: 'soak@example.com',
      JIRA_API_TOKEN: 'soak',
      JIRA_PROJECT_KEY: 'SOAK',
      JIRA_WEBHOOK_SECRET: webhookSecret,
      // Reconcile every 2 minutes, so its search and pull run several times in a soak.
      JIRA_RECONCILE_INTERVAL_MINUTES: '2',
      ...Object.fromEntries(options.serverEnv.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)])),
    };
    const token = await createToken(root, env);
    const nodeFlags = options.nodeOptions?.split(/\s+/).filter(Boolean) ?? [];
    const snapshotDir = options.heapSnapshots ? resolve(options.heapSnapshots) : null;
    if (snapshotDir) {
      mkdirSync(snapshotDir, { recursive: true });
      // Not SIGUSR2, the usual choice: Nest's shutdown hooks stop the server on it. SIGWINCH is otherwise ignored.
      nodeFlags.push(`--heapsnapshot-signal=${SNAPSHOT_SIGNAL}`, `--diagnostic-dir=${snapshotDir}`);
    }
    const logFile = join(scratch, 'server.log');
    server = await startServer(root, env, nodeFlags, port, logFile);
    const running = server;
    return {
      api: new Api(running.url, token),
      pid: running.pid,
      jira,
      webhookSecret,
      description: `started server pid ${running.pid} at ${running.url} on ${database.description}${nodeFlags.length ? ` (node ${nodeFlags.join(' ')})` : ''}${options.serverEnv.length ? ` (${options.serverEnv.join(' ')})` : ''}`,
      logFile,
      died: () => (running.exited() === null ? null : `the server exited (${running.exited()}); the end of its log:\n${tail(logFile)}`),
      snapshot: snapshotDir
        ? async (label) => {
            if (running.exited() !== null) return;
            process.kill(running.pid, SNAPSHOT_SIGNAL);
            // The snapshot is written synchronously by the server; wait until it answers again.
            await sleep(500);
            await fetch(`${running.url}/health`, { signal: AbortSignal.timeout(300_000) }).catch(() => undefined);
            console.log(`  heap snapshot (${label}) written to ${snapshotDir}`);
          }
        : null,
      release,
    };
  } catch (error) {
    await release();
    throw error;
  }
}

function attach(options: Options): Target {
  return {
    api: new Api(options.url!.replace(/\/+$/, ''), options.token!),
    pid: options.pid ?? null,
    jira: null,
    webhookSecret: options.webhookSecret ?? null,
    description: `running server at ${options.url}${options.pid ? ` (pid ${options.pid})` : ''}`,
    logFile: null,
    snapshot: null,
    died: () => null,
    release: () => Promise.resolve(),
  };
}

const SNAPSHOT_SIGNAL = 'SIGWINCH';

const rssOf = (sample: Sample): number | null => sample.rssBytes ?? sample.metricsRssBytes;

async function sample(target: Target, stats: Stats, seconds: number): Promise<Sample> {
  const rssBytes = target.pid ? await procRss(target.pid) : null;
  let memory = memoryFromMetrics('');
  const start = performance.now();
  try {
    const { status, text } = await target.api.request('GET', '/metrics');
    stats.record('metrics', status === 200 ? 'ok' : 'error', performance.now() - start, status === 200 ? undefined : `HTTP ${status}: ${text.slice(0, 150)}`);
    if (status === 200) memory = memoryFromMetrics(text);
  } catch (error) {
    stats.record('metrics', 'error', performance.now() - start, String(error));
  }
  const totals = stats.totals();
  return { seconds, rssBytes, ...memory, requests: totals.requests, errors: totals.errors };
}

function clock(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;
}

async function main(): Promise<void> {
  const options = parseOptions();
  const runSeconds = options.minutes * 60;
  const defaultWarmup = Math.max(120, runSeconds * 0.2);
  // A short (smoke) run would otherwise be all warm-up: keep at least half of it for the figures.
  const warmupSeconds = options.warmupMinutes !== undefined ? options.warmupMinutes * 60 : Math.min(defaultWarmup, runSeconds / 2);
  if (warmupSeconds >= runSeconds) throw new Error('--warmup-minutes must be shorter than --minutes');

  const target = options.url ? attach(options) : await launch(options);
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) return;
    interrupted = true;
    console.log('\nInterrupted: stopping traffic and summarising what was measured (Ctrl-C again does not hurry it).');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    console.log(`Soaking the ${target.description}`);
    if (target.logFile) console.log(`Server log: ${target.logFile}`);
    console.log(
      `${options.minutes} min of traffic, ${options.concurrency} clients${options.rate ? ` at ${options.rate} req/s` : ''}, a sample every ${options.sampleSeconds} s; ` +
        `warm-up ${clock(warmupSeconds)} left out; fails above ${options.maxGrowth}% RSS growth or ${options.maxErrorRate}% errors.`,
    );
    const stats = new Stats();
    const traffic = new Traffic(target.api, stats, { seed: options.seed, mix: options.mix, newImportsPerMinute: options.newImportsPerMinute, webhookSecret: target.webhookSecret, today: new Date() }, target.jira);
    await traffic.prime();

    const samples: Sample[] = [];
    const started = performance.now();
    const elapsed = () => (performance.now() - started) / 1000;
    let stop = false;
    const pace = pacer(options.rate);
    const workers = Array.from({ length: options.concurrency }, (_, index) => traffic.worker(index, () => stop, pace));

    let nextReport = 60;
    let lastReport = { seconds: 0, requests: 0, totalMs: 0 };
    let snapshotTaken = false;
    let died: string | null = null;
    for (let tick = 0; ; tick++) {
      const due = Math.min(tick * options.sampleSeconds, runSeconds);
      const wait = due - elapsed();
      if (wait > 0) await sleep(wait * 1000);
      if (interrupted) break;
      died = target.died();
      if (died) break;
      const current = await sample(target, stats, elapsed());
      samples.push(current);
      if (!snapshotTaken && target.snapshot && current.seconds >= warmupSeconds) {
        snapshotTaken = true;
        await target.snapshot('end of warm-up');
      }
      if (current.seconds >= nextReport || due >= runSeconds) {
        const totals = stats.totals();
        const rate = (totals.requests - lastReport.requests) / (current.seconds - lastReport.seconds);
        const latency = (totals.totalMs - lastReport.totalMs) / Math.max(1, totals.requests - lastReport.requests);
        console.log(
          `[${clock(current.seconds).padStart(5)}] ${rate.toFixed(1).padStart(6)} req/s, ${latency.toFixed(0).padStart(4)} ms mean, ${totals.errors} errors, ${totals.expected} conflicts | ` +
            `RSS ${mb(rssOf(current))} | heap ${mb(current.heapUsedBytes)} | ${traffic.importedIncidents} postmortems, ${traffic.knownItems} items seen` +
            `${target.jira ? `, ${target.jira.issueCount} Jira issues` : ''}${current.seconds < warmupSeconds ? ' (warm-up)' : ''}`,
        );
        lastReport = { seconds: current.seconds, requests: totals.requests, totalMs: totals.totalMs };
        nextReport += 60;
      }
      if (due >= runSeconds) break;
    }
    const trafficSeconds = elapsed();
    stop = true;
    await Promise.all(workers);
    if (target.snapshot && snapshotTaken) await target.snapshot('end');

    if (options.csv) {
      writeFileSync(options.csv, samplesCsv(samples));
      console.log(`Samples written to ${options.csv}`);
    }
    const passed = summarise(options, stats, samples, warmupSeconds, trafficSeconds, target);
    if (died) console.log(`\nFAIL: ${died}`);
    process.exitCode = passed && !died ? 0 : 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await target.release();
  }
}

function summarise(options: Options, stats: Stats, samples: Sample[], warmupSeconds: number, trafficSeconds: number, target: Target): boolean {
  const totals = stats.totals();
  console.log(`\nRequests: ${totals.requests} in ${clock(trafficSeconds)} (${(totals.requests / trafficSeconds).toFixed(1)} req/s)`);
  console.table(
    Object.fromEntries(
      [...stats.kinds].sort((a, b) => b[1].requests - a[1].requests).map(([kind, k]) => [kind, { requests: k.requests, ok: k.ok, conflict: k.expected, errors: k.errors, 'mean ms': Math.round(k.totalMs / k.requests), 'max ms': Math.round(k.maxMs) }]),
    ),
  );
  console.log('Answers:', Object.fromEntries([...stats.outcomes].sort()));
  if (target.jira) console.log('Stub Jira calls:', Object.fromEntries([...target.jira.calls].sort()), `(${target.jira.issueCount} issues)`);
  const errorRate = totals.requests ? (totals.errors / totals.requests) * 100 : 0;
  console.log(`Unexpected errors: ${totals.errors} (${errorRate.toFixed(3)}% of requests)`);
  for (const [message, count] of stats.errorMessages().slice(0, 10)) console.log(`  ${String(count).padStart(6)} × ${message}`);

  // Medians of about a minute of samples on each side, so a GC just before one reading does not decide the result.
  const window = Math.max(3, Math.round(60 / options.sampleSeconds));
  const afterWarmup = samples.filter((s) => s.seconds >= warmupSeconds && rssOf(s) !== null);
  const atWarmup = samples.filter((s) => s.seconds <= warmupSeconds && rssOf(s) !== null).slice(-window);
  const atEnd = afterWarmup.slice(-window);
  if (atWarmup.length === 0 || atEnd.length === 0) {
    console.log('\nFAIL: not enough memory samples to compare (did the run end during warm-up, or is /metrics unreachable?).');
    return false;
  }
  const figures = (read: (s: Sample) => number | null, summary: (values: number[]) => number = median) => {
    const start = summary(atWarmup.map(read).filter((v): v is number => v !== null));
    const end = summary(atEnd.map(read).filter((v): v is number => v !== null));
    const points = afterWarmup.map((s): [number, number] | null => (read(s) === null ? null : [s.seconds / 3600, (read(s) as number) / MB])).filter((p): p is [number, number] => p !== null);
    return { start, end, growth: ((end - start) / start) * 100, slope: slope(points) };
  };
  const rss = figures(rssOf);
  const heap = figures((s) => s.heapUsedBytes);
  // Heap used is a sawtooth between collections; its lowest point in the window is close to what survives GC.
  const heapFloor = figures((s) => s.heapUsedBytes, (values) => Math.min(...values));
  const source = target.pid ? `/proc/${target.pid}/status VmRSS` : '/metrics process_resident_memory_bytes';
  const describe = (name: string, f: ReturnType<typeof figures>) =>
    `${name.padEnd(5)} ${mb(f.start).padStart(10)} → ${mb(f.end).padStart(10)}   ${(f.growth >= 0 ? '+' : '') + f.growth.toFixed(2)}%   slope ${(f.slope >= 0 ? '+' : '') + f.slope.toFixed(1)} MB/hour`;
  console.log(`\nMemory after warm-up (${clock(warmupSeconds)}), medians of ${window} samples at the end of warm-up and at the end of the run (${clock(samples[samples.length - 1].seconds)}):`);
  console.log(`  ${describe('RSS', rss)}   (${source}; ${afterWarmup.length} samples after warm-up)`);
  console.log(`  ${describe('heap', heap)}   (V8 heap used, from /metrics)`);
  console.log(`  ${describe('floor', heapFloor)}   (lowest heap used in each window: roughly what survives GC)`);

  const failures: string[] = [];
  if (rss.growth > options.maxGrowth) failures.push(`RSS grew ${rss.growth.toFixed(2)}% > ${options.maxGrowth}%`);
  if (errorRate > options.maxErrorRate) failures.push(`${errorRate.toFixed(3)}% of requests failed > ${options.maxErrorRate}%`);
  console.log(failures.length === 0 ? `\nPASS: RSS growth ${rss.growth.toFixed(2)}% ≤ ${options.maxGrowth}%, errors ${errorRate.toFixed(3)}% ≤ ${options.maxErrorRate}%` : `\nFAIL: ${failures.join('; ')}`);
  return failures.length === 0;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
