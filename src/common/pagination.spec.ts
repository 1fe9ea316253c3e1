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

  it.each(['', 'not-base64!', Buffer.from('{"a":1}').toString('base64url'), Buffer.from('[1,2]').toString('base64url')])(
    'reject %j as a BAD_USER_INPUT naming the argument',
    (cursor) => {
      expect(() => decodeCursor(cursor)).toThrow(expect.objectContaining({ code: ErrorCode.BadUserInput, details: { field: 'after' } }));
    },
  );
});
