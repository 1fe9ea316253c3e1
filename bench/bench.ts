/**
 * `npm run bench [-- options]`: parser throughput, import cost as the corpus grows, and the dashboard query
 * against PostGraphile and the raw floor, in one run on one database server; prints a table of medians with
 * ratios and writes bench/results/<date>-<time>.json. Not a test. `--help` lists the options.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { projectRoot } from '../src/common/project-root';
import { benchDatabaseName, databaseUrlFor, DEFAULT_SERVER_URL, dropDatabase, generateCorpus } from './corpus/generate';
import { buildWorld } from './corpus/world';
import { measureParserThroughput, median, type ParserThroughput } from './parse-throughput';
import { benchDashboard, type DashboardResult } from './suite/dashboard';
import { benchImportCost, type CorpusRef, type ImportCost } from './suite/import-cost';
import { loadAverage } from './suite/servers';

const PARTS = ['parser', 'import', 'dashboard'] as const;
type Part = (typeof PARTS)[number];

const HELP = `Usage: npm run bench -- [options]
  --items N            action items in the dashboard corpus (default 100000)
  --rounds N           dashboard rounds per contender (default 3)
  --duration S         seconds per dashboard run (default 10)
  --connections N      concurrent connections (default 20)
  --warm-up S          untimed load per contender before the rounds (default 3)
  --only PART[,PART]   parser, import and/or dashboard (default all)
  --import-sizes LIST  corpus sizes in incidents for the import cost (default 100,1000,10000)
  --imports N          timed imports per size (default 30, after 5 untimed)
  --parser-seconds S   parser measuring time (default 10)
  --seed N             corpus seed (default 1)
  --database-url URL   PostgreSQL server to use (default BENCH_DATABASE_URL, else ${DEFAULT_SERVER_URL});
                       the bench creates its own databases there (followthrough_bench_*)
  --keep               keep those databases afterwards (they are dropped by default)
  --reuse              use followthrough_bench_* databases kept by an earlier run instead of generating them
  --out FILE           results file (default bench/results/<date>-<time>.json)`;

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}
const numberOption = (name: string, fallback: number) => {
  const value = option(name);
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`--${name} must be a positive number (got "${value}")`);
  return parsed;
};

const started = Date.now();
const log = (line: string) => console.error(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
const fmt = (value: number, digits = 0) => (Number.isFinite(value) ? value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '–');
const pad = (text: string, width: number) => (text.length >= width ? text : text + ' '.repeat(width - text.length));
const padLeft = (text: string, width: number) => (text.length >= width ? text : ' '.repeat(width - text.length) + text);

function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => `  ${cells.map((cell, i) => (i === 0 ? pad(cell, widths[i]) : padLeft(cell, widths[i]))).join('  ')}`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

async function databaseItems(url: string): Promise<number | null> {
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query<{ count: number }>('SELECT count(*)::int AS count FROM action_item');
    return rows[0].count;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function serverFacts(serverUrl: string): Promise<string> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return (await client.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version;
  } finally {
    await client.end();
  }
}

function gitCommit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: projectRoot(), encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no', '--', 'src', 'migrations'], { cwd: projectRoot(), encoding: 'utf8' }).trim();
    return dirty ? `${head} (src/ or migrations/ modified)` : head;
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    console.log(HELP);
    return;
  }
  const serverUrl = option('database-url') ?? process.env.BENCH_DATABASE_URL ?? DEFAULT_SERVER_URL;
  const only = (option('only') ?? PARTS.join(',')).split(',').map((part) => part.trim());
  for (const part of only) if (!PARTS.includes(part as Part)) throw new Error(`--only takes ${PARTS.join(', ')} (got "${part}")`);
  const runs = new Set(only as Part[]);
  const items = numberOption('items', 100_000);
  const rounds = numberOption('rounds', 3);
  const duration = numberOption('duration', 10);
  const connections = numberOption('connections', 20);
  const warmUpSeconds = numberOption('warm-up', 3);
  const importSizes = (option('import-sizes') ?? '100,1000,10000').split(',').map(Number);
  const imports = numberOption('imports', 30);
  const parserSeconds = numberOption('parser-seconds', 10);
  const seed = numberOption('seed', 1);
  const keep = process.argv.includes('--keep');
  const reuse = process.argv.includes('--reuse');

  console.error(`Benchmarks on ${new URL(serverUrl).host}: point them at another PostgreSQL with --database-url URL or BENCH_DATABASE_URL (the bench creates and ${keep ? 'keeps' : 'drops'} its own followthrough_bench_* databases there).`);
  const pgVersion = await serverFacts(serverUrl);
  const loadAtStart = loadAverage();
  log(`PostgreSQL ${pgVersion}, Node ${process.version}, ${cpus().length} cores, load average ${loadAtStart.join(' ')}`);
  const created: string[] = [];
  const reused = async (database: string, world: () => CorpusRef['world']): Promise<CorpusRef | null> => {
    if (!reuse) return null;
    const url = databaseUrlFor(serverUrl, database);
    const count = await databaseItems(url);
    return count ? { database, databaseUrl: url, items: count, world: world() } : null;
  };

  let parser: ParserThroughput | null = null;
  let importCost: ImportCost[] | null = null;
  let dashboard: (DashboardResult & { database: string; items: number; corpusSeconds: number | null }) | null = null;
  try {
    if (runs.has('parser')) {
      log(`parser: ${parserSeconds} s of alternating rounds…`);
      parser = measureParserThroughput(parserSeconds);
      log(`parser: ${fmt(median(parser.parser))} docs/s`);
    }
    if (runs.has('import')) {
      importCost = await benchImportCost({
        serverUrl, sizes: importSizes, imports, warmUp: 5, seed, log, created,
        reuse: (size) => reused(benchDatabaseName({ incidents: size }), () => buildWorld(size, seed, new Date())),
      });
    }
    if (runs.has('dashboard')) {
      const database = benchDatabaseName({ items });
      let corpus = await reused(database, () => buildWorld(Math.ceil(items / 6.5), seed, new Date()));
      let corpusSeconds: number | null = null;
      if (corpus) log(`dashboard: reusing ${database} (${corpus.items} items)`);
      else {
        log(`dashboard: generating ${fmt(items)} items…`);
        const generated = await generateCorpus({ items, seed, serverUrl, log: (line) => log(`dashboard: ${line.trim()}`) });
        created.push(generated.database);
        corpusSeconds = generated.timings.total / 1000;
        corpus = { database: generated.database, databaseUrl: generated.databaseUrl, items: generated.stats.items, world: generated.world };
        log(`dashboard: corpus ready in ${corpusSeconds.toFixed(1)} s: ${JSON.stringify(generated.stats)}`);
      }
      const result = await benchDashboard({ databaseUrl: corpus.databaseUrl, rounds, duration, connections, warmUpSeconds, log });
      dashboard = { ...result, database: corpus.database, items: corpus.items, corpusSeconds };
    }
  } finally {
    if (!keep) {
      for (const database of created) await dropDatabase(serverUrl, database).catch((error: Error) => log(`could not drop ${database}: ${error.message}`));
      if (created.length) log(`dropped ${created.join(', ')} (--keep keeps them)`);
    } else if (created.length) log(`kept ${created.join(', ')}; --reuse uses them next time`);
  }
  const loadAtEnd = loadAverage();

  const out: string[] = [];
  const now = new Date();
  out.push('', `Followthrough benchmark, ${now.toISOString().slice(0, 16)}Z, commit ${gitCommit()}`);
  out.push(`Node ${process.version}, PostgreSQL ${pgVersion} at ${new URL(serverUrl).host}, ${cpus().length} cores; load average at start ${loadAtStart.join(' ')}, at end ${loadAtEnd.join(' ')}`);
  if (parser) {
    out.push('', `Parser throughput (${parser.documents} repository postmortems, ${(parser.averageBytes / 1024).toFixed(1)} KB on average; median of ${parser.parser.length} rounds alternating with markdown-it)`);
    out.push(table(['', 'docs/s', 'range'], [
      ['parser', fmt(median(parser.parser)), `${fmt(Math.min(...parser.parser))}–${fmt(Math.max(...parser.parser))}`],
      ['markdown-it alone (floor)', fmt(median(parser.floor)), `${fmt(Math.min(...parser.floor))}–${fmt(Math.max(...parser.floor))}`],
    ]));
    out.push(`  parser : markdown-it = ${median(parser.ratios).toFixed(2)} (median of per-round ratios)`);
  }
  if (importCost) {
    const first = importCost[0];
    const last = importCost[importCost.length - 1];
    out.push('', `Import cost (new postmortems of ${first.itemsPerImport.toFixed(1)} items on average through PostmortemImportService; median of ${first.times.length} imports per size, sizes taking turns)`);
    out.push(table(['corpus', 'items stored', 'ms/import', 'p90 ms', `vs ${fmt(first.size)}`], importCost.map((cost) => {
      const sorted = [...cost.times].sort((a, b) => a - b);
      return [`${fmt(cost.size)} incidents`, fmt(cost.items), fmt(cost.medianMs, 1), fmt(sorted[Math.floor(sorted.length * 0.9)], 1), (cost.medianMs / first.medianMs).toFixed(2)];
    })));
    out.push(`  ${fmt(last.size)} : ${fmt(first.size)} = ${(last.medianMs / first.medianMs).toFixed(2)}`);
  }
  if (dashboard) {
    const [ft, ftOff, pg, raw] = dashboard.contenders;
    out.push('', `Dashboard query: the 50 most overdue open items with owner, incident, service and flags, and totalCount (${fmt(dashboard.totalCount)}),`);
    out.push(`  ${dashboard.database} (${fmt(dashboard.items)} items), ${connections} connections, ${rounds} rounds × ${duration} s per contender, interleaved; medians over rounds`);
    out.push(table(['contender', 'req/s', 'p50 ms', 'p99 ms', 'server CPU µs/req', 'RSS before → after MB', 'answer bytes', 'per-round req/s'], dashboard.contenders.map((c) => [
      c.name, fmt(c.requestsPerSecond), fmt(c.p50), fmt(c.p99), fmt(c.cpuPerRequestUs), `${fmt(c.rssBeforeMb)} → ${fmt(c.rssAfterMb)}`, fmt(c.responseBytes), c.runs.map((run) => fmt(run.requestsPerSecond)).join(' / '),
    ])));
    const perRound = (a: typeof ft, b: typeof ft) => a.runs.map((run, i) => run.requestsPerSecond / b.runs[i].requestsPerSecond);
    const ratioLine = (label: string, a: typeof ft, b: typeof ft) => {
      const ratios = perRound(a, b);
      return `  ${label} = ${(a.requestsPerSecond / b.requestsPerSecond).toFixed(2)} req/s (per round ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}), p99 ${(a.p99 / b.p99).toFixed(2)}`;
    };
    out.push(
      ratioLine('Followthrough / PostGraphile           ', ft, pg),
      ratioLine('Followthrough / raw floor              ', ft, raw),
      ratioLine('Followthrough, cache off / PostGraphile', ftOff, pg),
      ratioLine('Followthrough, cache off / raw floor   ', ftOff, raw),
      '  Followthrough answers a repeated dashboard read from its response cache while the data version and the day are unchanged',
      '  (GRAPHQL_CACHE_SECONDS); nothing changes during the runs, so every timed request is a hit. "Cache off" computes every answer.',
    );
    const faults = dashboard.contenders.flatMap((c) => c.runs.filter((run) => run.non2xx || run.errors || run.mismatches).map((run) => `${c.name} round ${run.round}: ${run.non2xx} non-2xx, ${run.errors} errors, ${run.mismatches} answers differing from the verified one`));
    out.push(faults.length ? `  FAULTS: ${faults.join('; ')}` : '  Every answer under load was 2xx and byte-identical to the verified one (same 50 ids and order, same totalCount).');
    out.push(`  Load average (1 min) after each run: ${dashboard.contenders.map((c) => `${c.name} ${c.runs.map((run) => run.load1.toFixed(1)).join('/')}`).join('; ')}`);
    out.push(
      '  Equivalence: PostGraphile 4 serves pass-through views of the tables in schema bench_postgraphile, the overdue list as a SQL function',
      '  (overdueActionItems) and the flags as a computed column returning codes (text[]); relations are ownerByOwnerId, incidentByIncidentId,',
      '  serviceByServiceId. Its flags and the raw floor\'s are one SQL expression written after the app\'s rules (bench/suite/dashboard-sql.ts);',
      `  VAGUE is the app's word lists as PostgreSQL regexes and agrees with vaguenessOf on ${dashboard.vagueAgreement.texts - dashboard.vagueAgreement.disagreements.length} of ${dashboard.vagueAgreement.texts} distinct wordings in the corpus.`,
    );
    for (const [name, differences] of Object.entries(dashboard.flagDifferences)) {
      out.push(differences.length ? `  ${name}: flag codes differ from Followthrough's on ${differences.length} of 50 items: ${differences.slice(0, 5).join('; ')}` : `  ${name}: same flag codes as Followthrough on all 50 items.`);
    }
  }
  // Issue 8's targets for this 2-core machine, so a run says at a glance where it stands.
  const targets: string[] = [];
  const mark = (met: boolean) => (met ? 'met' : 'MISSED');
  if (parser) targets.push(`parser ≥ 2,000 docs/s: ${fmt(median(parser.parser))} ${mark(median(parser.parser) >= 2000)}`);
  if (importCost && importCost.length > 1) {
    const ratio = importCost[importCost.length - 1].medianMs / importCost[0].medianMs;
    targets.push(`import ${fmt(importCost[importCost.length - 1].size)} : ${fmt(importCost[0].size)} ≤ 1.5: ${ratio.toFixed(2)} ${mark(ratio <= 1.5)}`);
  }
  if (dashboard) {
    const [ft, ftOff, pg, raw] = dashboard.contenders;
    for (const [label, c] of [['dashboard', ft], ['cache off', ftOff]] as const) {
      targets.push(
        `${label} ≥ 1.2× PostGraphile: ${(c.requestsPerSecond / pg.requestsPerSecond).toFixed(2)}× ${mark(c.requestsPerSecond >= 1.2 * pg.requestsPerSecond)}`,
        `≥ 0.6× raw: ${(c.requestsPerSecond / raw.requestsPerSecond).toFixed(2)}× ${mark(c.requestsPerSecond >= 0.6 * raw.requestsPerSecond)}`,
        `p99 ≤ 50 ms: ${fmt(c.p99)} ms ${mark(c.p99 <= 50)}`,
      );
    }
  }
  if (targets.length) out.push('', `Targets (issue 8): ${targets.join('; ')}`);
  out.push('');
  const report = out.join('\n');
  console.log(report);

  const file = option('out') ?? join(projectRoot(), 'bench', 'results', `${now.toISOString().slice(0, 10)}-${now.toISOString().slice(11, 16).replace(':', '')}.json`);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(
    file,
    `${JSON.stringify(
      {
        at: now.toISOString(), commit: gitCommit(), node: process.version, postgres: pgVersion, cores: cpus().length, loadAverage: { start: loadAtStart, end: loadAtEnd },
        options: { items, rounds, duration, connections, warmUpSeconds, importSizes, imports, parserSeconds, seed, only: [...runs] },
        parser, importCost, dashboard, report,
      },
      null,
      2,
    )}\n`,
  );
  log(`results written to ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
