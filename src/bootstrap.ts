import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiTokensService } from './auth/api-tokens.service';
import { installAuthentication } from './auth/authentication.hook';
import { installRequestLogging, requestIdOf } from './common/request-logging';
import type { Logger } from 'pino';
import { Env } from './config/env';
import { installBatchLimit } from './limits/graphql-limits';
import { installRateLimit } from './limits/rate-limit';
import { httpServerOptions, limitConnectionsPerAddress } from './limits/http-server-limits';
import { installRequestBodies } from './limits/request-bodies';
import { GraphQLExceptionFilter } from './graphql/graphql-exception.filter';
import { installReplicaReads } from './graphql/replica-reads';
import { installResponseCache } from './graphql/response-cache.hook';
import { Clock } from './common/clock';
import { MetricsService } from './metrics/metrics.service';
import { DataSource } from 'typeorm';
import { DATABASE } from './database/database.module';
import type { Database } from './database/database';

/** Fastify with the body limit and the HTTP time limits, and, given a logger, request ids and one log line per request. */
export function createHttpAdapter(env: Env, log?: Logger): FastifyAdapter {
  if (!log) return new FastifyAdapter({ bodyLimit: env.BODY_LIMIT_BYTES, ...httpServerOptions(env) });
  return new FastifyAdapter({
    bodyLimit: env.BODY_LIMIT_BYTES,
    ...httpServerOptions(env),
    loggerInstance: log.child({ context: 'http' }),
    disableRequestLogging: true,
    genReqId: requestIdOf,
    requestIdLogLabel: 'requestId',
  });
}

/**
 * Options of the Nest application: the raw body is kept for checking Jira's webhook signatures; once shutdown
 * begins, new requests get 503 (load balancers move on) while the ones in flight finish.
 */
export const APP_OPTIONS = { rawBody: true, return503OnClosing: true } as const;

/** Settings shared by the server and the tests, so the tests exercise what production runs. */
export async function configureApp(app: NestFastifyApplication): Promise<void> {
  const env = app.get(Env);
  const fastify = app.getHttpAdapter().getInstance();
  limitConnectionsPerAddress(fastify.server, env.HTTP_MAX_CONNECTIONS_PER_ADDRESS, fastify.log);
  installAuthentication(fastify, app.get(ApiTokensService));
  installRequestLogging(fastify);
  // After authentication, so refusals know who asks; like the rate limit, before any body is read (request-bodies.ts).
  installRequestBodies(app, env);
  await installRateLimit(fastify, env);
  installBatchLimit(fastify, env.GRAPHQL_MAX_BATCH);
  // Only with replicas: without them no request needs the scope (or pays for it).
  if (app.get<Database>(DATABASE).replicas.length > 0) installReplicaReads(fastify);
  // After the replica scope, so the cache reads the data version where the answer would be read.
  const metrics = app.get(MetricsService);
  installResponseCache(fastify, { env, clock: app.get(Clock), dataSource: app.get(DataSource), countLookup: (outcome) => metrics.countCacheLookup(outcome) });
  app.useGlobalFilters(new GraphQLExceptionFilter(app.getHttpAdapter()));
  // Exit 0 once drained: re-raising the signal (Nest's default) would report a clean stop as killed.
  app.enableShutdownHooks([], { useProcessExit: true });
}
