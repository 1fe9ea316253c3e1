import type { Authentication } from '../auth/principal';
import type { RequestLoaders } from './request-loaders';

export interface GraphQLContext {
  loaders: RequestLoaders;
  authentication: Authentication;
  /** Who is acting, recorded in the audit history: the API token's name. */
  actor: string;
  /** Aborts when the client has gone: long work for the request stops. */
  signal: AbortSignal;
}
