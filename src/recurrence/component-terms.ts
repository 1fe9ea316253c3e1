import { wordsOf } from './words';

// Words that say what role a component plays, not which component it is: "payment gateway API" and
// "payment processing service" are both the payment component.
const ROLE_WORDS = new Set([
  'service',
  'server',
  'api',
  'integration',
  'application',
  'app',
  'code',
  'system',
  'module',
  'backend',
  'frontend',
  'component',
  'platform',
  'layer',
  'gateway',
  'processing',
  'processor',
  'handler',
  'engine',
  'client',
  'custom',
  'our',
  'the',
  'a',
  'an',
  'new',
  'legacy',
  'main',
  'core',
  'internal',
  'web',
]);

const sortedUnique = (words: string[]): string[] => [...new Set(words)].sort();

/**
 * The words that identify a component ("shopping cart service" → cart, shopping): lower-case, singular,
 * sorted, each once. When a name is nothing but role words ("API gateway"), those words are all it has.
 */
export function componentTerms(name: string): string[] {
  const words = wordsOf(name);
  const distinguishing = words.filter((word) => !ROLE_WORDS.has(word));
  return sortedUnique(distinguishing.length > 0 ? distinguishing : words);
}

/** The role words of a name that componentTerms left out ("payment gateway API" → api, gateway). */
export function roleWords(name: string): string[] {
  const terms = new Set(componentTerms(name));
  return sortedUnique(wordsOf(name).filter((word) => !terms.has(word)));
}
