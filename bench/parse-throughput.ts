/**
 * Parser throughput: `npm run bench:parse [-- --seconds N]`. Not a test: it prints figures.
 * Documents are this repository's own postmortems (test fixtures and examples). Runs alternate between the
 * parser and markdown-it alone on the same documents, so the ratio is robust to the machine's speed drifting.
 * `measureParserThroughput` is also what `npm run bench` reports.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { projectRoot } from '../src/common/project-root';
import { parsePostmortem } from '../src/parser/parse-postmortem';

export interface ParserThroughput {
  documents: number;
  averageBytes: number;
  /** Documents per second, one figure per round. */
  parser: number[];
  /** markdown-it alone on the same documents, in the same rounds. */
  floor: number[];
  /** parser : markdown-it, per round. */
  ratios: number[];
}

function loadDocuments(): string[] {
  const root = projectRoot();
  return ['test/fixtures/postmortems', 'examples'].flatMap((folder) =>
    readdirSync(join(root, folder))
      .filter((name) => /\.(md|markdown|txt)$/.test(name))
      .map((name) => readFileSync(join(root, folder, name), 'utf8')),
  );
}

function rate(documents: string[], work: (text: string) => unknown, budgetMs: number): number {
  let count = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < budgetMs) {
    work(documents[count % documents.length]);
    count++;
    if (count % 50 === 0) elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  }
  return (count * 1000) / elapsed;
}

/** Half a second of warm-up each, then `rounds` alternating runs sharing `seconds`. */
export function measureParserThroughput(seconds: number, rounds = 5): ParserThroughput {
  const documents = loadDocuments();
  const markdown = new MarkdownIt({ html: true });
  const floorWork = (text: string) => markdown.parse(text, {});
  rate(documents, parsePostmortem, 500);
  rate(documents, floorWork, 500);
  const parser: number[] = [];
  const floor: number[] = [];
  for (let i = 0; i < rounds; i++) {
    parser.push(rate(documents, parsePostmortem, (seconds * 1000) / rounds / 2));
    floor.push(rate(documents, floorWork, (seconds * 1000) / rounds / 2));
  }
  const averageBytes = documents.reduce((sum, text) => sum + Buffer.byteLength(text), 0) / documents.length;
  return { documents: documents.length, averageBytes, parser, floor, ratios: parser.map((value, i) => value / floor[i]) };
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function main(): void {
  const seconds = Number(process.argv[process.argv.indexOf('--seconds') + 1]) || 3;
  const rounds = 5;
  const { documents, averageBytes, parser, floor, ratios } = measureParserThroughput(seconds, rounds);

  const hostile: [string, string][] = [
    ['1 MB line', 'a'.repeat(1 << 20)],
    ['1 MB of "[("', '[('.repeat(1 << 19)],
    ['1 MB of "**a"', '**a'.repeat(350_000)],
    ['25k bullets', `## Action items\n${Array.from({ length: 25_000 }, (_, i) => `- Add alert ${i} for service ${i % 97}`).join('\n')}`],
  ];
  const worst = hostile.map(([name, text]) => {
    const start = process.hrtime.bigint();
    parsePostmortem(text);
    return [name, (Number(process.hrtime.bigint() - start) / 1e6).toFixed(0)];
  });

  console.log(`Parser throughput on ${documents} documents, ${(averageBytes / 1024).toFixed(1)} KB on average, ${rounds} alternating rounds:`);
  console.table({
    parser: { 'docs/s (median)': Math.round(median(parser)), '4 KB docs/s': Math.round((median(parser) * averageBytes) / 4096), 'MB/s': ((median(parser) * averageBytes) / 1e6).toFixed(2) },
    'markdown-it alone (floor)': { 'docs/s (median)': Math.round(median(floor)), '4 KB docs/s': Math.round((median(floor) * averageBytes) / 4096), 'MB/s': ((median(floor) * averageBytes) / 1e6).toFixed(2) },
  });
  console.log(`parser : markdown-it = ${median(ratios).toFixed(2)} (median of per-round ratios; range ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`);
  console.log('Hostile inputs (ms):', Object.fromEntries(worst));
}

if (require.main === module) main();
