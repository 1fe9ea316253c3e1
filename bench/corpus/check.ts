/**
 * Does the generator write what the import would? `node dist/bench/corpus/check.js [--incidents 60] [--database-url URL]`
 * builds a small corpus in memory, then imports the same postmortems, in the same order, through the real
 * PostmortemImportService into a scratch database holding the same ownership map and people, and compares
 * incidents, items, measures and root-cause links field by field (ids and times aside; items people changed
 * afterwards only on what they did not change). Prints each difference; exits 1 if there is any.
 */
import 'reflect-metadata';
import { Pool } from 'pg';
import { withCliContext } from '../../src/cli-context';
import { PostmortemImportService } from '../../src/postmortems/postmortem-import.service';
import { buildCorpus } from './build';
import { copyTable, Table, type Cell } from './copy';
import { createMigratedDatabase, DEFAULT_SERVER_URL, dropDatabase } from './generate';

type Row = Record<string, Cell>;

function rowsOf(table: Table): Row[] {
  return table.rows.map((cells) => Object.fromEntries(table.columns.map((column, i) => [column, cells[i]])));
}

const show = (value: unknown) => JSON.stringify(value instanceof Date ? value.toISOString() : value);

async function main(): Promise<void> {
  const incidents = Number(process.argv[process.argv.indexOf('--incidents') + 1]) || 60;
  const serverUrl = process.argv.includes('--database-url') ? process.argv[process.argv.indexOf('--database-url') + 1] : (process.env.BENCH_DATABASE_URL ?? DEFAULT_SERVER_URL);
  const seed = Number(process.argv[process.argv.indexOf('--seed') + 1]) || 11;
  const corpus = await buildCorpus({ incidents, seed });
  const table = (name: string) => corpus.tables.find((t) => t.name === name)!;
  const setupAt = corpus.world.setupAt.getTime();
  const database = 'followthrough_bench_check';
  const url = await createMigratedDatabase(serverUrl, database);
  const differences: string[] = [];
  try {
    // What existed before the first import: the ownership map's teams and services, people made through the API.
    const pool = new Pool({ connectionString: url, max: 1 });
    const client = await pool.connect();
    for (const name of ['owner', 'service']) {
      const before = new Table(name, table(name).columns);
      before.rows.push(...table(name).rows.filter((cells) => (cells[table(name).columns.indexOf('created_at')] as Date).getTime() === setupAt));
      await copyTable(client, before);
    }
    client.release();

    const postmortems = rowsOf(table('postmortem')).sort((a, b) => (a.imported_at as Date).getTime() - (b.imported_at as Date).getTime());
    process.env.DATABASE_URL = url;
    process.env.LOG_LEVEL = 'warn';
    await withCliContext(async (context) => {
      const service = context.get(PostmortemImportService);
      for (const postmortem of postmortems) await service.import({ text: postmortem.raw_text as string, sourceUri: postmortem.source_uri as string }, 'wiki-sync');
    });

    const query = async (sql: string) => (await pool.query<Row>(sql)).rows;
    const names = new Map([...rowsOf(table('owner')), ...rowsOf(table('service')), ...rowsOf(table('measure'))].map((row) => [row.id as string, (row.name ?? row.title) as string]));
    const incidentUri = new Map(postmortems.map((row) => [row.incident_id as string, row.source_uri as string]));
    const realUri = new Map((await query('SELECT DISTINCT incident_id, source_uri FROM postmortem')).map((row) => [row.incident_id as string, row.source_uri as string]));
    const realNames = new Map((await query(`SELECT id, name FROM owner UNION ALL SELECT id, name FROM service UNION ALL SELECT id, title FROM measure`)).map((row) => [row.id as string, row.name as string]));
    const named = (map: Map<string, string>, id: Cell) => (typeof id === 'string' ? (map.get(id) ?? `?${id}`) : null);

    const compare = (what: string, mine: Row, theirs: Row, fields: string[]) => {
      for (const field of fields) if (show(mine[field]) !== show(theirs[field])) differences.push(`${what} ${field}: generator ${show(mine[field])}, import ${show(theirs[field])}`);
    };
    const incidentFields = ['title', 'summary', 'started_at', 'ended_at', 'duration_minutes', 'impact_percent', 'impact', 'severity', 'root_cause_summary', 'failure_mode', 'component', 'resolution', 'service_confidence', 'service_evidence'];
    const real = new Map((await query('SELECT * FROM incident')).map((row) => [realUri.get(row.id as string)!, row]));
    for (const mine of rowsOf(table('incident'))) {
      const uri = incidentUri.get(mine.id as string)!;
      const theirs = real.get(uri);
      if (!theirs) {
        differences.push(`${uri}: not imported`);
        continue;
      }
      compare(uri, mine, theirs, incidentFields);
      compare(uri, { service: named(names, mine.service_id) }, { service: named(realNames, theirs.service_id) }, ['service']);
    }

    // Items people never touched (version 1) compare whole; the others on what no person changes.
    const itemFields = ['title', 'description', 'kind', 'category', 'priority', 'source_section', 'source_line_start', 'source_line_end', 'source_text', 'match_terms', 'subject', 'measure_evidence'];
    const untouched = ['status', 'due_on', 'due_origin', 'owner_origin'];
    // Lines and wording: a revision's items and the one it dropped can share a line number.
    const key = (uri: string, row: Row) => `${uri}#${show(row.source_line_start)}#${show(row.source_text)}`;
    const realItems = new Map((await query('SELECT a.*, o.name AS owner_name FROM action_item a LEFT JOIN owner o ON o.id = a.owner_id')).map((row) => [key(realUri.get(row.incident_id as string)!, row), row]));
    for (const mine of rowsOf(table('action_item'))) {
      const at = key(incidentUri.get(mine.incident_id as string)!, mine);
      const theirs = realItems.get(at);
      if (!theirs) {
        differences.push(`${at}: item not imported`);
        continue;
      }
      compare(at, mine, theirs, itemFields);
      compare(at, { measure: named(names, mine.measure_id) }, { measure: named(realNames, theirs.measure_id) }, ['measure']);
      const undated = real.get(incidentUri.get(mine.incident_id as string)!)?.started_at === null;
      if (mine.version === 1 || (mine.version === 2 && mine.removed_from_source_at)) {
        compare(at, mine, theirs, untouched.filter((field) => !(undated && field === 'due_on')));
        compare(at, { owner: named(names, mine.owner_id) }, { owner: theirs.owner_name }, ['owner']);
      }
    }
    const links = (rows: Row[], uris: Map<string, string>) => new Map(rows.map((row) => [uris.get(row.incident_id as string)!, row]));
    const myLinks = links(rowsOf(table('root_cause_link')), incidentUri);
    const realLinks = links(await query('SELECT * FROM root_cause_link'), realUri);
    for (const [uri, mine] of myLinks) {
      const theirs = realLinks.get(uri);
      if (!theirs) differences.push(`${uri}: no root-cause link imported`);
      else compare(`${uri} link`, mine, theirs, ['confidence', 'evidence']);
    }
    if (realLinks.size !== myLinks.size) differences.push(`root-cause links: generator ${myLinks.size}, import ${realLinks.size}`);
    const counts = await query(`SELECT (SELECT count(*)::int FROM measure) AS measures, (SELECT count(*)::int FROM root_cause) AS root_causes, (SELECT count(*)::int FROM owner) AS owners, (SELECT count(*)::int FROM service) AS services, (SELECT count(*)::int FROM jira_sync) AS jira`);
    compare('counts', { measures: table('measure').rows.length, root_causes: table('root_cause').rows.length, owners: table('owner').rows.length, services: table('service').rows.length, jira: table('action_item').rows.length }, counts[0], ['measures', 'root_causes', 'owners', 'services', 'jira']);
    await pool.end();
    console.log(`${corpus.stats.incidents} incidents, ${corpus.stats.items} items, ${postmortems.length} postmortem revisions imported; ${differences.length} differences`);
    for (const difference of differences.slice(0, 100)) console.log(`  ${difference}`);
  } finally {
    await dropDatabase(serverUrl, database);
  }
  if (differences.length) process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
