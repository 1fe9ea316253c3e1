import type { FastifyInstance } from 'fastify';
import { readFromReplicas } from '../database/read-routing';
import { isDashboardRead } from './dashboard-reads';

/**
 * Runs the GraphQL requests that may read from a replica inside a replica scope. A preHandler, after the
 * authentication hook (whose token lookup must see a token made a moment ago, so it reads the primary) and
 * after the body is parsed; `done` runs the rest of the request synchronously, so all of it is in the scope.
 */
export function installReplicaReads(fastify: FastifyInstance): void {
  fastify.addHook('preHandler', (request, _reply, done) => {
    if (request.routeOptions.url !== '/graphql' || !isDashboardRead(request)) return done();
    readFromReplicas(() => done());
  });
}
