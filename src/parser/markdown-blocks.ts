import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';

/** One source line of a block, as plain text (markup stripped). */
export interface TextLine {
  text: string;
  /** 1-based source line. */
  line: number;
  /** The whole line was bold or italic: a pseudo-heading candidate. */
  emphasized: boolean;
}

export interface ListInfo {
  depth: number;
  ordered: boolean;
  /** true for "[x]", false for "[ ]", null when the item has no checkbox. */
  checked: boolean | null;
  /** Later paragraph of the same list item (not its first line). */
  continuation: boolean;
}

export type Block =
  | { type: 'heading'; level: number; text: string; line: number }
  | { type: 'text'; lines: TextLine[]; list: ListInfo | null }
  | { type: 'table'; header: string[]; rows: { cells: string[]; line: number }[] };

const markdown = new MarkdownIt({ html: true, linkify: false, typographer: false });
// Block structure first; inline markup is read per paragraph, so a hostile megabyte-long paragraph can be
// read as plain text instead (markdown-it's inline pass needs over a second for 1 MB of "[(").
// normalizeSource already gives "\n" line ends and no NULs; the typographic rules are off anyway.
markdown.core.ruler.disable(['normalize', 'inline', 'linkify', 'replacements', 'smartquotes', 'text_join']);
const MAX_INLINE_MARKUP = 20_000;
const BREAK_TAG = /^<br\s*\/?>$/i;
const CHECKBOX = /^\[([ xX])\]\s+/;

/**
 * The document's blocks in order, from markdown-it's token stream. Indented "code" is re-read as text:
 * postmortems indent timelines and lists far more often than they quote code.
 */
export function readBlocks(source: string, lineOffset = 0, depthOffset = 0, codeDepth = 0): Block[] {
  const env = {};
  const tokens = markdown.parse(source, env);
  for (const token of tokens) if (token.type === 'inline') token.children = inlineChildren(token.content, env);
  const blocks: Block[] = [];
  const lists: { ordered: boolean }[] = [];
  let pendingItem: { line: number } | null = null;
  let itemParagraphs = 0;

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const firstLine = (token.map?.[0] ?? 0) + 1 + lineOffset;
    switch (token.type) {
      case 'bullet_list_open':
      case 'ordered_list_open':
        lists.push({ ordered: token.type === 'ordered_list_open' });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        break;
      case 'list_item_open':
        pendingItem = { line: firstLine };
        itemParagraphs = 0;
        break;
      case 'heading_open': {
        const text = inlineLines(tokens[i + 1], firstLine).map((l) => l.text).join(' ').trim();
        blocks.push({ type: 'heading', level: Number(token.tag.slice(1)), text, line: firstLine });
        i += 2;
        break;
      }
      case 'paragraph_open': {
        const lines = inlineLines(tokens[i + 1], firstLine);
        const list = lists.length ? listInfo(lists, depthOffset, itemParagraphs > 0, lines) : depthOffset ? listInfo([], depthOffset, false, lines) : null;
        if (lines.length) blocks.push({ type: 'text', lines, list });
        if (pendingItem) itemParagraphs++;
        i += 2;
        break;
      }
      case 'code_block':
        // Re-reading nests: each level parses the text again. Past two levels it is read as plain lines.
        if (codeDepth < MAX_CODE_REREAD) blocks.push(...readBlocks(token.content, firstLine - 1, depthOffset + lists.length, codeDepth + 1));
        else blocks.push(...plainLines(token.content, firstLine));
        break;
      case 'html_block': {
        const lines = htmlLines(token.content, firstLine);
        if (lines.length) blocks.push({ type: 'text', lines, list: null });
        break;
      }
      case 'table_open': {
        const end = tokens.findIndex((t, j) => j > i && t.type === 'table_close');
        blocks.push(readTable(tokens.slice(i, end), lineOffset));
        i = end;
        break;
      }
      default:
        // fences (real code), rules, blockquote markers: nothing to read.
        break;
    }
  }
  return blocks;
}

// Characters that can start inline markup, and a hard break: a paragraph with none of them is plain text as it
// stands. Two tests: the engine scans for a character class alone much faster than for the alternation.
const MARKUP_CHARACTER = /[*_`[\]<>&\\!~]/;
const HARD_BREAK = /\s\s\n/;

const TextToken = new markdown.core.State('', markdown, {}).Token;

function inlineChildren(content: string, env: object): Token[] {
  if (content.length > MAX_INLINE_MARKUP || !(MARKUP_CHARACTER.test(content) || HARD_BREAK.test(content))) {
    const plain = content.length > MAX_INLINE_MARKUP ? content.replace(/[*_`]+/g, '') : content;
    const children: Token[] = [];
    for (const line of plain.split('\n')) {
      if (children.length) children.push(new TextToken('softbreak', 'br', 0));
      const text = new TextToken('text', '', 0);
      text.content = line;
      children.push(text);
    }
    return children;
  }
  const children: Token[] = [];
  markdown.inline.parse(content, markdown, env, children);
  return children;
}

function listInfo(lists: { ordered: boolean }[], depthOffset: number, continuation: boolean, lines: TextLine[]): ListInfo {
  const checkbox = CHECKBOX.exec(lines[0]?.text ?? '');
  if (checkbox) lines[0] = { ...lines[0], text: lines[0].text.slice(checkbox[0].length) };
  return {
    depth: lists.length + depthOffset,
    ordered: lists.at(-1)?.ordered ?? false,
    checked: checkbox ? checkbox[1] !== ' ' : null,
    continuation,
  };
}

// Single-character alternative first: the engine rejects most positions on it before trying "\s\s".
const SPACING_TO_COLLAPSE = /[\t\n\r]|\s\s/;

/** Plain-text lines of an inline token: soft and hard breaks (and <br>) end a line; links keep their text. */
function inlineLines(inline: Token | undefined, firstLine: number): TextLine[] {
  const lines: TextLine[] = [];
  let text = '';
  let plain = '';
  let emphasis = 0;
  let sourceLine = firstLine;
  const flush = (nextSourceLine: number) => {
    const trimmed = (SPACING_TO_COLLAPSE.test(text) ? text.replace(/\s+/g, ' ') : text).trim();
    if (trimmed) lines.push({ text: trimmed, line: sourceLine, emphasized: plain.trim() === '' });
    text = '';
    plain = '';
    sourceLine = nextSourceLine;
  };
  for (const child of inline?.children ?? []) {
    switch (child.type) {
      case 'text':
      case 'code_inline':
        text += child.content;
        if (emphasis === 0) plain += child.content;
        break;
      case 'softbreak':
      case 'hardbreak':
        flush(sourceLine + 1);
        break;
      case 'strong_open':
      case 'em_open':
        emphasis++;
        break;
      case 'strong_close':
      case 'em_close':
        emphasis--;
        break;
      case 'html_inline':
        if (BREAK_TAG.test(child.content)) flush(sourceLine);
        break;
      default:
        // link_open/close, image, s_open…: markup only; an image contributes nothing.
        break;
    }
  }
  flush(sourceLine);
  return lines;
}

const MAX_CODE_REREAD = 2;

function plainLines(text: string, firstLine: number): Block[] {
  const lines = text
    .split('\n')
    .map((raw, index) => ({ text: raw.trim(), line: firstLine + index, emphasized: false }))
    .filter((line) => line.text !== '');
  return lines.length ? [{ type: 'text', lines, list: null }] : [];
}

function htmlLines(html: string, firstLine: number): TextLine[] {
  return html
    .split('\n')
    .map((raw, index) => ({ text: raw.replace(/<[^>]{0,500}>/g, ' ').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ').trim(), line: firstLine + index, emphasized: false }))
    .filter((line) => line.text !== '');
}

function readTable(tokens: Token[], lineOffset: number): Block {
  const rows: { cells: string[]; line: number }[] = [];
  let header: string[] = [];
  let current: string[] | null = null;
  let rowLine = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.type === 'tr_open') {
      current = [];
      rowLine = (token.map?.[0] ?? 0) + 1 + lineOffset;
    } else if ((token.type === 'th_open' || token.type === 'td_open') && current) {
      current.push(inlineLines(tokens[i + 1], rowLine).map((l) => l.text).join(' ').trim());
    } else if (token.type === 'tr_close' && current) {
      if (header.length === 0) header = current;
      else rows.push({ cells: current, line: rowLine });
      current = null;
    }
  }
  return { type: 'table', header, rows };
}
