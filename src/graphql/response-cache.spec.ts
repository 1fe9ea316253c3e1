import { ResponseCache, responseCacheKey, type AnswerBasis } from './response-cache';

const at = (version: string, seconds: number, day = '2024-07-01'): AnswerBasis => ({ version, at: seconds * 1000, day });

describe('ResponseCache', () => {
  it('serves an answer again while the version, the day and the time to live hold', () => {
    const cache = new ResponseCache(60_000, 1024 * 1024);
    cache.set('k', at('7', 100), '{"data":1}');
    expect(cache.get('k', at('7', 100))).toBe('{"data":1}');
    expect(cache.get('k', at('7', 159.999))).toBe('{"data":1}');
    expect(cache.get('other', at('7', 100))).toBeUndefined();
  });

  it.each([
    ['the data changed since', at('8', 101)],
    ['the time to live is over', at('7', 160)],
    ['a new day began (overdue and due-soon flags move)', at('7', 101, '2024-07-02')],
    ['the clock went back', at('7', 99)],
  ])('does not serve it when %s, and forgets it', (_, now) => {
    const cache = new ResponseCache(60_000, 1024 * 1024);
    cache.set('k', at('7', 100), 'answer');
    expect(cache.get('k', now)).toBeUndefined();
    expect(cache.get('k', at('7', 100))).toBeUndefined();
  });

  it('drops every answer of older versions once a newer one is stored, and keeps none from a lagging replica', () => {
    const cache = new ResponseCache(60_000, 1024 * 1024);
    cache.set('a', at('7', 100), 'a7');
    cache.set('b', at('7', 100), 'b7');
    expect(cache.size).toBe(2);
    cache.set('c', at('8', 101), 'c8');
    expect(cache.size).toBe(1);
    cache.set('d', at('7', 102), 'd7'); // read where version 7 is still current: no later request on 8 could use it
    expect(cache.get('d', at('7', 102))).toBeUndefined();
    // Versions are compared as numbers, not text.
    cache.set('e', at('10', 103), 'e10');
    expect(cache.get('e', at('10', 103))).toBe('e10');
  });

  it('holds at most its byte budget, evicting the least recently used', () => {
    const body = 'x'.repeat(1000); // ~2.3 KB with its key and overhead
    const cache = new ResponseCache(60_000, 10_000);
    for (const key of ['a', 'b', 'c', 'd']) cache.set(key, at('1', 1), body);
    expect(cache.size).toBe(4);
    cache.get('a', at('1', 1)); // a is now the most recently used
    cache.set('e', at('1', 1), body);
    expect(cache.size).toBe(4);
    expect(cache.get('b', at('1', 1))).toBeUndefined();
    expect(cache.get('a', at('1', 1))).toBe(body);
    // An answer larger than the whole budget is not kept at all.
    cache.set('huge', at('1', 1), 'x'.repeat(10_000));
    expect(cache.get('huge', at('1', 1))).toBeUndefined();
  });
});

describe('responseCacheKey', () => {
  it('tells apart the role, the operation name, the variables and the text', () => {
    const base = { query: '{ owners { totalCount } }', operationName: undefined, variables: { a: 1 } };
    const keys = new Set([
      responseCacheKey('viewer', base),
      responseCacheKey('admin', base),
      responseCacheKey('viewer', { ...base, operationName: 'Q' }),
      responseCacheKey('viewer', { ...base, variables: { a: 2 } }),
      responseCacheKey('viewer', { ...base, query: '{ owners { totalCount }}' }),
    ]);
    expect(keys.size).toBe(5);
    expect(responseCacheKey('viewer', { ...base })).toBe(responseCacheKey('viewer', { ...base }));
    // GET sends the variables as JSON text; the key takes them as sent.
    expect(responseCacheKey('viewer', { ...base, variables: '{"a":1}' })).toBe(responseCacheKey('viewer', base));
    expect(responseCacheKey('viewer', { query: 42 })).toBeUndefined();
    // Variables GraphQL will refuse are not worth a key; nor are ones too deep to write out.
    expect(responseCacheKey('viewer', { ...base, variables: [1] })).toBeUndefined();
    let deep: unknown = {};
    for (let n = 0; n < 100_000; n++) deep = { deep };
    expect(responseCacheKey('viewer', { ...base, variables: deep })).toBeUndefined();
  });
});
