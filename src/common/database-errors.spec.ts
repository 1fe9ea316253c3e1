import { databaseFailureReason, fromDatabaseError } from './database-errors';
import { ErrorCode } from './domain-error';

const failure = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {});

describe('fromDatabaseError', () => {
  it('tells a lost connection (nothing was applied) from an unanswered query (it may have been)', () => {
    const answers = [
      failure('Connection terminated unexpectedly'),
      failure('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
      failure('Connection terminated due to connection timeout'),
      failure('Query read timeout'),
    ].map((error) => [fromDatabaseError(error)?.code, fromDatabaseError(error)?.message]);
    expect(answers).toEqual([
      [ErrorCode.ServiceUnavailable, 'The database is unavailable right now; the request was not applied. Try again shortly.'],
      [ErrorCode.ServiceUnavailable, 'The database is unavailable right now; the request was not applied. Try again shortly.'],
      [ErrorCode.ServiceUnavailable, 'The database is unavailable right now; the request was not applied. Try again shortly.'],
      [ErrorCode.ServiceUnavailable, 'The database did not answer in time; the request was abandoned and may not have been applied. Try again shortly.'],
    ]);
  });

  it('tells an exhausted connection pool (busy, or held by unanswered queries) from a database that refuses connections', () => {
    const busy = fromDatabaseError(failure('timeout exceeded when trying to connect'));
    expect([busy?.code, busy?.details]).toEqual([ErrorCode.ServiceUnavailable, { reason: 'DATABASE_POOL_EXHAUSTED' }]);
    expect(busy?.message).toMatch(/^No database connection came free within DB_CONNECT_TIMEOUT_MS: .* raise DB_POOL_SIZE or run more instances\.$/);
  });

  it('reports text with NUL (U+0000), which PostgreSQL cannot hold, as the client\'s bad input (found by the GraphQL fuzz)', () => {
    const nul = fromDatabaseError(failure('invalid byte sequence for encoding "UTF8": 0x00', '22021'));
    expect([nul?.code, nul?.message]).toEqual([ErrorCode.BadUserInput, 'A text value contains a NUL character (U+0000), which the database cannot hold; remove it and send the request again.']);
  });

  it('leaves errors that are bugs to the formatter, which hides them', () => {
    expect([fromDatabaseError(failure('syntax error at or near "SELEC"', '42601')), fromDatabaseError(failure('Query read timeout, or not'))]).toEqual([undefined, undefined]);
  });
});

describe('databaseFailureReason', () => {
  it('says whether the database is unreachable, too slow, or refused the check', () => {
    expect(
      [
        failure('Connection terminated unexpectedly'),
        failure('read ECONNRESET', 'ECONNRESET'),
        failure('Query read timeout'),
        failure('timeout exceeded when trying to connect'),
        failure('password authentication failed for user "app"', '28P01'),
        'a string',
      ].map((error) => databaseFailureReason(error, 'PostgreSQL')),
    ).toEqual([
      'PostgreSQL is unreachable (Connection terminated unexpectedly).',
      'PostgreSQL is unreachable (read ECONNRESET).',
      'PostgreSQL did not answer in time (Query read timeout).',
      "PostgreSQL had no free connection for DB_CONNECT_TIMEOUT_MS: all of this server's were in use (it is overloaded; raise DB_POOL_SIZE if it persists).",
      'PostgreSQL failed the check: password authentication failed for user "app"',
      'PostgreSQL failed the check: a string',
    ]);
  });
});
