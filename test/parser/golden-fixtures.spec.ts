import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../src/common/project-root';
import { parsePostmortem } from '../../src/parser/parse-postmortem';
import type { ParsedActionItem, ParsedPostmortem } from '../../src/parser/parsed-postmortem';

interface LabelItem {
  text: string;
  kind: string;
  owner: string | null;
  due: string | null;
}

interface Label {
  title: string | null;
  started_at: string | null;
  ended_at: string | null;
  duration_minutes: number | null;
  impact_percent: number | null;
  root_cause: { summary: string; category: string; component: string };
  action_items: LabelItem[];
}

const folder = join(projectRoot(), 'test/fixtures/postmortems');
const fixtures = readdirSync(folder)
  .filter((name) => /\.(md|txt)$/.test(name))
  .sort()
  .map((name) => {
    const base = name.replace(/\.(md|txt)$/, '');
    return {
      name: base,
      parsed: parsePostmortem(readFileSync(join(folder, name), 'utf8')),
      label: JSON.parse(readFileSync(join(folder, `${base}.json`), 'utf8')) as Label,
    };
  });

// The scorer's item similarity: mean of Jaccard and overlap coefficient over word sets.
const PUNCTUATION = /[`*_#>[\]()!"“”'’:;,.?]/g;
const MATCH_THRESHOLD = 0.6;

function words(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .replace(PUNCTUATION, ' ')
      .split(/\s+/)
      .filter((word) => word.length > 1),
  );
}

function similarity(a: string, b: string): number {
  const left = words(a);
  const right = words(b);
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared++;
  const jaccard = shared / (left.size + right.size - shared);
  const overlap = shared / Math.min(left.size, right.size);
  return 0.5 * jaccard + 0.5 * overlap;
}

interface ItemMatch {
  pairs: { parsed: ParsedActionItem; label: LabelItem }[];
  missed: LabelItem[];
  extra: ParsedActionItem[];
}

/** Greedy best pairs first, each item used once, pairs below the threshold left unmatched. */
function matchItems(parsed: ParsedActionItem[], labelled: LabelItem[]): ItemMatch {
  const scored: [number, number, number][] = [];
  parsed.forEach((item, i) => labelled.forEach((label, j) => scored.push([similarity(item.text, label.text), i, j])));
  scored.sort((a, b) => b[0] - a[0]);
  const usedParsed = new Set<number>();
  const usedLabel = new Set<number>();
  const pairs: ItemMatch['pairs'] = [];
  for (const [score, i, j] of scored) {
    if (score < MATCH_THRESHOLD) break;
    if (usedParsed.has(i) || usedLabel.has(j)) continue;
    usedParsed.add(i);
    usedLabel.add(j);
    pairs.push({ parsed: parsed[i], label: labelled[j] });
  }
  return {
    pairs,
    missed: labelled.filter((_, j) => !usedLabel.has(j)),
    extra: parsed.filter((_, i) => !usedParsed.has(i)),
  };
}

const instant = (iso: string | null) => (iso === null ? null : Date.parse(iso));
const bareOwner = (owner: string | null) => (owner === null ? null : owner.replace(/^@+|@+$/g, ''));

describe.each(fixtures)('golden fixture $name', ({ parsed, label }: { parsed: ParsedPostmortem; label: Label }) => {
  const items = matchItems(parsed.actionItems, label.action_items);

  if (label.title !== null) {
    it('reads the title', () => {
      expect(parsed.title).toBe(label.title);
    });
  }

  it('reads the incident window as instants', () => {
    expect([instant(parsed.startedAt), instant(parsed.endedAt)]).toEqual([instant(label.started_at), instant(label.ended_at)]);
  });

  it('reads the duration within a minute', () => {
    if (label.duration_minutes === null) expect(parsed.durationMinutes).toBeNull();
    else expect(Math.abs((parsed.durationMinutes ?? Number.NaN) - label.duration_minutes)).toBeLessThanOrEqual(1);
  });

  it('reads the share of users affected', () => {
    expect(parsed.impactPercent).toBe(label.impact_percent);
  });

  it('classifies the root cause', () => {
    expect(parsed.rootCause.category).toBe(label.root_cause.category);
  });

  it('finds every labelled action item and nothing else', () => {
    expect({ missed: items.missed.map((i) => i.text), extra: items.extra.map((i) => i.text) }).toEqual({ missed: [], extra: [] });
  });

  it('reads the owner and due date of each matched item', () => {
    const read = items.pairs.map(({ parsed: item }) => ({ text: item.text, owner: bareOwner(item.owner), due: item.due }));
    const expected = items.pairs.map(({ parsed: item, label: wanted }) => ({ text: item.text, owner: bareOwner(wanted.owner), due: wanted.due }));
    expect(read).toEqual(expected);
  });
});

describe('golden fixtures together', () => {
  // Kind is a judgement call even for the labeller, so it is held to a share, not to every item.
  const MIN_KIND_AGREEMENT = 0.85;

  it(`agree with the labelled kind on at least ${MIN_KIND_AGREEMENT * 100}% of matched items`, () => {
    const pairs = fixtures.flatMap(({ name, parsed, label }) => matchItems(parsed.actionItems, label.action_items).pairs.map((pair) => ({ name, ...pair })));
    const disagreements = pairs.filter((p) => p.parsed.kind !== p.label.kind).map((p) => `${p.name}: ${p.parsed.kind} ≠ ${p.label.kind}: ${p.parsed.text}`);
    const agreement = 1 - disagreements.length / pairs.length;
    if (agreement < MIN_KIND_AGREEMENT) throw new Error(`Kind agreement ${agreement.toFixed(3)} < ${MIN_KIND_AGREEMENT}:\n${disagreements.join('\n')}`);
    expect(pairs.length).toBeGreaterThan(0);
  });
});
