import { BadInputError, ConflictError, DomainError, ErrorCode } from './domain-error';

const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', '57P01', '57P02', '57P03', '53300']);
const CONNECTION_MESSAGES = [/connection terminated/i, /connection.*(closed|ended)/i, /Client has encountered a connection error/i];
// pg-pool's words when a request waited DB_CONNECT_TIMEOUT_MS for one of the pool's connections, all in use (a new
// connection that fails to open says "Connection terminated" instead): too much work for the pool, or connections
// held by queries the database no longer answers. Not "the database is unavailable", which it may well not be.
const POOL_EXHAUSTED = /^timeout exceeded when trying to connect$/;

// pg's query_timeout: the query was sent and no answer came; it may have run.
const QUERY_TIMEOUT = /^Query read timeout$/;

/** Maps a database failure to the client error it means; undefined when it is a bug to hide. */
export function fromDatabaseError(error: unknown): DomainError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, message, constraint } = error as { code?: unknown; message?: unknown; constraint?: unknown };
  if (typeof message === 'string' && QUERY_TIMEOUT.test(message)) {
    return new DomainError(ErrorCode.ServiceUnavailable, 'The database did not answer in time; the request was abandoned and may not have been applied. Try again shortly.');
  }
  if (typeof message === 'string' && POOL_EXHAUSTED.test(message)) {
    return new DomainError(
      ErrorCode.ServiceUnavailable,
      "No database connection came free within DB_CONNECT_TIMEOUT_MS: all of this server's (DB_POOL_SIZE) are busy, with more requests than they can serve or with queries the database is slow to answer (/health says which); the request was not applied. Retry shortly; if the server is simply busy, raise DB_POOL_SIZE or run more instances.",
      { reason: 'DATABASE_POOL_EXHAUSTED' },
    );
  }
  if (typeof code === 'string' && (CONNECTION_ERROR_CODES.has(code) || code.startsWith('08'))) return unavailable();
  if (typeof message === 'string' && CONNECTION_MESSAGES.some((pattern) => pattern.test(message))) return unavailable();
  if (isUniqueViolation(error)) {
    return new ConflictError('This conflicts with an existing record (a unique value is already taken).', { constraint });
  }
  if (code === '23503') {
    return new DomainError(ErrorCode.NotFound, 'A referenced record does not exist (or was deleted meanwhile).', { constraint });
  }
  // invalid byte sequence / untranslatable character: a string with NUL (U+0000), which no text column or
  // parameter can hold. Strings from JavaScript are otherwise always valid UTF-8, so this is what the client sent.
  if (code === '22021' || code === '22P05') {
    return new BadInputError('A text value contains a NUL character (U+0000), which the database cannot hold; remove it and send the request again.');
  }
  if (code === '40001' || code === '40P01') {
    return new ConflictError('A concurrent change got in the way; retry the request.');
  }
  return undefined;
}

/** Why the database failed a health check, in words for whoever reads /health: unreachable, too slow, or what it said. */
export function databaseFailureReason(error: unknown, database: string): string {
  const message = error instanceof Error ? error.message : String(error);
  if (POOL_EXHAUSTED.test(message)) return `${database} had no free connection for DB_CONNECT_TIMEOUT_MS: all of this server's were in use (it is overloaded; raise DB_POOL_SIZE if it persists).`;
  if (QUERY_TIMEOUT.test(message) || /timeout/i.test(message)) return `${database} did not answer in time (${message}).`;
  if (fromDatabaseError(error)?.code === ErrorCode.ServiceUnavailable) return `${database} is unreachable (${message}).`;
  return `${database} failed the check: ${message}`;
}

function unavailable(): DomainError {
  return new DomainError(ErrorCode.ServiceUnavailable, 'The database is unavailable right now; the request was not applied. Try again shortly.');
}

/** PostgreSQL's unique_violation (23505), as raised through pg and TypeORM. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
