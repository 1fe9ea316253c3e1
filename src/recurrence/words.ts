import { contentWords } from '../parser/text-similarity';

// Plural-looking words that are not plurals; stripping their "s" would invent a different word.
const NOT_PLURALS = new Set(['alias', 'always', 'atlas', 'bias', 'canvas', 'devops', 'kubernetes', 'news', 'perhaps', 'postgres', 'series', 'whereas']);
const POSSESSIVE = /['’]s\b/g;
// Hyphens, slashes and underscores join words ("payment-gateway", "read/write"); split them so each word counts.
const JOINERS = /[-_/]+/g;

/**
 * Light plural stemming, just enough that "payments", "queries" and "caches" meet their singulars.
 * Words ending in -ss, -us and -is ("process", "status", "analysis") are singular already.
 */
export function singular(word: string): string {
  if (word.length < 4 || !word.endsWith('s') || NOT_PLURALS.has(word) || /(ss|us|is)$/.test(word)) return word;
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  // "patches", "boxes", "processes" drop "es"; "caches" and "headaches" only the "s".
  if (/(sses|xes|zzes|[^a]ches|shes)$/.test(word)) return word.slice(0, -2);
  return word.slice(0, -1);
}

/** The lower-case, singular content words of a text in the order they first appear, each once. */
export function wordsOf(text: string): string[] {
  const spaced = text.toLowerCase().replace(POSSESSIVE, '').replace(JOINERS, ' ');
  return [...new Set([...contentWords(spaced)].map(singular))];
}
