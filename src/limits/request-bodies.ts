import type { Server } from 'node:http';
import { NotFoundException } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Env } from '../config/env';

/** Jira's deliveries: checked against their signature as raw bytes (request.rawBody); the webhook parses them itself. */
export const JIRA_WEBHOOK_PATH = '/webhooks/jira';

/** Every route but /graphql and the webhook takes no body; this bounds what one may send anyway. */
export const SMALL_BODY_LIMIT_BYTES = 16 * 1024;

const hasBody = (request: FastifyRequest) => request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;

/**
 * Which request bodies are read, how much of them, and how. A body costs to read and far more to parse (a 1.36 MB
 * JSON body, ~130 ms of CPU), so it is read only once the request is known to be wanted: after authentication, the
 * rate limit (an onRequest hook too, see rate-limit.ts) and the GraphQL gate (src/graphql/request-guard.ts) have
 * run, all before Fastify reads a byte of it.
 *
 * - An unknown route answers 404 without reading the body (Fastify would parse it first).
 * - Each route reads at most what it needs: /graphql BODY_LIMIT_BYTES, the webhook JIRA_WEBHOOK_BODY_LIMIT_BYTES,
 *   any other SMALL_BODY_LIMIT_BYTES; a Content-Length over the limit is refused unread (413).
 * - The webhook takes JSON only (415 otherwise, unread), and its body is kept as bytes, not parsed: its signature is
 *   checked on the bytes and the webhook parses them once it holds, so a forged delivery costs an HMAC, not a parse.
 *
 * Call before the application's routes are registered (before init), as the limits are set as routes are added.
 */
export function installRequestBodies(app: NestFastifyApplication, env: Env): void {
  const fastify: FastifyInstance = app.getHttpAdapter().getInstance();
  fastify.addHook('onRoute', (route) => {
    if (route.bodyLimit !== undefined) return;
    route.bodyLimit = route.url === '/graphql' ? env.BODY_LIMIT_BYTES : route.url === JIRA_WEBHOOK_PATH ? env.JIRA_WEBHOOK_BODY_LIMIT_BYTES : SMALL_BODY_LIMIT_BYTES;
  });

  fastify.addHook('onRequest', async (request, reply) => {
    // As Nest's own 404 says it, through the same exception handler; without reading the body.
    if (request.is404 && hasBody(request)) throw new NotFoundException(`Cannot ${request.method} ${request.url}`);
    if (request.routeOptions.url === JIRA_WEBHOOK_PATH && request.method === 'POST') {
      const type = (request.headers['content-type'] ?? '').split(';', 1)[0].trim().toLowerCase();
      if (type !== 'application/json') {
        const sent = type ? `came as ${type.length > 100 ? `${type.slice(0, 100)}…` : type}` : 'came without a Content-Type';
        return reply.status(415).send({ error: `Jira deliveries are JSON: this one ${sent}; send Content-Type: application/json.` });
      }
    }
  });

  // Nest's JSON parser (Fastify's, keeping the raw bytes), except that the webhook's body stays bytes.
  const { onProtoPoisoning, onConstructorPoisoning } = fastify.initialConfig;
  const json = fastify.getDefaultJsonParser(onProtoPoisoning ?? 'error', onConstructorPoisoning ?? 'error');
  app.useBodyParser<Server>('application/json', { bodyLimit: env.BODY_LIMIT_BYTES }, (request, body, done) => {
    if (request.routeOptions.url === JIRA_WEBHOOK_PATH) return done(null, undefined);
    // Typed for a string; it takes the Buffer as well (secure-json-parse decodes it), which is what Nest passes it.
    return json(request, body as unknown as string, done);
  });
}
