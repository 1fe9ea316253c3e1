import { Injectable, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { getOperationAST, GraphQLError, parse, type DocumentNode } from 'graphql';
import { ErrorCode } from '../common/domain-error';
import { Env } from '../config/env';
import { refusalOfMediaType, refusalWithoutRole, RequestRefusal } from './request-gate';
import { MAX_EXPANDED_SELECTIONS } from '../limits/query-cost';
import { expandedSelectionCount } from './selection-count';

/** The error Mercurius itself raises for a syntax error: HTTP 400, its GraphQL errors unwrapped by the formatter. */
function badRequest(message: string): Error {
  return Object.assign(new Error(message), { statusCode: 400, errors: [new GraphQLError(message)] });
}

/**
 * Mercurius takes a query that fails to parse as GraphQL but parses as JSON for a ready-made AST (a feature of
 * its gateway, which we do not use), and hands it to graphql-js unchecked: `{"query": "1"}` or `"{}"` crashed
 * validation with a TypeError, answered as INTERNAL_SERVER_ERROR. No GraphQL document is also valid JSON (JSON
 * text starts with `{"`, `{}`, `[`, `"`, a number or a literal, none of which begins an executable document),
 * so refusing JSON here refuses only those.
 */
export function refuseJsonDocument(source: string): void {
  const start = /\S/.exec(source);
  if (!start) return;
  const first = start[0];
  if (first === '{') {
    const second = /\S/.exec(source.slice(start.index + 1))?.[0];
    if (second !== '"' && second !== '}') return;
  } else if (!/[[\-"0-9tfn]/.test(first)) {
    return;
  }
  try {
    JSON.parse(source);
  } catch {
    return; // not JSON: GraphQL's parser reports what is wrong with it
  }
  throw badRequest('Syntax Error: the query is JSON, not a GraphQL document; send the GraphQL text itself, e.g. "{ owners { totalCount } }".');
}

/**
 * On GET, Mercurius looks up the operation to refuse mutations before graphql-js has checked that there is one,
 * and crashed (a TypeError, answered as INTERNAL_SERVER_ERROR) when `operationName` named none or several
 * operations came without one. Says so the way graphql-js does on POST. Parses the text again, on GET only.
 */
export function requireOperation(source: string, operationName: unknown): void {
  let document: DocumentNode;
  try {
    document = parse(source);
  } catch {
    return; // Mercurius reports the syntax error
  }
  const name = typeof operationName === 'string' ? operationName : undefined;
  if (getOperationAST(document, name)) return;
  throw badRequest(name === undefined ? 'Must provide operation name if query contains multiple operations.' : `Unknown operation named "${name}".`);
}

/** What the preParsing hook reads of Mercurius' context: the HTTP request behind it. */
interface HookContext {
  reply?: { request?: { method?: string; query?: unknown } };
}

/** The checks of a query text before Mercurius parses it (or finds it in its cache). */
export function checkQueryText(source: string, context: HookContext | undefined): void {
  refuseJsonDocument(source);
  const request = context?.reply?.request;
  if (request?.method === 'GET') requireOperation(source, (request.query as { operationName?: unknown } | undefined)?.operationName);
}

/**
 * Mercurius answers a batch element without a query with its error object itself, uncoded, in place of that
 * element's result (`[{}]` gave `[{"code":"MER_ERR_GQL_PERSISTED_QUERY_NOT_FOUND",…}]`); a single request gets a
 * proper error. Refuses such a batch as a whole, as one bad request, naming the element.
 */
export function checkBatch(body: unknown): void {
  if (!Array.isArray(body)) return;
  const index = body.findIndex((operation: unknown) => {
    if (typeof operation !== 'object' || operation === null || Array.isArray(operation)) return false; // the body schema refuses these
    const { query } = operation as { query?: unknown };
    return query === undefined || query === null || query === '';
  });
  if (index !== -1) throw badRequest(`Operation ${index} of the batch has no query: every element of a batch needs "query", the GraphQL text.`);
}

/**
 * Refuses a document that holds more than MAX_EXPANDED_SELECTIONS selections once its fragments are expanded,
 * before validation and the cost limit walk it (a fragment tree of a billion took the cost limit 50–200 ms to refuse).
 */
export function checkSelectionCount(document: DocumentNode): void {
  if (expandedSelectionCount(document) <= MAX_EXPANDED_SELECTIONS) return;
  throw new RequestRefusal(
    ErrorCode.QueryTooComplex,
    `This query holds more than ${MAX_EXPANDED_SELECTIONS} fields and fragment spreads once its fragments are expanded (a fragment counts every time it is spread), more than this server checks: ask for fewer fields, or spread fewer fragments.`,
    400,
    { limit: MAX_EXPANDED_SELECTIONS },
  );
}

interface WithGraphQLHooks {
  graphql?: {
    addHook(name: 'preParsing', hook: (schema: unknown, source: string, context: HookContext | undefined) => Promise<void>): void;
    addHook(name: 'preValidation', hook: (schema: unknown, document: DocumentNode) => Promise<void>): void;
  };
}

/**
 * Installs the checks: on /graphql, a Fastify onRequest hook (after authentication, before the body is read) for
 * the role and the media type; a Mercurius preParsing hook, which sees every query text before it is parsed or
 * cached, and a preValidation hook, which sees every document parsed; and a Fastify preHandler for batches.
 */
@Injectable()
class RequestGuardInstaller implements OnApplicationBootstrap {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly env: Env,
  ) {}

  onApplicationBootstrap(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance & WithGraphQLHooks>();
    if (!fastify?.graphql) return;
    fastify.addHook('onRequest', (request, _reply, done) => {
      if (request.routeOptions.url !== '/graphql') return done();
      const refusal = refusalWithoutRole(request.authentication, this.env.AUTH_ANONYMOUS_ROLE) ?? (request.method === 'POST' ? refusalOfMediaType(request.headers['content-type']) : undefined);
      done(refusal as Error | undefined);
    });
    // Mercurius awaits what a hook returns; a throw inside its async runner becomes the request's error.
    fastify.graphql.addHook('preParsing', (_schema, source, context) => {
      checkQueryText(source, context);
      return Promise.resolve();
    });
    fastify.graphql.addHook('preValidation', (_schema, document) => {
      checkSelectionCount(document);
      return Promise.resolve();
    });
    // Fastify binds hooks to routes when it gets ready, which comes after this.
    fastify.addHook('preHandler', (request, _reply, done) => {
      try {
        if (request.method === 'POST' && request.routeOptions.url === '/graphql') checkBatch(request.body);
        done();
      } catch (error) {
        done(error as Error);
      }
    });
  }
}

/** Checks on GraphQL requests that Mercurius leaves to graphql-js (which assumes they were made) or to the resolvers' guard. */
@Module({ providers: [RequestGuardInstaller] })
export class GraphQLRequestGuardModule {}
