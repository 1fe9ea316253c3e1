import type { FastifyInstance, FastifyRequest } from 'fastify';
import { getOperationAST, NoSchemaIntrospectionCustomRule, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { MercuriusContext } from 'mercurius';
import { DomainError, ErrorCode } from '../common/domain-error';
import type { Env } from '../config/env';
import { queryCost } from './query-cost';

/** Schema introspection: on unless NODE_ENV=production, or as GRAPHQL_INTROSPECTION says. */
export function introspectionEnabled(env: Env): boolean {
  return env.GRAPHQL_INTROSPECTION ?? env.NODE_ENV !== 'production';
}

/** The driver options that bound what one GraphQL request may ask for. */
export function graphqlLimitOptions(env: Env) {
  const introspection = introspectionEnabled(env);
  return {
    // Mercurius checks depth after validation and before execution.
    queryDepth: env.GRAPHQL_MAX_DEPTH,
    // A static list, so Mercurius keeps caching parsed and validated queries.
    validationRules: introspection ? [] : [NoSchemaIntrospectionCustomRule],
    allowBatchedQueries: env.GRAPHQL_MAX_BATCH > 0,
    hooks: { preExecution: [costLimitHook(env.GRAPHQL_MAX_COST)] },
  };
}

/** Refuses a costly operation before any resolver runs; the cost depends on `first`, so it is computed per request. */
function costLimitHook(limit: number) {
  // Synchronous on purpose: Mercurius awaits whatever a hook returns, and there is nothing to wait for.
  return (schema: GraphQLSchema, document: DocumentNode, context: MercuriusContext, variables: Record<string, unknown>): void => {
    const body = context.reply.request.body as { operationName?: unknown } | undefined;
    const operationName = !Array.isArray(body) && typeof body?.operationName === 'string' ? body.operationName : undefined;
    // A name the document has no operation for: nothing will run (execution says so), and the cost library would
    // crash on an anonymous operation with a TypeError. Without a name it costs every operation, which is safe.
    if (operationName !== undefined && !getOperationAST(document, operationName)) return;
    const cost = queryCost(schema, document, variables ?? {}, operationName);
    if (cost > limit) {
      throw new DomainError(
        ErrorCode.QueryTooComplex,
        `This query would cost ${cost} points, more than this server allows (GRAPHQL_MAX_COST=${limit}): ask for smaller pages (first) or fewer nested lists.`,
        { cost, limit },
      );
    }
  };
}

/** A batch is a JSON array of operations; more than GRAPHQL_MAX_BATCH of them is refused whole, before any runs. */
export function installBatchLimit(fastify: FastifyInstance, limit: number): void {
  fastify.addHook('preHandler', async (request: FastifyRequest, reply) => {
    if (!Array.isArray(request.body) || request.routeOptions.url !== '/graphql') return;
    if (request.body.length <= limit) return;
    const message = limit === 0 ? 'Batched queries are off on this server (GRAPHQL_MAX_BATCH=0).' : `A batch holds at most ${limit} operations (GRAPHQL_MAX_BATCH); this one has ${request.body.length}.`;
    await reply.status(400).send({ data: null, errors: [{ message, extensions: { code: ErrorCode.QueryTooComplex, limit } }] });
  });
}
