import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getOperationAST, NoSchemaIntrospectionCustomRule, parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { MercuriusContext } from 'mercurius';
import { DomainError, ErrorCode } from '../common/domain-error';
import type { Env } from '../config/env';
import { queryCost, type QueryCost } from './query-cost';

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
    // A route hook of /graphql: after the body is read and the batch size checked, before any operation runs.
    additionalRouteOptions: { preHandler: batchCostHook(env.GRAPHQL_MAX_COST) },
  };
}

/**
 * Refuses a costly operation, or one asking twice for a field that runs once per request, before any resolver runs;
 * the cost depends on `first` and on the text a postmortem field is given, so it is computed per request.
 */
function costLimitHook(limit: number) {
  // Synchronous on purpose: Mercurius awaits whatever a hook returns, and there is nothing to wait for.
  return (schema: GraphQLSchema, document: DocumentNode, context: MercuriusContext, variables: Record<string, unknown>): void => {
    const body = context.reply.request.body as { operationName?: unknown } | undefined;
    const operationName = !Array.isArray(body) && typeof body?.operationName === 'string' ? body.operationName : undefined;
    // A name the document has no operation for: nothing will run (execution says so). Without a name it costs
    // every operation, which is safe.
    if (operationName !== undefined && !getOperationAST(document, operationName)) return;
    const refusal = refusalOf(queryCost(schema, document, variables ?? {}, operationName), limit, false);
    // HTTP 400, as for the other refusals of a document (its depth, its size).
    if (refusal) throw Object.assign(new DomainError(ErrorCode.QueryTooComplex, refusal.message, refusal.details), { statusCode: 400 });
  };
}

/**
 * A batch's operations run side by side, so each one's own check (above) comes after others have started: the
 * batch is costed as a whole first, its operations' costs added up and its once-per-request fields counted across
 * them, and refused whole, before any runs. An operation that does not parse or fit its variables counts nothing
 * here; it fails on its own.
 */
function batchCostHook(limit: number) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const schema = request.server.graphql?.schema;
    if (!Array.isArray(request.body) || !schema) return;
    const total: QueryCost = { cost: 0, repeated: new Map() };
    for (const operation of request.body as unknown[]) {
      const { query, variables, operationName } = (operation ?? {}) as { query?: unknown; variables?: unknown; operationName?: unknown };
      if (typeof query !== 'string') continue;
      try {
        const vars = typeof variables === 'object' && variables !== null && !Array.isArray(variables) ? (variables as Record<string, unknown>) : {};
        const one = queryCost(schema, parse(query), vars, typeof operationName === 'string' && operationName !== '' ? operationName : undefined);
        total.cost += one.cost;
        for (const [field, count] of one.repeated) total.repeated.set(field, (total.repeated.get(field) ?? 0) + count);
      } catch {
        continue;
      }
    }
    const refusal = refusalOf(total, limit, true);
    if (refusal) await reply.status(400).send({ data: null, errors: [{ message: refusal.message, extensions: { code: ErrorCode.QueryTooComplex, ...refusal.details } }] });
  };
}

function refusalOf({ cost, repeated }: QueryCost, limit: number, batch: boolean): { message: string; details: Record<string, unknown> } | null {
  const what = batch ? 'This batch' : 'This query';
  const again = [...repeated].find(([, count]) => count > 1);
  if (again) {
    const [field, count] = again;
    const message = `${what} asks for ${field} ${count} times (by alias, fragment or batch); it runs at most once per request: ask for it once, in one request at a time.`;
    return { message, details: { field, count, limit: 1 } };
  }
  if (cost <= limit) return null;
  const message = `${what} would cost ${cost} points${batch ? ' in all' : ''}, more than this server allows (GRAPHQL_MAX_COST=${limit}): ask for smaller pages (first) or fewer nested lists${batch ? ', or send fewer operations at once' : ''}.`;
  return { message, details: { cost, limit } };
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
