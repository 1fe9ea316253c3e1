import type { FastifyInstance } from 'fastify';
import type { ApiTokensService } from './api-tokens.service';

/**
 * Authenticates every request once, before routing to GraphQL or a controller, so the guard, the GraphQL
 * context, the audit actor and the per-token rate limit all see the same answer.
 */
export function installAuthentication(fastify: FastifyInstance, tokens: ApiTokensService): void {
  fastify.decorateRequest('authentication', undefined);
  fastify.addHook('onRequest', async (request) => {
    try {
      request.authentication = await tokens.authenticate(request.headers.authorization);
    } catch (error) {
      request.authentication = { kind: 'failed', error };
    }
  });
}
