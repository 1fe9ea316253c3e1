import type { FastifyInstance, onSendAsyncHookHandler, preHandlerAsyncHookHandler } from 'fastify';
import type { DataSource } from 'typeorm';
import { roleHeld } from '../auth/principal';
import { calendarDateIn } from '../common/calendar';
import type { Clock } from '../common/clock';
import type { Env } from '../config/env';
import { isDashboardRead } from './dashboard-reads';
import { ResponseCache, responseCacheKey, type AnswerBasis } from './response-cache';

/** A request the cache may answer later: its key and what its answer is computed from. */
interface CacheSlot {
  key: string;
  basis: AnswerBasis;
}

declare module 'fastify' {
  interface FastifyRequest {
    responseCacheSlot?: CacheSlot;
  }
}

export interface ResponseCacheDependencies {
  env: Env;
  clock: Clock;
  /** Reads go where the request's other reads go (a replica, in a replica scope), so the version matches the data. */
  dataSource: DataSource;
  countLookup(outcome: 'hit' | 'miss'): void;
}

/**
 * Answers repeated dashboard reads (see dashboard-reads.ts) from memory while nothing they show has changed.
 * A preHandler after authentication (only a request the guard would let read is served, keyed by its role), the
 * rate limit, and the replica scope (the version is read from the node the answer would be read from); the
 * answer is stored in onSend when it is a 200 without errors. The version is read before the answer is computed, so a
 * change committed meanwhile can only make the stored answer newer than its version, never older.
 */
export function installResponseCache(fastify: FastifyInstance, { env, clock, dataSource, countLookup }: ResponseCacheDependencies): void {
  if (env.GRAPHQL_CACHE_SECONDS === 0) return;
  const cache = new ResponseCache(env.GRAPHQL_CACHE_SECONDS * 1000, env.GRAPHQL_CACHE_MAX_MB * 1024 * 1024);
  fastify.decorateRequest('responseCacheSlot', undefined);

  const lookUp: preHandlerAsyncHookHandler = async (request, reply) => {
    // Only a request the guard will let read is served; failed and refused authentications hold no role.
    const role = roleHeld(request.authentication ?? { kind: 'anonymous' }, env.AUTH_ANONYMOUS_ROLE);
    const operation = request.method === 'GET' ? request.query : request.method === 'POST' ? request.body : undefined;
    if (!role || typeof operation !== 'object' || operation === null || Array.isArray(operation) || !isDashboardRead(request)) return;
    const key = responseCacheKey(role, operation);
    if (key === undefined) return;
    let version: string;
    try {
      const rows: { version: string }[] = await dataSource.query('SELECT version::text AS version FROM data_version');
      version = rows[0].version;
    } catch {
      return; // the query itself will meet the database's trouble and say so
    }
    const now = clock.now();
    const basis: AnswerBasis = { version, at: now.getTime(), day: calendarDateIn(now, env.DUE_DATE_TIME_ZONE) };
    const body = cache.get(key, basis);
    if (body !== undefined) {
      countLookup('hit');
      return reply.header('x-cache', 'HIT').type('application/json; charset=utf-8').send(body);
    }
    countLookup('miss');
    request.responseCacheSlot = { key, basis };
    reply.header('x-cache', 'MISS');
  };

  const keep: onSendAsyncHookHandler = async (request, reply, payload) => {
    const slot = request.responseCacheSlot;
    // A partial answer (data and errors) is not kept; a field that merely contains the word only costs a miss.
    if (slot && reply.statusCode === 200 && typeof payload === 'string' && !payload.includes('"errors"')) cache.set(slot.key, slot.basis, payload);
    return payload;
  };

  // Route hooks, appended when Mercurius adds /graphql: they run after every instance-wide hook and after the
  // rate limiter's own route hook (registered before this), so a cached answer is metered like any other.
  fastify.addHook('onRoute', (route) => {
    if (route.url !== '/graphql') return;
    route.preHandler = [...asList(route.preHandler), lookUp];
    route.onSend = [...asList(route.onSend), keep];
  });
}

function asList<T>(hooks: T | T[] | undefined): T[] {
  return hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks];
}
