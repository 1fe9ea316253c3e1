import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Env } from '../config/env';

/** Probes, the page's static files and Jira's signed deliveries are not API use; they are never throttled. */
const UNMETERED = /^\/(health|dashboard|webhooks\/jira)(\/|$|\?)/;

/**
 * Per-token request budget (per client address for requests without one), counted after authentication so a
 * token's budget is its own wherever it is used from. In memory: each instance counts its own requests.
 */
export async function installRateLimit(fastify: FastifyInstance, env: Env): Promise<void> {
  if (env.RATE_LIMIT_PER_MINUTE === 0) return;
  await fastify.register(rateLimit, {
    global: true,
    hook: 'preHandler',
    max: env.RATE_LIMIT_PER_MINUTE,
    timeWindow: 60_000,
    allowList: (request: FastifyRequest) => UNMETERED.test(request.url),
    keyGenerator: (request: FastifyRequest) => {
      const authentication = request.authentication;
      return authentication?.kind === 'token' ? `token:${authentication.principal.tokenId}` : `address:${request.ip}`;
    },
    // Thrown as an error, so each route answers it in its own shape: GraphQL as a RATE_LIMITED error.
    errorResponseBuilder: (_request, context) =>
      Object.assign(
        new Error(`Rate limit reached: at most ${context.max} requests a minute per token (RATE_LIMIT_PER_MINUTE); retry in ${Math.ceil(context.ttl / 1000)} s.`),
        { statusCode: context.statusCode },
      ),
  });
}
