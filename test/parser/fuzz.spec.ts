import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePostmortem } from '../../src/parser/parse-postmortem';
import { FAILURE_MODES, type ParsedPostmortem } from '../../src/parser/parsed-postmortem';
import { threadCpuMs } from '../support/thread-cpu';

// Property-based fuzzing of the parser: generated documents (random bytes, markdown-shaped noise, broken
// structure, pathological runs) and mutated copies of the golden fixtures. For every one: no exception escapes,
// the output has a valid shape, and it takes at most 1 s of CPU per 100 KB (at least 1 s). The seed is fixed so a
// failure replays; FUZZ_SEED and FUZZ_RUNS change it locally.
const SEED = Number(process.env.FUZZ_SEED ?? 20261121);
const RUNS = Number(process.env.FUZZ_RUNS ?? 2_500);
// A bound against catastrophic backtracking, not a speed target (npm run bench measures speed), set so that no
// loaded machine reaches it: alone, the slowest of the 10,000 documents takes ~40 ms and most under 10 ms, so
// 1 s is 25× the slowest. Exponential backtracking multiplies its time with every character more, so it passes 1 s
// a few characters after it passes 100 ms; a quadratic step shows on a megabyte, in hostile-input.spec.ts.
const MS_PER_100KB = 1_000;

const FIXTURES = join(__dirname, '..', 'fixtures', 'postmortems');
const GOLDEN = readdirSync(FIXTURES)
  .filter((name) => /\.(md|txt)$/.test(name))
  .map((name) => readFileSync(join(FIXTURES, name), 'utf8'));

const KINDS = new Set(['corrective', 'preventive', 'detective', 'mitigative', 'process']);
const CATEGORIES = new Set(['monitoring', 'testing', 'code-review', 'deployment', 'capacity', 'configuration', 'process', 'training', 'vendor', 'documentation', 'incident-response', 'fix', 'other']);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Every way the output could be malformed; empty when it is valid. */
function problemsOf(result: ParsedPostmortem, text: string): string[] {
  const problems: string[] = [];
  const lineCount = text.split(/\r\n|\r|\n/).length;
  const check = (ok: boolean, what: string) => ok || problems.push(what);
  check(result.format === 'markdown' || result.format === 'text', `format ${result.format}`);
  check(FAILURE_MODES.includes(result.rootCause.category), `failure mode ${result.rootCause.category}`);
  for (const field of ['startedAt', 'endedAt'] as const) check(result[field] === null || !Number.isNaN(Date.parse(result[field])), `${field} ${result[field]}`);
  check(result.durationMinutes === null || (Number.isFinite(result.durationMinutes) && result.durationMinutes >= 0), `duration ${result.durationMinutes}`);
  check(result.impactPercent === null || (result.impactPercent >= 0 && result.impactPercent <= 100), `impact ${result.impactPercent}`);
  check(result.severity === null || /^SEV[1-4]$/.test(result.severity), `severity ${result.severity}`);
  for (const item of result.actionItems) {
    check(typeof item.text === 'string' && item.text.trim() !== '' && typeof item.title === 'string' && item.title.trim() !== '', 'an item without text or title');
    check(KINDS.has(item.kind) && CATEGORIES.has(item.category), `item kind/category ${item.kind}/${item.category}`);
    check(item.due === null || ISO_DATE.test(item.due), `due ${item.due}`);
    check(item.lines.start >= 1 && item.lines.start <= item.lines.end && item.lines.end <= lineCount, `lines ${item.lines.start}-${item.lines.end} of ${lineCount}`);
  }
  for (const warning of result.warnings) check(warning.line >= 1 && warning.line <= lineCount && warning.column >= 1, `warning at ${warning.line}:${warning.column}`);
  check(JSON.stringify(result) !== undefined, 'not serialisable');
  return problems;
}

/** CPU time of this thread, not wall time: see threadCpuMs. */
function cpuMsSince(started: number): number {
  return threadCpuMs() - started;
}

/**
 * A slow run is timed again: a busy machine (parallel test workers, a GC pause) can stall any one run, while an
 * input that is really slow is slow every time. The best of the runs is what is judged.
 */
function retimed(text: string, runs: number): number[] {
  return Array.from({ length: runs }, () => {
    const started = threadCpuMs();
    parsePostmortem(text);
    return cpuMsSince(started);
  });
}

function parsesWell(text: string): boolean {
  const started = threadCpuMs();
  let result: ParsedPostmortem;
  try {
    result = parsePostmortem(text);
  } catch (error) {
    throw new Error(`parsePostmortem threw on a ${text.length}-character document: ${String(error)}`);
  }
  const firstRun = cpuMsSince(started);
  const budget = MS_PER_100KB * Math.max(1, text.length / 100_000);
  const elapsed = firstRun > budget ? Math.min(firstRun, ...retimed(text, 2)) : firstRun;
  if (elapsed > budget) throw new Error(`took ${elapsed.toFixed(1)} ms for ${text.length} characters (budget ${budget} ms)`);
  const problems = problemsOf(result, text);
  if (problems.length > 0) throw new Error(`invalid output: ${problems.join('; ')}`);
  return true;
}

const line = fc.oneof(
  fc.string({ maxLength: 120 }),
  fc.constantFrom('## Action items', '# Postmortem', '## Root cause', 'Owner: @sam', 'Due: 2024-02-30', '| a | b |', '|---|', '```', '> quote', '- [ ] ', '- [x] done', '1. ', '***', '<details>', '[link](http://x'),
  fc.tuple(fc.constantFrom('- ', '* ', '1. ', '    ', '> ', '#'.repeat(7)), fc.string({ maxLength: 80 })).map(([prefix, rest]) => prefix + rest),
  fc.tuple(fc.constantFrom('-', '*', '|', '#', '`', '[', '>', ' ', '_', '\\'), fc.integer({ min: 100, max: 5_000 })).map(([unit, count]) => unit.repeat(count)),
);
const markdownish = fc.array(line, { maxLength: 80 }).map((lines) => lines.join('\n'));
const nested = fc.tuple(fc.integer({ min: 10, max: 400 }), fc.constantFrom('> ', '- ', '  ', '1. ')).map(([depth, unit]) => `${unit.repeat(depth)}Add an alert on heap growth`);
const bytes = fc.uint8Array({ maxLength: 4_000 }).chain((data) => fc.constantFrom('utf8', 'latin1', 'utf16le').map((encoding) => Buffer.from(data).toString(encoding as BufferEncoding)));
const mixedEncodings = fc.tuple(fc.constantFrom(...GOLDEN), fc.uint8Array({ minLength: 1, maxLength: 64 })).map(([text, data]) => text.replace(/\n/, `\n${Buffer.from(data).toString('latin1')}\n`));

/** A golden fixture with slices deleted, duplicated, swapped, or noise inserted. */
const mutated = fc
  .tuple(fc.constantFrom(...GOLDEN), fc.array(fc.tuple(fc.constantFrom('delete', 'duplicate', 'insert', 'swap', 'truncate'), fc.nat(), fc.nat({ max: 400 }), fc.string({ maxLength: 40 })), { minLength: 1, maxLength: 8 }))
  .map(([text, edits]) =>
    edits.reduce((doc, [edit, at, length, noise]) => {
      const start = doc.length === 0 ? 0 : at % doc.length;
      const slice = doc.slice(start, start + length);
      if (edit === 'delete') return doc.slice(0, start) + doc.slice(start + length);
      if (edit === 'duplicate') return doc.slice(0, start) + slice + slice + doc.slice(start);
      if (edit === 'insert') return doc.slice(0, start) + noise + doc.slice(start);
      if (edit === 'truncate') return doc.slice(0, start);
      return slice + doc.slice(0, start) + doc.slice(start + length);
    }, text),
  );

describe('parser fuzzing (fast-check)', () => {
  const cases: [string, fc.Arbitrary<string>][] = [
    ['random bytes in three encodings', bytes],
    ['markdown-shaped noise, broken tables, unterminated markup, pathological runs', markdownish],
    ['mutated golden postmortems', mutated],
    ['deep nesting and mixed encodings', fc.oneof(nested, mixedEncodings)],
  ];

  it.each(cases)('never throws, stays valid and within 1 s per 100 KB: %s', (_, documents) => {
    fc.assert(fc.property(documents, parsesWell), { seed: SEED, numRuns: RUNS });
  });

  it('checks what it claims: the output checker rejects a malformed result', () => {
    const valid = parsePostmortem(GOLDEN[0]);
    expect(problemsOf(valid, GOLDEN[0])).toEqual([]);
    const broken = { ...valid, actionItems: valid.actionItems.map((item, index) => (index === 0 ? { ...item, lines: { start: 0, end: 1e9 } } : item)) };
    expect(problemsOf(broken, GOLDEN[0])).toEqual([`lines 0-1000000000 of ${GOLDEN[0].split(/\r\n|\r|\n/).length}`]);
  });
});
