const STOP_WORDS = new Set(['the', 'a', 'an', 'and', 'or', 'of', 'to', 'for', 'in', 'on', 'our', 'we', 'with', 'be', 'is', 'are', 'will', 'all']);

const ASCII_ONLY = /^[\t\n\r\x20-\x7E]*$/;

/** Lower-case content words of a text, without punctuation and filler words. */
export function contentWords(text: string): Set<string> {
  const words = new Set<string>();
  const lower = text.toLowerCase();
  // Unicode-aware splitting only when needed: it is several times slower than the ASCII pattern.
  for (const word of lower.split(ASCII_ONLY.test(lower) ? /[^a-z0-9-]+/ : /[^\p{L}\p{N}-]+/u)) {
    if (word.length > 1 && !STOP_WORDS.has(word)) words.add(word);
  }
  return words;
}

/** Jaccard similarity of the content words of two texts, 0..1. */
export function wordSimilarity(a: string, b: string): number {
  return setSimilarity(contentWords(a), contentWords(b));
}

export function setSimilarity(left: Set<string>, right: Set<string>): number {
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared++;
  return shared / (left.size + right.size - shared);
}

/** How many whitespace-separated words a text has, counting no further than `limit` + 1. */
export function wordCount(text: string, limit = Number.MAX_SAFE_INTEGER): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = text.charCodeAt(i) <= 32;
    if (!space && !inWord && ++count > limit) return count;
    inWord = !space;
  }
  return count;
}
