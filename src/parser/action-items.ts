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
  const list = new ItemList();
  const items = list.items;
  const inActions = entries.filter((entry) => entry.role === 'actions');
  for (const [index, entry] of inActions.entries()) {
    if (items.length >= MAX_ACTION_ITEMS) break;
    if (entry.row) {
      addRow(list, entry);
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
    add(list, entry, entry.text, entry.kindHint, entry.list?.checked === true);
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
    const group = groups.get(key);
    if (group) group.push(entry);
    else groups.set(key, [entry]);
  }
  const list = new ItemList();
  for (const group of groups.values()) {
    const candidates = group.filter((entry, i) => isMeasure(entry, group[i + 1]));
    const measureLike = candidates.filter((entry) => MEASURE_START.test(entry.text.replace(/^[^:]{1,60}:\s*/, '')));
    if (candidates.length < 2 || measureLike.length * 2 < candidates.length) continue;
    for (const entry of candidates) add(list, entry, entry.text, null, entry.list?.checked === true);
  }
  return list.items;
}

function isMeasure(entry: Entry, next: Entry | undefined): boolean {
  const text = entry.text.trim();
  if (text.length < 4 || URL_ONLY.test(text) || REMARK.test(text)) return false;
  // A label ending in ":" introduces sub-items ("Monitoring:", "The following will be done:").
  if (/[:：]$/.test(text) && (wordCount(text, 12) <= 12 || (next !== undefined && next.depth > entry.depth))) return false;
  return /[a-z]/i.test(text);
}

// A summary list and its detailed task list sit close together; comparing further back only costs time
// (exact repeats anywhere are still caught by their key).
const DUPLICATE_WINDOW = 40;

/** The items taken so far, with the content words of each (computed once per item) for the duplicate check. */
class ItemList {
  readonly items: ParsedActionItem[] = [];
  private readonly wordSets: Set<string>[] = [];
  private keys: Set<string> | null = null;

  isDuplicate(words: Set<string>): boolean {
    const count = this.wordSets.length;
    if (count >= DUPLICATE_WINDOW) {
      // Past the window, exact repeats are found by key; the keys of earlier items are made once, when needed.
      this.keys ??= new Set(this.wordSets.map(keyOf));
      const key = keyOf(words);
      if (this.keys.has(key)) return true;
      this.keys.add(key);
    }
    for (let i = count - 1; i >= Math.max(0, count - DUPLICATE_WINDOW); i--) {
      if (setSimilarity(this.wordSets[i], words) >= DUPLICATE_SIMILARITY) return true;
    }
    return false;
  }

  push(item: ParsedActionItem, words: Set<string>): void {
    this.items.push(item);
    this.wordSets.push(words);
  }
}

function keyOf(words: Set<string>): string {
  return [...words].sort().join(' ');
}

function add(list: ItemList, entry: Entry, text: string, hint: ActionKind | null, checked: boolean, cells: { owner?: string; due?: string } = {}) {
  const clean = text.replace(/\s+/g, ' ').trim();
  const words = contentWords(clean);
  if (list.isDuplicate(words)) return;
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
  list.push(item, words);
}

function addRow(list: ItemList, entry: Entry): void {
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
  add(list, entry, text, hint, false, { owner: /^(-|–|—|n\/a|tbd|none|)$/i.test(owner) ? undefined : owner, due: dueColumn ? cells[dueColumn] : undefined });
}

/** With no action section, the follow-ups the authors commit to in prose ("We will add alerts …"). */
function proseFollowUps(entries: Entry[]): ParsedActionItem[] {
  const list = new ItemList();
  for (const entry of entries) {
    const role = entry.role;
    if (role === 'timeline' || role === 'lessons') continue;
    for (const sentence of entry.text.split(/(?<=[.!?])\s+(?=[A-Z])/)) {
      if (INTENT.test(sentence) && !SPECULATION.test(sentence)) add(list, entry, sentence, null, false);
    }
  }
  return list.items;
}

const CLAUSE_END = /(?<=[.;!?])\s|\s[-–—]\s/;

/** The lead-in label, or the first clause, cut to a tracker-friendly length. */
function titleOf(text: string): string {
  const lead = leadInOf(text);
  if (lead && lead.length >= 8) return lead;
  const clauseEnd = text.search(CLAUSE_END);
  const clause = (clauseEnd < 0 ? text : text.slice(0, clauseEnd)).replace(/[.;:!?]+$/, '');
  if (clause.length <= 90) return clause;
  // The text has single spaces only (see add), so the last word starts after the last space.
  const cut = clause.slice(0, 87);
  const lastSpace = cut.lastIndexOf(' ');
  return `${lastSpace < 0 ? cut : cut.slice(0, lastSpace)}…`;
}
