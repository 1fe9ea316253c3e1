/**
 * Import cost as the corpus grows: `npm run bench:import [-- --corpus N]`. Not a test: it prints figures.
 * Imports the repository's example postmortems (as new documents, several rounds) into a database holding N/10
 * generated incidents that share words with them, then again once it holds N, and prints the median import
 * time at each size and their ratio. Linking looks candidates up through indexes, so the ratio should
 * stay near 1. Uses DATABASE_URL when set, else a throw-away embedded database. `npm run bench` measures the
 * same on generated corpora of 100, 1k and 10k incidents, with `timedImport`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withCliContext } from '../src/cli-context';
import { projectRoot } from '../src/common/project-root';
import { PostmortemImportService, type ImportRequest } from '../src/postmortems/postmortem-import.service';

const corpus = Number(process.argv[process.argv.indexOf('--corpus') + 1]) || 3000;
const examples = () =>
  readdirSync(join(projectRoot(), 'examples'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => readFileSync(join(projectRoot(), 'examples', name), 'utf8'));

const SERVICES = ['checkout', 'inventory', 'search', 'billing', 'notifications', 'payments ledger', 'catalog', 'shipping', 'auth', 'reporting'];
const MODES = ['A memory leak', 'A misconfigured timeout', 'A bad deploy', 'Disk space ran out', 'A DNS record change'];
const MEASURES = ['Add memory usage alerts', 'Load test before each release', 'Code review of the cache code', 'Add a runbook for restarts', 'Cap the queue length at 10,000'];

function generated(i: number): string {
  const service = `${SERVICES[i % SERVICES.length]} ${Math.floor(i / SERVICES.length)}`;
  return [
    `# Outage ${i}: ${service} service`,
    `Root cause: ${MODES[i % MODES.length]} in the ${service} service.`,
    '## Action items',
    ...MEASURES.map((measure, j) => `- ${measure} for the ${service} service (${i}-${j})`),
  ].join('\n\n');
}

const ROUNDS = 4;

/** Milliseconds one import takes through the import service (parse, then one transaction). */
export async function timedImport(service: PostmortemImportService, request: ImportRequest): Promise<number> {
  const start = process.hrtime.bigint();
  await service.import(request, 'bench');
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** The median time of importing the examples as new documents, ROUNDS times over. */
async function timeImports(service: PostmortemImportService, label: string): Promise<number> {
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const [index, text] of examples().entries()) {
      times.push(await timedImport(service, { text: `${text}\n<!-- ${label} ${round} -->\n`, sourceUri: `bench/${label}/${round}/${index}` }));
    }
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

async function fill(service: PostmortemImportService, from: number, to: number): Promise<void> {
  for (let i = from; i < to; i++) {
    await service.import({ text: generated(i), sourceUri: `bench/generated/${i}` }, 'bench');
    if ((i + 1) % 100 === 0) process.stderr.write(`\rstored ${i + 1}/${corpus} generated incidents`);
  }
  process.stderr.write('\n');
}

function main(): void {
  process.env.DATA_DIR ??= 'memory://';
  const exampleCount = examples().length;
  void withCliContext(async (context) => {
    const service = context.get(PostmortemImportService);
    // The first few hundred imports pay for JIT compilation and cold caches: warm up on a small corpus first.
    const warmUp = Math.max(1, Math.floor(corpus / 10));
    await fill(service, 0, warmUp);
    const small = await timeImports(service, 'small');
    const smallSize = warmUp + exampleCount * ROUNDS;
    await fill(service, warmUp, corpus);
    const large = await timeImports(service, 'large');
    console.table({
      [`about ${smallSize} incidents stored`]: { 'median import (ms)': small.toFixed(1) },
      [`about ${smallSize + corpus - warmUp + exampleCount * ROUNDS} incidents stored`]: { 'median import (ms)': large.toFixed(1) },
    });
    console.log(`large : small = ${(large / small).toFixed(2)} (near 1 means linking does not scan the corpus)`);
  });
}

if (require.main === module) main();
