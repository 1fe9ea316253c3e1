import { HttpException, HttpStatus } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { GraphQLError, type ExecutionResult } from 'graphql';
import type { Logger } from 'pino';
import { fromDatabaseError } from '../common/database-errors';
import { DomainError, ErrorCode } from '../common/domain-error';
import { MAX_EXPANDED_SELECTIONS } from '../limits/query-cost';

type FailedExecution = ExecutionResult & { errors: readonly GraphQLError[]; statusCode?: number };

const HTTP_CODES: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: ErrorCode.BadUserInput,
  [HttpStatus.FORBIDDEN]: ErrorCode.Forbidden,
  [HttpStatus.NOT_FOUND]: ErrorCode.NotFound,
  [HttpStatus.CONFLICT]: ErrorCode.Conflict,
  [HttpStatus.PAYLOAD_TOO_LARGE]: ErrorCode.PayloadTooLarge,
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: ErrorCode.UnsupportedMediaType,
  [HttpStatus.TOO_MANY_REQUESTS]: ErrorCode.RateLimited,
};

export interface ErrorFormatterOptions {
  /** Drop graphql-js's "Did you mean …?" from messages: with introspection off they would tell the schema's names. */
  hideSuggestions: boolean;
}

/**
 * Gives every GraphQL error an `extensions.code` and an actionable message.
 * Unexpected errors are logged with a reference and reach the client only as that reference.
 */
export function createErrorFormatter(log: Logger, { hideSuggestions }: ErrorFormatterOptions = { hideSuggestions: false }) {
  return (execution: FailedExecution, context?: { reply?: { request?: { id?: unknown } } }) => {
    // Under the request's id, like the request's own log line, so one grep finds both.
    const requestId = context?.reply?.request?.id;
    const requestLog = typeof requestId === 'string' ? log.child({ requestId }) : log;
    const errors = execution.errors
      .flatMap(unwrapValidationErrors)
      .map(documentTooBig)
      .map((error) => formatError(error, requestLog))
      .map((error) => (hideSuggestions ? { ...error, message: withoutSuggestions(error.message) } : error));
    const statusCode = execution.data ? 200 : (execution.statusCode ?? statusOfSingleError(execution.errors.map(documentTooBig)));
    return { statusCode, response: { data: execution.data ?? null, errors } };
  };
}

/** graphql-js's suggestion: ' Did you mean "a"?', '… "a" or "b"?', '… "a", "b", or "c"?', with "the enum value" or the like before them. */
const SUGGESTION = / ?Did you mean (?:[a-z][a-z ]* )?"[_A-Za-z][_0-9A-Za-z]*"(?:(?:, or |, | or )"[_A-Za-z][_0-9A-Za-z]*")*\?/g;

export function withoutSuggestions(message: string): string {
  return message.replace(SUGGESTION, '');
}

/**
 * The refusals of a document too big to check, by graphql-js (its validation's budget for comparing fields, its
 * error limit) and by the cost library (its node limit), which said neither what is wrong nor what to do, as
 * BAD_USER_INPUT (the node limit with HTTP 200): each gets a code, HTTP 400 and a message saying how to shorten it.
 */
function documentTooBig(error: GraphQLError): GraphQLError {
  const refusal = DOCUMENT_TOO_BIG[error.message];
  if (!refusal || (error.originalError && !(error.originalError instanceof GraphQLError))) return error;
  return new GraphQLError(error.message, { nodes: error.nodes, originalError: Object.assign(new DomainError(refusal.code, refusal.message), { statusCode: 400 }) });
}

const DOCUMENT_TOO_BIG: Record<string, { code: ErrorCode; message: string }> = {
  'Validation aborted.': {
    code: ErrorCode.QueryTooComplex,
    message:
      'This document repeats fields too often to be checked (graphql-js gave up comparing them, past its budget): ask for each field once, with fewer aliases of the same field, or split the document into several requests.',
  },
  'Too many validation errors, error limit reached. Validation aborted.': {
    code: ErrorCode.BadUserInput,
    message: 'There are more errors in this document than are listed (graphql-js stops at 100): fix these and send it again.',
  },
  'Query exceeds the maximum allowed number of nodes.': {
    code: ErrorCode.QueryTooComplex,
    message: `This query holds more fields and fragment spreads than this server checks (${MAX_EXPANDED_SELECTIONS}, a fragment counted every time it is spread): ask for fewer fields, or spread fewer fragments.`,
  },
};

/** Mercurius reports parse/validation failures as one error wrapping the list. */
function unwrapValidationErrors(error: GraphQLError): GraphQLError[] {
  const inner = (error.originalError as { errors?: unknown } | undefined)?.errors;
  if (!Array.isArray(inner)) return [error];
  return inner.map((e) => (e instanceof GraphQLError ? e : new GraphQLError(String((e as Error)?.message ?? e), { originalError: depthLimitError(e) })));
}

/** Mercurius's depth check (GRAPHQL_MAX_DEPTH) reports a plain error; give it the same code as the cost limit. */
function depthLimitError(error: unknown): DomainError | undefined {
  if ((error as { code?: unknown })?.code !== 'MER_ERR_GQL_QUERY_DEPTH') return undefined;
  const [, depth, limit] = /depth \((\d+)\) exceeds the query depth limit of (\d+)/.exec((error as Error).message) ?? [];
  return new DomainError(ErrorCode.QueryTooComplex, `This query nests fields ${depth} deep, more than this server allows (GRAPHQL_MAX_DEPTH=${limit}).`, {
    depth: Number(depth),
    limit: Number(limit),
  });
}

function statusOfSingleError(errors: readonly GraphQLError[]): number {
  const status = (errors[0]?.originalError as { statusCode?: unknown } | undefined)?.statusCode;
  return errors.length === 1 && typeof status === 'number' ? status : 200;
}

function formatError(error: GraphQLError, log: Logger) {
  const known = toDomainError(error.originalError ?? undefined);
  if (known) {
    return { message: known.message, locations: error.locations, path: error.path, extensions: { code: known.code, ...known.details } };
  }
  if (!error.originalError || error.originalError instanceof GraphQLError) {
    // Parse, validation and input-coercion errors: the client sent something the schema does not accept.
    return { message: withScalarHint(error.message), locations: error.locations, path: error.path, extensions: { code: ErrorCode.BadUserInput } };
  }
  const reference = randomUUID();
  log.error({ err: error.originalError, reference, path: error.path }, 'unexpected error while resolving a GraphQL request');
  return {
    message: `Internal error; it has been logged with reference ${reference}.`,
    locations: error.locations,
    path: error.path,
    extensions: { code: ErrorCode.Internal, reference },
  };
}

const SCALAR_FORMATS: Record<string, string> = {
  LocalDate: 'a calendar date written YYYY-MM-DD, like 2024-07-01',
  DateTime: 'an ISO-8601 instant with a zone, like 2024-06-30T14:05:00Z',
};

/** graphql-jit reports a rejected variable only as "Expected type X"; say what X looks like. */
function withScalarHint(message: string): string {
  const scalar = /Expected type "?(\w+)"?\.?$/.exec(message)?.[1];
  return scalar && SCALAR_FORMATS[scalar] ? `${message} ${scalar} must be ${SCALAR_FORMATS[scalar]}.` : message;
}

function toDomainError(error: Error | undefined): DomainError | undefined {
  if (!error) return undefined;
  if (error instanceof DomainError) return error;
  if (error instanceof HttpException) {
    const code = HTTP_CODES[error.getStatus()];
    return code ? new DomainError(code, error.message) : undefined;
  }
  return fromRequestError(error) ?? fromDatabaseError(error);
}

/** Fastify's own 4xx errors (malformed JSON, oversized body) reach GraphQL's error path too. */
function fromRequestError(error: Error): DomainError | undefined {
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  if (status === Number(HttpStatus.PAYLOAD_TOO_LARGE)) {
    return new DomainError(ErrorCode.PayloadTooLarge, 'The request body is larger than the server accepts (BODY_LIMIT_BYTES); send less per request.');
  }
  return new DomainError(HTTP_CODES[status] ?? ErrorCode.BadUserInput, error.message);
}
