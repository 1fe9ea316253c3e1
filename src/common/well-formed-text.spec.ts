import { wellFormedText } from './well-formed-text';

describe('wellFormedText (issue 22, finding 12)', () => {
  it('replaces each lone surrogate with U+FFFD and keeps surrogate pairs', () => {
    expect(['\uD800', 'a\uDC00b', '\uDBFF\uDBFF', '\uDFFF\uD800', 'ok \uD83D\uDE00', 'pair then lone \uD83D\uDE00\uD83D'].map((s) => wellFormedText(s))).toEqual([
      '\uFFFD',
      'a\uFFFDb',
      '\uFFFD\uFFFD',
      '\uFFFD\uFFFD',
      'ok \uD83D\uDE00',
      'pair then lone \uD83D\uDE00\uFFFD',
    ]);
  });

  it('reaches strings in nested arguments, keeps the prototype of the objects it copies, and copies nothing unchanged', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { name: 'x\uD800' });
    const args = { input: { name: 'lone-\uDC00', aliases: ['fine', '\uDBFF'], count: 3, none: null }, bare };
    const out = wellFormedText(args);
    expect(out).toEqual({ input: { name: 'lone-\uFFFD', aliases: ['fine', '\uFFFD'], count: 3, none: null }, bare: expect.objectContaining({ name: 'x\uFFFD' }) });
    expect([Object.getPrototypeOf(out.bare), args.input.name]).toEqual([null, 'lone-\uDC00']);
    const clean = { input: { name: 'fine', aliases: ['a'] } };
    expect(wellFormedText(clean)).toBe(clean);
  });

  it('leaves values that are not plain data alone (dates, class instances)', () => {
    const date = new Date(0);
    class Holder {
      text = '\uD800';
    }
    const holder = new Holder();
    expect([wellFormedText(date), wellFormedText(holder), wellFormedText(undefined), wellFormedText(7)]).toEqual([date, holder, undefined, 7]);
    expect(wellFormedText(holder).text).toBe('\uD800');
  });
});
