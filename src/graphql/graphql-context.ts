import type { RequestLoaders } from './request-loaders';

export interface GraphQLContext {
  loaders: RequestLoaders;
  /** Who is acting, recorded in the audit history. */
  actor: string;
}
