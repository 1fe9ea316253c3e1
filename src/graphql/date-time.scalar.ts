import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

// ISO-8601 instant with an explicit zone, e.g. 2024-06-30T14:05:00Z or 2024-06-30T07:05:00-07:00.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

function parseInstant(value: unknown): Date {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value) || Number.isNaN(Date.parse(value))) {
    throw new GraphQLError(`DateTime must be an ISO-8601 instant with a zone, like 2024-06-30T14:05:00Z; got ${JSON.stringify(value)?.slice(0, 60)}.`);
  }
  const instant = new Date(value);
  // 9999-12-31T23:00:00-14:00 is in year 10000 in UTC, which would be answered as +010000-…, a form this scalar refuses.
  const year = instant.getUTCFullYear();
  if (year < 0 || year > 9999) {
    throw new GraphQLError(`DateTime must fall in the years 0000 to 9999 in UTC; ${JSON.stringify(value)} is in year ${year}.`);
  }
  return instant;
}

/** Strict instants: a missing zone or an impossible date is a client error, never a silent Invalid Date. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant: ISO-8601 with a zone (2024-06-30T14:05:00Z). Always returned in UTC.',
  serialize: (value) => (value instanceof Date ? value : new Date(value as string)).toISOString(),
  parseValue: parseInstant,
  parseLiteral: (ast) => parseInstant(ast.kind === Kind.STRING ? ast.value : undefined),
});
