import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Env } from '../config/env';
import { JIRA_WEBHOOK_PATH } from './request-bodies';

/** Probes and the page's static files are not API use; they are never throttled. */
const UNMETERED = /^\/(health|dashboard)(\/|$|\?)/;

const isWebhook = (request: FastifyRequest) => request.routeOptions.url === JIRA_WEBHOOK_PATH;

/**
 * Per-token request budget (per client address for requests without one), and Jira's deliveries, which carry no
 * token, their own budget per sending address. Counted in an onRequest hook, after authentication (an earlier
 * onRequest hook: the plugin's hooks are the route's own, which run after the server's) and before the body is
 * read, so a request over its budget costs no parsing, and a token's budget is its own wherever it is used from.
 * In memory: each instance counts its own requests.
 */
export async function installRateLimit(fastify: FastifyInstance, env: Env): Promise<void> {
  const perToken = env.RATE_LIMIT_PER_MINUTE;
  const perWebhookAddress = env.JIRA_WEBHOOK_RATE_LIMIT_PER_MINUTE;
  if (perToken === 0 && perWebhookAddress === 0) return;
  await fastify.register(rateLimit, {
    global: true,
    hook: 'onRequest',
    max: (_request: FastifyRequest, key: string) => (key.startsWith('webhook:') ? perWebhookAddress : perToken),
    timeWindow: 60_000,
    allowList: (request: FastifyRequest) => UNMETERED.test(request.url) || (isWebhook(request) ? perWebhookAddress === 0 : perToken === 0),
    keyGenerator: (request: FastifyRequest) => {
      if (isWebhook(request)) return `webhook:${request.ip}`;
      const authentication = request.authentication;
      return authentication?.kind === 'token' ? `token:${authentication.principal.tokenId}` : `address:${request.ip}`;
    },
    // Thrown as an error, so each route answers it in its own shape: GraphQL as a RATE_LIMITED error.
    errorResponseBuilder: (request, context) => {
      const retry = `retry in ${Math.ceil(context.ttl / 1000)} s.`;
      const message = isWebhook(request)
        ? `Rate limit reached: at most ${context.max} Jira deliveries a minute per address (JIRA_WEBHOOK_RATE_LIMIT_PER_MINUTE); ${retry}`
        : `Rate limit reached: at most ${context.max} requests a minute per token (RATE_LIMIT_PER_MINUTE); ${retry}`;
      return Object.assign(new Error(message), { statusCode: context.statusCode });
    },
  });
}
