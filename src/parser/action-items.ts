import { classifyCategory, classifyKind, kindFromLabel, leadInOf } from './item-kind';
import { readAnnotations } from './item-annotations';
import type { Entry } from './outline';
import type { ActionKind, ParsedActionItem } from './parsed-postmortem';
import { contentWords, setSimilarity, wordCount } from './text-similarity';

// Lines that introduce or close a list of measures rather than being one.
const REMARK =
  /^(thanks|thank you|kudos|shout-?outs?|by (implementing|taking|adopting|following|putting|addressing)|these (measures|steps|actions|changes|improvements)|this (incident|outage|experience|postmortem|report)|in (conclusion|summary|short)|overall|to (summari[sz]e|conclude)|and that|remember|we (believe|are confident|hope|aim|will continue)|moving forward,? (we|these)|the following|going forward,? the following|(to prevent|to avoid)[^.]{0,80}(following|below))/i;
const URL_ONLY = /^(https?:\/\/\S+|#\d+|\[?#?\d+\]?)$/i;
const ANNOTATION_LABEL = /^(owners?|assignee|assigned to|due( date)?|deadline|status|priority|eta|target( date)?)$/i;
const COLUMN = {
  text: /action|item|task|measure|descr|what|follow|step|remediation|fix/,
  owner: /owner|assignee|who|responsible|dri|team/,
  due: /due|deadline|date|when|eta|target/,
  kind: /type|kind|category|class/,
};
// Said of the future by the authors: "We will add …", "The team plans to …". Not "we could".
const INTENT = /\b(we|the team|[a-z]+ team|engineering|ops|sre)\s+(will|shall|plans? to|are planning to|intends? to|are going to|is going to|needs? to|must|should)\b|^(going forward|in the future|follow[- ]up)\b/i;
const SPECULATION = /\b(could|might|may|maybe|perhaps|possibly|consider(ing)?|wonder)\b/i;
const DUPLICATE_SIMILARITY = 0.9;
/** No real postmortem lists more; past it a document is generated or hostile, and reading on only costs time. */
export const MAX_ACTION_ITEMS = 1000;

export function extractActionItems(entries: Entry[]): ParsedActionItem[] {
  const items: ParsedActionItem[] = [];
  const inActions = entries.filter((entry) => entry.role === 'actions');
  for (const [index, entry] of inActions.entries()) {
    if (items.length >= MAX_ACTION_ITEMS) break;
    if (entry.row) {
      addRow(items, entry);
      continue;
    }
    const previous = items.at(-1);
    if (entry.field && ANNOTATION_LABEL.test(entry.field.label) && previous && entry.start - previous.lines.end <= 2) {
      // "Owner: @bob" on the line under an item belongs to that item.
      const notes = readAnnotations(entry.text);
      previous.owner ??= notes.owner;
      previous.due ??= notes.due;
      previous.doneInSource ||= notes.doneInSource;
      continue;
    }
    if (!isMeasure(entry, inActions[index + 1])) continue;
    add(items, entry, entry.text, entry.kindHint, entry.list?.checked === true);
  }
  if (items.length > 0) return items;
  const listed = measureLikeLists(entries);
  return listed.length > 0 ? listed : proseFollowUps(entries);
}

// Verbs that open a measure ("Add …", "Turn on …"), after any "Lead-in:" label.
const MEASURE_START =
  /^(add|implement|introduce|create|set up|setup|establish|conduct|review|update|improve|enhance|develop|integrate|schedule|revise|document|configure|monitor|patch|fix|ensure|make sure|deploy|automate|migrate|upgrade|enforce|increase|reduce|refine|audit|train|write|define|adopt|build|test|run|perform|investigate|evaluate|replace|remove|rotate|limit|alert|track|validate|verify|move|separate|isolate|turn on|turn off|enable|disable|rename|require|block|cap|split|tune|use|switch|publish|share|hold|prioriti[sz]e|allocate|clean up|page|notify|stop|keep|give|teach|practi[sc]e)\b/i;

/**
 * Without an action heading, a list under an unrecognised heading ("Lessons we paid for") whose items mostly
 * read as measures is the action list.
 */
function measureLikeLists(entries: Entry[]): ParsedActionItem[] {
  const groups = new Map<string, Entry[]>();
  for (const entry of entries) {
    if (!entry.list || entry.role) continue;
    const key = entry.headings.map((h) => h.text).join('\n');
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  const items: ParsedActionItem[] = [];
  for (const group of groups.values()) {
    const candidates = group.filter((entry, i) => isMeasure(entry, group[i + 1]));
    const measureLike = candidates.filter((entry) => MEASURE_START.test(entry.text.replace(/^[^:]{1,60}:\s*/, '')));
    if (candidates.length < 2 || measureLike.length * 2 < candidates.length) continue;
    for (const entry of candidates) add(items, entry, entry.text, null, entry.list?.checked === true);
  }
  return items;
}

function isMeasure(entry: Entry, next: Entry | undefined): boolean {
  const text = entry.text.trim();
  if (text.length < 4 || URL_ONLY.test(text) || REMARK.test(text)) return false;
  // A label ending in ":" introduces sub-items ("Monitoring:", "The following will be done:").
  if (/[:：]$/.test(text) && (wordCount(text, 12) <= 12 || (next !== undefined && next.depth > entry.depth))) return false;
  return /[a-z]/i.test(text);
}

// Word sets of items already taken, for the duplicate check (computed once per item).
const wordsOfItem = new WeakMap<ParsedActionItem, Set<string>>();
// A summary list and its detailed task list sit close together; comparing further back only costs time
// (exact repeats anywhere are still caught by their key).
const DUPLICATE_WINDOW = 40;
const itemKeys = new WeakMap<ParsedActionItem[], Set<string>>();

function isDuplicate(items: ParsedActionItem[], words: Set<string>): boolean {
  if (items.length >= DUPLICATE_WINDOW) {
    // Past the window, exact repeats are found by key; the keys of earlier items are made once, when needed.
    let keys = itemKeys.get(items);
    if (!keys) {
      keys = new Set(items.map((item) => keyOf(wordsOfItem.get(item)!)));
      itemKeys.set(items, keys);
    }
    const key = keyOf(words);
    if (keys.has(key)) return true;
    keys.add(key);
  }
  for (let i = items.length - 1; i >= Math.max(0, items.length - DUPLICATE_WINDOW); i--) {
    if (setSimilarity(wordsOfItem.get(items[i])!, words) >= DUPLICATE_SIMILARITY) return true;
  }
  return false;
}

function keyOf(words: Set<string>): string {
  return [...words].sort().join(' ');
}

function add(items: ParsedActionItem[], entry: Entry, text: string, hint: ActionKind | null, checked: boolean, cells: { owner?: string; due?: string } = {}) {
  const clean = text.replace(/\s+/g, ' ').trim();
  const words = contentWords(clean);
  if (isDuplicate(items, words)) return;
  const notes = readAnnotations(clean);
  const item: ParsedActionItem = {
    text: clean,
    title: titleOf(clean),
    kind: classifyKind(clean, hint),
    category: classifyCategory(clean),
    owner: cells.owner || notes.owner,
    due: (cells.due && readAnnotations(`due ${cells.due}`).due) || notes.due,
    doneInSource: checked || notes.doneInSource,
    section: entry.headings.at(-1)?.text ?? null,
    lines: { start: entry.start, end: entry.end },
  };
  wordsOfItem.set(item, words);
  items.push(item);
}

function addRow(items: ParsedActionItem[], entry: Entry): void {
  const cells = entry.row!;
  const column = (pattern: RegExp) => Object.keys(cells).find((name) => pattern.test(name));
  const textColumn = column(COLUMN.text) ?? Object.keys(cells)[0];
  const text = cells[textColumn]?.trim();
  if (!text || /^[-–—\s]*$/.test(text)) return;
  const ownerColumn = column(COLUMN.owner);
  const dueColumn = column(COLUMN.due);
  const kindColumn = column(COLUMN.kind);
  const hint = kindFromLabel(kindColumn ? cells[kindColumn] : undefined) ?? entry.kindHint;
  const owner = ownerColumn ? cells[ownerColumn].trim() : '';
  add(items, entry, text, hint, false, { owner: /^(-|–|—|n\/a|tbd|none|)$/i.test(owner) ? undefined : owner, due: dueColumn ? cells[dueColumn] : undefined });
}

/** With no action section, the follow-ups the authors commit to in prose ("We will add alerts …"). */
function proseFollowUps(entries: Entry[]): ParsedActionItem[] {
  const items: ParsedActionItem[] = [];
  for (const entry of entries) {
    const role = entry.role;
    if (role === 'timeline' || role === 'lessons') continue;
    for (const sentence of entry.text.split(/(?<=[.!?])\s+(?=[A-Z])/)) {
      if (INTENT.test(sentence) && !SPECULATION.test(sentence)) add(items, entry, sentence, null, false);
    }
  }
  return items;
}

/** The lead-in label, or the first clause, cut to a tracker-friendly length. */
function titleOf(text: string): string {
  const lead = leadInOf(text);
  if (lead && lead.length >= 8) return lead;
  const clause = text.split(/(?<=[.;!?])\s|\s[-–—]\s/)[0].replace(/[.;:!?]+$/, '');
  return clause.length <= 90 ? clause : `${clause.slice(0, 87).replace(/\s+\S*$/, '')}…`;
}
