import { parsePostmortem } from '../../src/parser/parse-postmortem';
import type { ActionKind, ParsedPostmortem } from '../../src/parser/parsed-postmortem';
import { Random } from '../../bench/corpus/random';
import { threadCpuMs } from '../support/thread-cpu';

const MEGABYTE = 1_000_000;
/**
 * A bound against blow-up, not a speed target (npm run bench measures speed): CPU time of the test's thread, which
 * a busy machine barely moves (see threadCpuMs), and far above any case's cost alone, so that it holds however
 * loaded the machine is. Alone, the slowest case here takes ~250 ms of it (30,000 bullets; "5% of " ~120 ms; most
 * ~20 ms), so 5 s is 20× the slowest. What it is there for costs far more: catastrophic backtracking
 * (exponential) does not finish on these inputs, and a quadratic step over a megabyte is out of reach too:
 * measured, dropping the 60-character window impact.ts reads after each "%" makes the "5% of " case take 71 s,
 * and finding each line's number by counting the newlines before it (a loop of one comparison per character)
 * takes 28 s on the 30,000 bullets.
 */
const CPU_BUDGET_MS = 5_000;
const KINDS: ActionKind[] = ['corrective', 'preventive', 'detective', 'mitigative', 'process'];


const fill = (unit: string, size = MEGABYTE) => unit.repeat(Math.ceil(size / unit.length));
const lines = (count: number, line: (i: number) => string) => Array.from({ length: count }, (_, i) => line(i)).join('\n');

function randomPrintable(seed: number, size: number): string {
  const random = new Random(seed);
  const next = () => random.next();
  const chars: string[] = [];
  // Printable ASCII plus newline and tab, so markdown structure appears by chance.
  for (let i = 0; i < size; i++) {
    const r = Math.floor(next() * 97);
    chars.push(r === 95 ? '\n' : r === 96 ? '\t' : String.fromCharCode(32 + r));
  }
  return chars.join('');
}

function randomCodePoints(seed: number, size: number): string {
  const random = new Random(seed);
  const next = () => random.next();
  const chars: string[] = [];
  while (chars.length < size) {
    const point = 1 + Math.floor(next() * 0x10fffe);
    // Lone surrogates are not text; everything else, including private-use and control points, is fair game.
    if (point >= 0xd800 && point <= 0xdfff) continue;
    chars.push(String.fromCodePoint(point));
  }
  return chars.join('');
}

function timedParse(text: string): { parsed: ParsedPostmortem; cpuMs: number } {
  const before = threadCpuMs();
  const parsed = parsePostmortem(text);
  return { parsed, cpuMs: threadCpuMs() - before };
}

/**
 * A run over budget is timed twice more and judged by its best: a collection of the previous test's garbage can
 * land in any one run, while a slow input is slow every time. A run far over budget is not noise, and not worth
 * two more.
 */
function judgedParse(text: string): { parsed: ParsedPostmortem; cpuMs: number } {
  const first = timedParse(text);
  if (first.cpuMs <= CPU_BUDGET_MS || first.cpuMs > 3 * CPU_BUDGET_MS) return first;
  return { parsed: first.parsed, cpuMs: Math.min(first.cpuMs, timedParse(text).cpuMs, timedParse(text).cpuMs) };
}

const documents: [string, () => string][] = [
  ['one 1 MB line with no newline', () => fill('word ')],
  ['30,000 bullets under an action heading', () => `## Action items\n\n${lines(30_000, (i) => `- Add an alert for queue ${i} lag`)}`],
  ['30,000 start lines', () => lines(30_000, () => 'Start: March 3, 2024 10:00 UTC')],
  ['a timeline of 30,000 dated lines', () => `## Timeline\n\n${lines(30_000, (i) => `- 2024-03-03 ${String(Math.floor(i / 60) % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} UTC step ${i}`)}`],
  ['"[(" repeated', () => fill('[(')],
  ['"[a](" repeated', () => fill('[a](')],
  ['"**a" repeated', () => fill('**a')],
  ['200k "*" then 200k "_"', () => '*'.repeat(200_000) + '_'.repeat(200_000)],
  ['":" repeated', () => fill(':')],
  ['"1.2.3." repeated', () => fill('1.2.3.')],
  ['"|a" repeated', () => fill('|a')],
  ['a table with one huge row', () => `## Action items\n\n| Action | Owner | Due |\n| --- | --- | --- |\n| ${fill('a ', MEGABYTE / 2)} | ${fill('b|', MEGABYTE / 2)} |`],
  ['"@a" repeated', () => fill('@a')],
  ['"5% of " repeated', () => fill('5% of ')],
  ['random printable bytes', () => randomPrintable(0x5eed, MEGABYTE)],
  // Real nesting needs two more spaces per level, so 1000 levels already make a megabyte.
  ['a list nested 1…1000 levels deep by indentation', () => lines(1000, (i) => `${' '.repeat(i * 2)}- Add check ${i}`)],
  ['one item nested 5000 levels deep by markers', () => `## Action items\n\n${'- '.repeat(5000)}Add an alert`],
  // Four more spaces per level make each level an indented code block inside the previous one.
  ['indented code nested 700 levels deep', () => lines(700, (i) => `${' '.repeat(i * 4)}Add check ${i}\n`)],
  // Fences opened inside list items, each left open, then one at the top level that runs to the end.
  ['unterminated code fences', () => `## Action items\n\n${lines(20_000, (i) => `- Add check ${i}\n  \`\`\`sh\n  unclosed ${i}`)}\n\n\`\`\`\n${fill('- Add an alert\n')}`],
  ['random code points', () => randomCodePoints(0xc0de, MEGABYTE / 2)],
  // Lists with no action section: each list entry used to copy its whole group (200 KB took 24 s).
  ['a list and sub-list repeated, with no section', () => fill('- a\n  - b\n')],
];

describe('parsePostmortem on hostile input', () => {
  it.each(documents)(
    'survives %s quickly, with a bounded, well-formed item list',
    (_name, build) => {
      const text = build();
      const { parsed, cpuMs } = judgedParse(text);

      const malformed = parsed.actionItems.filter((item) => !item.text || !KINDS.includes(item.kind));
      expect({ isArray: Array.isArray(parsed.actionItems), atMost1000: parsed.actionItems.length <= 1000, malformed }).toEqual({ isArray: true, atMost1000: true, malformed: [] });
      expect(cpuMs).toBeLessThan(CPU_BUDGET_MS);
    },
    60_000,
  );
});
