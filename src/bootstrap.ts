import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode } from './common/domain-error';
import { createValidationPipe } from './common/validation';
import { GraphQLExceptionFilter } from './graphql/graphql-exception.filter';
import type { Env } from './config/env';

export function createHttpAdapter(env: Env): FastifyAdapter {
  return new FastifyAdapter({ bodyLimit: env.BODY_LIMIT_BYTES });
}

/** Settings shared by the server and the tests, so the tests exercise what production runs. */
export function configureApp(app: NestFastifyApplication, env: Env): void {
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new GraphQLExceptionFilter(app.getHttpAdapter()));
  app.enableShutdownHooks();
  // Errors raised before GraphQL runs (oversized or malformed bodies) still answer in GraphQL's error shape.
  app.getHttpAdapter().getInstance().setErrorHandler((error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
    const status = error.statusCode ?? 500;
    const code =
      status === 413 ? ErrorCode.PayloadTooLarge : status >= 400 && status < 500 ? ErrorCode.BadUserInput : ErrorCode.Internal;
    const message =
      status === 413
        ? `The request body is larger than the ${env.BODY_LIMIT_BYTES} bytes allowed (BODY_LIMIT_BYTES).`
        : status < 500
          ? error.message
          : 'Internal error.';
    if (status >= 500) reply.log.error({ err: error }, 'unhandled HTTP error');
    void reply.status(status).send({ errors: [{ message, extensions: { code } }] });
  });
}
