import { ErrorCode } from './domain-error';
import { decodeCursor, encodeCursor } from './pagination';

describe('cursors', () => {
  it('round-trip the sort key and id, with dates as ISO strings', () => {
    const id = '7f1d1b2e-2a59-4bd4-9a53-4b1d0f0e8c11';
    expect([decodeCursor(encodeCursor('2024-07-01', id)), decodeCursor(encodeCursor(null, id)), decodeCursor(encodeCursor(new Date('2024-07-01T10:00:00Z'), id))]).toEqual([
      ['2024-07-01', id],
      [null, id],
      ['2024-07-01T10:00:00.000Z', id],
    ]);
  });

  const id = '7f1d1b2e-2a59-4bd4-9a53-4b1d0f0e8c11';
  const forged = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
  it.each([
    ['an id that is not a UUID', forged(['x', 'not-a-uuid']), 'text' as const],
    ['a date key that is no date', forged(['zzz', id]), 'date' as const],
    ['an instant key that is a number', forged([1e308, id]), 'instant' as const],
    ['an instant key in another form', forged(['2024-07-01', id]), 'instant' as const],
    ['a text key with NUL', forged(['a\u0000', id]), 'text' as const],
  ])('reject %s before it reaches SQL, where it failed as an internal error (found by the GraphQL fuzz)', (_, cursor, keyType) => {
    expect(() => decodeCursor(cursor, keyType)).toThrow(expect.objectContaining({ code: ErrorCode.BadUserInput, details: { field: 'after' } }));
  });

  it('accept the keys encodeCursor writes for each key type', () => {
    expect([decodeCursor(encodeCursor('2024-02-29', id), 'date'), decodeCursor(encodeCursor(new Date('2024-07-01T10:00:00Z'), id), 'instant'), decodeCursor(encodeCursor(null, id), 'date')]).toEqual([
      ['2024-02-29', id],
      ['2024-07-01T10:00:00.000Z', id],
      [null, id],
    ]);
  });

  it.each(['', 'not-base64!', Buffer.from('{"a":1}').toString('base64url'), Buffer.from('[1,2]').toString('base64url')])(
    'reject %j as a BAD_USER_INPUT naming the argument',
    (cursor) => {
      expect(() => decodeCursor(cursor)).toThrow(expect.objectContaining({ code: ErrorCode.BadUserInput, details: { field: 'after' } }));
    },
  );
});
