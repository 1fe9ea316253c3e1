import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

/** An id from the caller (a proxy's or a client's X-Request-Id) is kept when it is short and plain. */
const USABLE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  const value = Array.isArray(given) ? given[0] : given;
  return value && USABLE_REQUEST_ID.test(value) ? value : randomUUID();
}

/**
 * One structured line per request (method, path, status, time, token name) under the request's id, which is
 * also returned as X-Request-Id so a user can quote it. Every log line written while serving the request
 * (GraphQL errors included) carries the same `requestId`. Query strings are left out of the line: they are
 * the caller's data.
 */
export function installRequestLogging(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const authentication = request.authentication;
    const path = request.url.split('?')[0];
    // Probes arrive every few seconds from every load balancer; they would drown the requests people make.
    const level = path === '/health' ? 'debug' : 'info';
    request.log[level](
      {
        method: request.method,
        path,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
        token: authentication?.kind === 'token' ? authentication.principal.name : undefined,
      },
      'request',
    );
  });
}
