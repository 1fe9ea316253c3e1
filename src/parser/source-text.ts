// Runs are bounded: an unbounded [^…]+ retried from every "[" or "*" is quadratic on hostile input.
const MARKDOWN_SIGNS = /^(#{1,6}\s|\s{0,8}[-*+]\s|\s{0,8}\d{1,4}[.)]\s|\s{0,8}\|[^\n]{0,2000}\|\s*$|```)|\*\*[^*\n]{1,200}\*\*|__[^_\n]{1,200}__|\[[^\]\n]{1,200}\]\([^)\n]{1,500}\)|<br\s?\/?>/m;

/**
 * The text as the parser reads it, one line for one line of the source (so positions stay true):
 * no BOM, "\n" line ends, no NULs, no zero-width characters, and "#Heading" read as "# Heading".
 */
export function normalizeSource(text: string): string {
  let clean = text.replace(/^\uFEFF/, '');
  // Most documents have none of these characters, and testing for them costs far less than a replace that
  // finds nothing (a class of all of them is slower again: the engine scans fast only for a lone character).
  if (/\r/.test(clean)) clean = clean.replace(/\r\n?/g, '\n');
  if (/[\0\u200B-\u200D\u2060]/.test(clean)) clean = clean.replace(/\0/g, '\uFFFD').replace(/[\u200B-\u200D\u2060]/g, '');
  if (/\u00A0/.test(clean)) clean = clean.replace(/\u00A0/g, ' ');
  return clean.replace(/^(#{1,6})(?=[A-Za-z0-9*_])/gm, '$1 ');
}

// A document shows whether it is markdown long before 20 KB; looking further only costs time on hostile input.
const FORMAT_SAMPLE = 20_000;

export function detectFormat(text: string): 'markdown' | 'text' {
  return MARKDOWN_SIGNS.test(text.slice(0, FORMAT_SAMPLE)) ? 'markdown' : 'text';
}
