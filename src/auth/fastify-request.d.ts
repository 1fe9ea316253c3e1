import type { Authentication } from './principal';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication hook before any handler runs. */
    authentication?: Authentication;
  }
}
