import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiValidationPipe } from './common/validation';
import type { Env } from './config/env';
import { GraphQLExceptionFilter } from './graphql/graphql-exception.filter';

export function createHttpAdapter(env: Env): FastifyAdapter {
  return new FastifyAdapter({ bodyLimit: env.BODY_LIMIT_BYTES });
}

/** Settings shared by the server and the tests, so the tests exercise what production runs. */
export function configureApp(app: NestFastifyApplication): void {
  app.useGlobalPipes(new ApiValidationPipe());
  app.useGlobalFilters(new GraphQLExceptionFilter(app.getHttpAdapter()));
  app.enableShutdownHooks();
}
