/**
 * Preloaded (`node -r`) into the PostGraphile process only. PostGraphile 4 needs graphql 15 and npm nests that
 * copy under node_modules/postgraphile, but hoists graphile-build-pg and graphql-parse-resolve-info to the top,
 * where they find the app's graphql 16: two graphql instances in one schema fail every query ("Unexpected
 * input type"). Every `graphql` request in this process is resolved to PostGraphile's own copy instead.
 */
import Module from 'node:module';
import { dirname } from 'node:path';

type Resolve = (request: string, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: Resolve };
const graphql15 = dirname(require.resolve('graphql/package.json', { paths: [dirname(require.resolve('postgraphile/package.json'))] }));
const resolve = loader._resolveFilename;
loader._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]): string {
  const redirected = request === 'graphql' || request.startsWith('graphql/') ? graphql15 + request.slice('graphql'.length) : request;
  return resolve.call(this, redirected, ...rest);
};
