/**
 * Validation of Atlassian Document Format, the subset of nodes and marks a sync service plausibly sends.
 * Real Jira validates ADF against its JSON schema; a node or mark the fake does not know is rejected, so a
 * client bug fails here rather than in production (where it would be a 400 `errors.description`).
 */
import { isRecord } from './format';
import type { AdfNode } from './types';

type Attrs = Record<string, unknown>;

interface NodeRule {
  /** Child node types allowed; undefined: no content allowed. */
  children?: readonly string[];
  /** At least one child required. */
  nonEmpty?: boolean;
  /** Checks attrs; returns a message or null. Without it, attrs are not allowed at all. */
  attrs?: (attrs: Attrs | undefined) => string | null;
}

const INLINE = ['text', 'hardBreak', 'mention', 'emoji', 'inlineCard', 'date', 'status'] as const;
const LIST_ITEM_CHILDREN = ['paragraph', 'bulletList', 'orderedList', 'codeBlock'] as const;
const BLOCK = ['paragraph', 'heading', 'bulletList', 'orderedList', 'blockquote', 'codeBlock', 'rule', 'panel'] as const;

const optionalAttrs = (): string | null => null;
const stringAttr = (name: string) => (attrs: Attrs | undefined) =>
  typeof attrs?.[name] === 'string' ? null : `attrs.${name} must be a string`;

const NODES: Record<string, NodeRule> = {
  paragraph: { children: INLINE, attrs: optionalAttrs },
  heading: {
    children: INLINE,
    attrs: (a) => (Number.isInteger(a?.level) && (a!.level as number) >= 1 && (a!.level as number) <= 6 ? null : 'attrs.level must be 1..6'),
  },
  bulletList: { children: ['listItem'], nonEmpty: true },
  orderedList: {
    children: ['listItem'],
    nonEmpty: true,
    attrs: (a) => (a?.order === undefined || (Number.isInteger(a.order) && (a.order as number) >= 0) ? null : 'attrs.order must be a non-negative integer'),
  },
  listItem: { children: LIST_ITEM_CHILDREN, nonEmpty: true },
  blockquote: { children: LIST_ITEM_CHILDREN, nonEmpty: true },
  codeBlock: { children: ['text'], attrs: (a) => (a?.language === undefined || typeof a.language === 'string' ? null : 'attrs.language must be a string') },
  rule: {},
  panel: {
    children: ['paragraph', 'heading', 'bulletList', 'orderedList', 'codeBlock', 'rule'],
    nonEmpty: true,
    attrs: (a) => (['info', 'note', 'warning', 'success', 'error'].includes(a?.panelType as string) ? null : 'attrs.panelType is invalid'),
  },
  hardBreak: { attrs: optionalAttrs },
  mention: { attrs: stringAttr('id') },
  emoji: { attrs: stringAttr('shortName') },
  inlineCard: { attrs: stringAttr('url') },
  date: { attrs: stringAttr('timestamp') },
  status: { attrs: (a) => stringAttr('text')(a) ?? stringAttr('color')(a) },
};

const MARKS: Record<string, ((attrs: Attrs | undefined) => string | null) | null> = {
  strong: null,
  em: null,
  code: null,
  strike: null,
  underline: null,
  link: stringAttr('href'),
  subsup: (a) => (a?.type === 'sub' || a?.type === 'sup' ? null : 'attrs.type must be sub or sup'),
  textColor: (a) => (typeof a?.color === 'string' && /^#[0-9a-f]{6}$/i.test(a.color) ? null : 'attrs.color must be #rrggbb'),
};

/** Returns null when `value` is a valid ADF document, else where and why it is not. */
export function adfProblem(value: unknown): string | null {
  if (!isRecord(value)) return 'not an object';
  if (value.type !== 'doc') return 'type must be "doc"';
  if (value.version !== 1) return 'version must be 1';
  const extra = Object.keys(value).find((k) => !['type', 'version', 'content'].includes(k));
  if (extra) return `unexpected property "${extra}"`;
  return childrenProblem(value.content, BLOCK, true, 'content');
}

function childrenProblem(content: unknown, allowed: readonly string[], required: boolean, path: string): string | null {
  if (content === undefined) return required ? `${path} is required` : null;
  if (!Array.isArray(content)) return `${path} must be an array`;
  for (const [i, child] of content.entries()) {
    const problem = nodeProblem(child, allowed, `${path}[${i}]`);
    if (problem) return problem;
  }
  return null;
}

function nodeProblem(node: unknown, allowed: readonly string[], path: string): string | null {
  if (!isRecord(node) || typeof node.type !== 'string') return `${path} is not a node`;
  if (!allowed.includes(node.type)) return `${path}: node "${node.type}" is not allowed here`;
  if (node.attrs !== undefined && !isRecord(node.attrs)) return `${path}.attrs must be an object`;
  const attrs = node.attrs;
  if (node.type === 'text') return textProblem(node, path);
  const rule = NODES[node.type];
  const extra = Object.keys(node).find((k) => !['type', 'content', 'attrs'].includes(k));
  if (extra) return `${path}: unexpected property "${extra}"`;
  if (rule.attrs) {
    const problem = rule.attrs(attrs);
    if (problem) return `${path}: ${problem}`;
  } else if (attrs !== undefined) return `${path}: attrs are not allowed`;
  if (!rule.children) return node.content === undefined ? null : `${path}: content is not allowed`;
  if (rule.nonEmpty && (!Array.isArray(node.content) || node.content.length === 0)) return `${path}: content must not be empty`;
  return childrenProblem(node.content, rule.children, false, `${path}.content`);
}

function textProblem(node: Record<string, unknown>, path: string): string | null {
  const extra = Object.keys(node).find((k) => !['type', 'text', 'marks'].includes(k));
  if (extra) return `${path}: unexpected property "${extra}"`;
  if (typeof node.text !== 'string' || node.text.length === 0) return `${path}.text must be a non-empty string`;
  if (node.marks === undefined) return null;
  if (!Array.isArray(node.marks)) return `${path}.marks must be an array`;
  const seen = new Set<string>();
  for (const [i, mark] of node.marks.entries()) {
    if (!isRecord(mark) || typeof mark.type !== 'string' || !(mark.type in MARKS)) return `${path}.marks[${i}] is not a known mark`;
    if (seen.has(mark.type)) return `${path}.marks[${i}]: duplicate mark "${mark.type}"`;
    seen.add(mark.type);
    const check = MARKS[mark.type];
    if (mark.attrs !== undefined && !isRecord(mark.attrs)) return `${path}.marks[${i}].attrs must be an object`;
    const problem = check ? check(mark.attrs) : mark.attrs === undefined ? null : 'attrs are not allowed';
    if (problem) return `${path}.marks[${i}]: ${problem}`;
  }
  return null;
}

/** Plain text of a document, for the v2-shaped webhook issue (where Jira sends wiki markup, not ADF) and for changelog strings. */
export function adfToText(doc: AdfNode | null): string | null {
  if (!doc) return null;
  const blocks: string[] = [];
  const inline = (node: AdfNode): string =>
    node.type === 'text' ? (node.text ?? '') : node.type === 'hardBreak' ? '\n' : (node.content ?? []).map(inline).join('');
  const walk = (node: AdfNode): void => {
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'codeBlock') blocks.push(inline(node));
    else if (node.type === 'rule') blocks.push('----');
    else (node.content ?? []).forEach(walk);
  };
  walk(doc);
  return blocks.join('\n');
}
