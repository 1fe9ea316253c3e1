import { wordCount } from './text-similarity';
import type { Block } from './markdown-blocks';
import type { Entry } from './outline';
import { roleOf } from './section-roles';

const NOT_A_TITLE = /^(https?:\/\/|www\.|!\[|<)/i;
const MAX_TITLE_WORDS = 20;

/** The document's own title: its first heading or first title-like line; null when it opens with a section. */
export function readTitle(blocks: Block[]): string | null {
  for (const block of blocks) {
    if (block.type === 'heading') return isSectionName(block.text) ? null : clean(block.text);
    if (block.type !== 'text') continue;
    for (const line of block.lines) {
      const text = clean(line.text);
      if (!text || NOT_A_TITLE.test(text)) continue;
      if (isSectionName(text)) return null;
      return wordCount(text, MAX_TITLE_WORDS) <= MAX_TITLE_WORDS ? text : null;
    }
  }
  return null;
}

function isSectionName(text: string): boolean {
  const bare = text.replace(/[:*#]/g, '').trim();
  return wordCount(bare, 4) <= 4 && roleOf(bare) !== null && !/postmortem|post-mortem|incident report/i.test(bare);
}

function clean(text: string): string {
  return text.replace(/^[#*_\s]+|[*_\s]+$/g, '').trim();
}

/** What happened, in the authors' words: a Description field or the first prose of the summary section. */
export function readSummary(entries: Entry[]): string | null {
  const described = entries.find((e) => e.field && /^(description|summary|overview|what happened)$/i.test(e.field.label));
  if (described) return described.field!.value;
  return entries.find((e) => e.role === 'summary' && !e.field && e.text.length > 40)?.text ?? null;
}

export function readResolution(entries: Entry[]): string | null {
  const labelled = entries.find((e) => e.field && /^(resolution|resolution explanation|fix|recovery)$/i.test(e.field.label));
  if (labelled) return labelled.field!.value;
  return entries.find((e) => e.role === 'resolution' && e.text.length > 20 && !e.text.endsWith(':'))?.text ?? null;
}
