import { singular, wordsOf } from './words';

describe('singular', () => {
  it('strips plural endings so plurals meet their singulars', () => {
    const words = ['payments', 'carts', 'queries', 'caches', 'patches', 'processes', 'indexes', 'logs'];
    expect(words.map(singular)).toEqual(['payment', 'cart', 'query', 'cache', 'patch', 'process', 'index', 'log']);
  });

  it('leaves singular words ending in s alone', () => {
    const words = ['status', 'analysis', 'process', 'dns', 'redis', 'kubernetes', 'alias', 'ties'];
    expect(words.map(singular)).toEqual(['status', 'analysis', 'process', 'dns', 'redis', 'kubernetes', 'alias', 'tie']);
  });
});

describe('wordsOf', () => {
  it('lower-cases, drops possessives, punctuation and filler, splits joined words and keeps first-seen order', () => {
    expect(wordsOf('The Billing’s API-keys and the invoices/receipts: billing keys!')).toEqual(['billing', 'api', 'key', 'invoice', 'receipt']);
  });

  it('has nothing to say about an empty text', () => {
    expect(wordsOf('  -- ')).toEqual([]);
  });
});
