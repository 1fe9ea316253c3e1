import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiTokensService } from './auth/api-tokens.service';
import { installAuthentication } from './auth/authentication.hook';
import { ApiValidationPipe } from './common/validation';
import type { Env } from './config/env';
import { GraphQLExceptionFilter } from './graphql/graphql-exception.filter';

export function createHttpAdapter(env: Env): FastifyAdapter {
  return new FastifyAdapter({ bodyLimit: env.BODY_LIMIT_BYTES });
}

/** Options of the Nest application: the raw body is kept for checking Jira's webhook signatures. */
export const APP_OPTIONS = { rawBody: true } as const;

/** Settings shared by the server and the tests, so the tests exercise what production runs. */
export function configureApp(app: NestFastifyApplication): void {
  installAuthentication(app.getHttpAdapter().getInstance(), app.get(ApiTokensService));
  app.useGlobalPipes(new ApiValidationPipe());
  app.useGlobalFilters(new GraphQLExceptionFilter(app.getHttpAdapter()));
  app.enableShutdownHooks();
}
