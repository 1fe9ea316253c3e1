/**
 * Import cost as the corpus grows: one generated corpus per size (100, 1k, 10k incidents), each opened by its
 * own application context (the CLI's), and new postmortems about that corpus's services imported through the
 * real PostmortemImportService, the sizes taking turns so a drifting machine affects them alike.
 */
import type { INestApplicationContext } from '@nestjs/common';
import { withCliContext } from '../../src/cli-context';
import { PostmortemImportService } from '../../src/postmortems/postmortem-import.service';
import { generateCorpus } from '../corpus/generate';
import { Random } from '../corpus/random';
import { planIncident, postmortemText, type World } from '../corpus/world';
import { timedImport } from '../import-scaling';
import { median } from '../parse-throughput';

export interface ImportCostOptions {
  serverUrl: string;
  sizes: number[];
  /** Timed imports per size, after `warmUp` untimed ones. */
  imports: number;
  warmUp: number;
  seed: number;
  log: (line: string) => void;
  /** Databases created, so the caller can drop them. */
  created: string[];
  reuse: (size: number) => Promise<CorpusRef | null>;
}

/** A corpus in a database, and the organisation it describes (to write new postmortems about it). */
export interface CorpusRef {
  database: string;
  databaseUrl: string;
  items: number;
  world: World;
}

export interface ImportCost {
  size: number;
  database: string;
  items: number;
  /** ms per import, every timed import. */
  times: number[];
  medianMs: number;
  /** Items per imported postmortem, on average (the same documents' sizes at every corpus size). */
  itemsPerImport: number;
}

async function withContexts<T>(urls: string[], work: (contexts: INestApplicationContext[]) => Promise<T>): Promise<T> {
  if (urls.length === 0) return work([]);
  // loadEnv reads the environment when each context starts, so each one opens its own database.
  process.env.DATABASE_URL = urls[0];
  return withCliContext((context) => withContexts(urls.slice(1), (rest) => work([context, ...rest])));
}

export async function benchImportCost(options: ImportCostOptions): Promise<ImportCost[]> {
  const corpora: CorpusRef[] = [];
  for (const size of options.sizes) {
    const reused = await options.reuse(size);
    if (reused) {
      options.log(`import: reusing ${reused.database}`);
      corpora.push(reused);
      continue;
    }
    options.log(`import: generating a corpus of ${size} incidents…`);
    const corpus = await generateCorpus({ incidents: size, seed: options.seed, serverUrl: options.serverUrl });
    options.created.push(corpus.database);
    options.log(`import: ${corpus.database}: ${corpus.stats.items} items, ${(corpus.timings.total / 1000).toFixed(1)} s`);
    corpora.push({ database: corpus.database, databaseUrl: corpus.databaseUrl, items: corpus.stats.items, world: corpus.world });
  }
  // The same item counts at every size; the text names each corpus's own services.
  const counts = new Random(options.seed + 99);
  const itemCounts = Array.from({ length: options.warmUp + options.imports }, () => counts.int(3, 10));
  const documents = corpora.map((corpus, c) => {
    const random = new Random(options.seed * 31 + c);
    return itemCounts.map((count, k) => postmortemText(planIncident(corpus.world, random, 1_000_000 + k, count)));
  });
  const previousUrl = process.env.DATABASE_URL;
  const previousLevel = process.env.LOG_LEVEL;
  process.env.LOG_LEVEL = 'warn';
  try {
    return await withContexts(
      corpora.map((corpus) => corpus.databaseUrl),
      async (contexts) => {
        const services = contexts.map((context) => context.get(PostmortemImportService));
        const times: number[][] = corpora.map(() => []);
        for (let k = 0; k < itemCounts.length; k++) {
          // Rotate which size goes first, so none always follows another's cache-warming.
          for (let j = 0; j < corpora.length; j++) {
            const c = (k + j) % corpora.length;
            const ms = await timedImport(services[c], { text: documents[c][k], sourceUri: `bench/import/${k}` });
            if (k >= options.warmUp) times[c].push(ms);
          }
          if ((k + 1) % 10 === 0) options.log(`import: ${k + 1}/${itemCounts.length} rounds`);
        }
        const itemsPerImport = itemCounts.slice(options.warmUp).reduce((sum, n) => sum + n, 0) / options.imports;
        return corpora.map((corpus, c) => ({ size: options.sizes[c], database: corpus.database, items: corpus.items, times: times[c], medianMs: median(times[c]), itemsPerImport }));
      },
    );
  } finally {
    restore('DATABASE_URL', previousUrl);
    restore('LOG_LEVEL', previousLevel);
  }
}

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
