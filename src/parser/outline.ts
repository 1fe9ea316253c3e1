import { wordCount } from './text-similarity';
import type { ActionKind } from './parsed-postmortem';
import type { Block, ListInfo, TextLine } from './markdown-blocks';
import { kindHintOf, roleOf, titleRoleOf, type SectionRole } from './section-roles';

export interface Heading {
  text: string;
  line: number;
  /** Markdown levels 1–6; pseudo-headings sit below them (see pseudoLevel). */
  level: number;
  role: SectionRole | null;
  kindHint: ActionKind | null;
}

/** One logical line of content: a list item, a line of a plain paragraph, or a table row. */
export interface Entry {
  text: string;
  start: number;
  end: number;
  /** 0 outside lists; list nesting depth, +1 for sub-bullets written with dashes inside an item. */
  depth: number;
  list: ListInfo | null;
  /** Headings enclosing the entry, outermost first (shared between entries: do not modify). */
  headings: Heading[];
  /** The role of the innermost heading that has one. */
  role: SectionRole | null;
  /** The kind an enclosing action sub-heading gives ("Detection" → detective). */
  kindHint: ActionKind | null;
  /** "Label: value" lines, e.g. Duration: 2 hours. */
  field: { label: string; value: string } | null;
  /** Cells by lower-cased column header, for table rows. */
  row: Record<string, string> | null;
}

const FIELD = /^([A-Za-z][A-Za-z0-9 /&()'’-]{0,40}?)\s*[:：]\s*(\S.*)$/;
const SUB_BULLET = /^[—–•▪◦·]\s*|^[-*+o]\s+/;
const SENTENCE_END = /[.!?;:)"'”]$/;
const CONTINUATION_START = /^(this|these|that|which|it|they|and|or|but|so|because|as well|including)\b/i;
const TIME_START = /^\[?\d{1,2}(:\d{2})?\s*(am|pm)?\b|^\d{4}-\d{2}-\d{2}/i;

// Pseudo-headings sit below markdown headings; those naming a known section rank above unknown grouping labels.
const KNOWN_PSEUDO_LEVEL = 7;
const UNKNOWN_PSEUDO_LEVEL = 8;
const LIST_PSEUDO_LEVEL = 10;

export function buildOutline(blocks: Block[]): Entry[] {
  const entries: Entry[] = [];
  let stack: Heading[] = [];
  // Entries under the same headings share one context object: computed when the headings change.
  let context: EntryContext | null = null;
  const current = () => (context ??= { headings: stack, role: effectiveRole(stack), kindHint: kindHintFor(stack) });

  const open = (heading: Heading) => {
    stack = stack.filter((h) => h.level < heading.level);
    context = null;
    const parentRole = effectiveRole(stack);
    // A "Detection" sub-heading of an action section classifies items; elsewhere it is part of the timeline.
    const hint = parentRole === 'actions' ? kindHintOf(heading.text) : null;
    if (hint) heading.role = 'actions';
    heading.kindHint = hint;
    stack.push(heading);
  };

  const title = documentTitle(blocks);
  for (const block of blocks) {
    if (block.type === 'heading') {
      open({ text: block.text, line: block.line, level: block.level, role: block === title ? titleRoleOf(block.text) : roleOf(block.text), kindHint: null });
      continue;
    }
    if (block.type === 'table') {
      for (const row of block.rows) {
        const cells = Object.fromEntries(block.header.map((name, i) => [name.toLowerCase().trim(), row.cells[i] ?? '']));
        entries.push(makeEntry(row.cells.join(' | '), row.line, row.line, 0, null, current(), null, cells));
      }
      continue;
    }
    const listDepth = block.list ? block.list.depth + (block.list.continuation ? 1 : 0) : 0;
    // A list item ends any list pseudo-heading at its own depth or deeper.
    const kept = stack.filter((h) => h.level < LIST_PSEUDO_LEVEL || h.level - LIST_PSEUDO_LEVEL < listDepth);
    if (kept.length !== stack.length) {
      stack = kept;
      context = null;
    }
    for (const logical of logicalLines(block.lines, Boolean(block.list))) {
      const depth = listDepth + logical.subDepth;
      const pseudo = pseudoHeadingOf(logical);
      if (pseudo) {
        const level = block.list ? LIST_PSEUDO_LEVEL + depth : pseudo.known ? KNOWN_PSEUDO_LEVEL : UNKNOWN_PSEUDO_LEVEL;
        open({ text: pseudo.text, line: logical.start, level, role: roleOf(pseudo.text), kindHint: null });
        if (!pseudo.value) continue;
        // "Root Cause: A memory leak …": a heading and its first line of content.
        entries.push(makeEntry(pseudo.value, logical.start, logical.end, depth, block.list, current(), { label: pseudo.text, value: pseudo.value }, null));
        continue;
      }
      entries.push(makeEntry(logical.text, logical.start, logical.end, depth, block.list, current(), fieldOf(logical.text), null));
    }
  }
  return entries;
}

/** The heading that titles the whole document: its only top-level heading, first, with sections below it. */
function documentTitle(blocks: Block[]): Block | undefined {
  const headings = blocks.filter((block) => block.type === 'heading');
  const [first] = headings;
  if (!first || first.type !== 'heading') return undefined;
  const top = Math.min(...headings.map((block) => (block.type === 'heading' ? block.level : Infinity)));
  const atTop = headings.filter((block) => block.type === 'heading' && block.level === top);
  return first.level === top && atTop.length === 1 && headings.length > 1 ? first : undefined;
}

type EntryContext = Pick<Entry, 'headings' | 'role' | 'kindHint'>;

// One literal with a fixed field order: entries keep one hidden class, which readers' hot loops rely on.
function makeEntry(text: string, start: number, end: number, depth: number, list: ListInfo | null, context: EntryContext, field: Entry['field'], row: Entry['row']): Entry {
  return { text, start, end, depth, list, headings: context.headings, role: context.role, kindHint: context.kindHint, field, row };
}

function fieldOf(text: string): Entry['field'] {
  const match = FIELD.exec(text);
  return match && wordCount(match[1].trim(), 5) <= 5 && !TIME_START.test(text) ? { label: match[1].trim(), value: match[2].trim() } : null;
}

/** The role of the innermost heading that has one. */
function effectiveRole(headings: Heading[]): SectionRole | null {
  for (let i = headings.length - 1; i >= 0; i--) if (headings[i].role) return headings[i].role;
  return null;
}

function kindHintFor(headings: Heading[]): ActionKind | null {
  for (let i = headings.length - 1; i >= 0; i--) {
    if (headings[i].kindHint) return headings[i].kindHint;
    if (headings[i].role && headings[i].role !== 'actions') return null;
  }
  return null;
}

interface LogicalLine {
  text: string;
  start: number;
  end: number;
  emphasized: boolean;
  subDepth: number;
}

/**
 * Splits a paragraph into the lines its writer meant as separate entries, and joins hard-wrapped ones.
 * Plain-text postmortems put one measure per line with no markup; wrapped prose continues in lower case.
 */
function logicalLines(lines: TextLine[], inList: boolean): LogicalLine[] {
  const result: LogicalLine[] = [];
  for (const [index, line] of lines.entries()) {
    const previous = result.at(-1);
    const subBullet = SUB_BULLET.test(line.text);
    const text = subBullet ? line.text.replace(SUB_BULLET, '').trim() : line.text;
    if (!text) continue;
    if (previous && index > 0 && !subBullet && continues(previous.text, lines[index - 1].text, text, inList)) {
      previous.text = `${previous.text} ${text}`;
      previous.end = line.line;
      previous.emphasized = previous.emphasized && line.emphasized;
      continue;
    }
    result.push({ text, start: line.line, end: line.line, emphasized: line.emphasized, subDepth: subBullet ? 1 : 0 });
  }
  return result;
}

// Hard-wrapped text breaks lines near a fixed width; a line this long with no closing punctuation continues.
const WRAPPED_LINE_LENGTH = 60;

function continues(previous: string, lastLine: string, next: string, inList: boolean): boolean {
  if (/^[a-z(]/.test(next) || CONTINUATION_START.test(next)) return !/:$/.test(previous) || /^[a-z]/.test(next);
  if (TIME_START.test(next) || (FIELD.test(next) && next.indexOf(':') < 40)) return false;
  if (SENTENCE_END.test(previous)) return false;
  // A short line with no closing punctuation followed by a capitalised one reads as a heading or a label.
  if (wordCount(previous, 8) <= 8) return false;
  return inList || lastLine.length >= WRAPPED_LINE_LENGTH;
}

const MAX_HEADING_WORDS = 9;

/** A line that introduces what follows: "Timeline", "**Root Cause**", "Improvements:", "Root Cause: …". */
function pseudoHeadingOf(line: LogicalLine): { text: string; value: string; known: boolean } | null {
  const text = line.text.trim();
  const colon = text.indexOf(':');
  if (colon > 0 && colon < text.length - 1) {
    // "Label: value" is a heading only for section names (Root Cause: …); other labels are fields or items.
    const label = text.slice(0, colon).trim();
    const value = text.slice(colon + 1).trim();
    if (wordCount(label, 4) <= 4 && isSectionName(label) && !TIME_START.test(text)) return { text: label, value, known: true };
    return null;
  }
  const bare = text.replace(/[:：]$/, '').trim();
  const words = wordCount(bare, MAX_HEADING_WORDS);
  if (!bare || words > MAX_HEADING_WORDS || /[.!?]$/.test(bare) || TIME_START.test(bare)) return null;
  const known = words <= 6 && roleOf(bare) !== null;
  if (text.endsWith(':') || line.emphasized || (known && /^[A-Z]/.test(bare))) return { text: bare, value: '', known };
  return null;
}

// Section names that may carry their first line of content after a colon.
const SECTION_LABELS = /^(root causes?|root cause and resolution|resolution|impact|timeline|summary|issue summary|duration|cause|recovery|description)$/i;

function isSectionName(label: string): boolean {
  return SECTION_LABELS.test(label.replace(/\*+/g, '').trim());
}
