// Runs are bounded: an unbounded [^…]+ retried from every "[" or "*" is quadratic on hostile input.
const MARKDOWN_SIGNS = /^(#{1,6}\s|\s{0,8}[-*+]\s|\s{0,8}\d{1,4}[.)]\s|\s{0,8}\|[^\n]{0,2000}\|\s*$|```)|\*\*[^*\n]{1,200}\*\*|__[^_\n]{1,200}__|\[[^\]\n]{1,200}\]\([^)\n]{1,500}\)|<br\s?\/?>/m;

/**
 * The text as the parser reads it, one line for one line of the source (so positions stay true):
 * no BOM, "\n" line ends, no NULs, no zero-width characters, and "#Heading" read as "# Heading".
 */
export function normalizeSource(text: string): string {
  // Most documents have none of the characters to replace: one scan for all of them instead of one each.
  const cleaned = UNWANTED_CHARACTER.test(text)
    ? text
        .replace(/^\uFEFF/, '')
        .replace(/\r\n?/g, '\n')
        .replace(/\0/g, '\uFFFD')
        .replace(/[\u200B-\u200D\u2060]/g, '')
        .replace(/\u00A0/g, ' ')
    : text;
  return cleaned.replace(/^(#{1,6})(?=[A-Za-z0-9*_])/gm, '$1 ');
}

const UNWANTED_CHARACTER = /[\uFEFF\r\0\u200B-\u200D\u2060\u00A0]/;

// A document shows whether it is markdown long before 20 KB; looking further only costs time on hostile input.
const FORMAT_SAMPLE = 20_000;

export function detectFormat(text: string): 'markdown' | 'text' {
  return MARKDOWN_SIGNS.test(text.slice(0, FORMAT_SAMPLE)) ? 'markdown' : 'text';
}
