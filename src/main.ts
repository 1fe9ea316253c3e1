import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { APP_OPTIONS, configureApp, createHttpAdapter } from './bootstrap';
import { createRootLogger, JsonLogger } from './common/logger';
import { InvalidEnvironmentError, loadEnv } from './config/env';
import { refuseSharedEmbeddedDatabase } from './database/database';
import { JiraSyncWorker } from './jira/jira-sync.worker';

async function main(): Promise<void> {
  const env = loadEnv();
  // A second server or worker on the same embedded DATA_DIR refuses to start (the CLI shares the running one's).
  refuseSharedEmbeddedDatabase();
  const log = createRootLogger(env);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, createHttpAdapter(env, log), { ...APP_OPTIONS, logger: new JsonLogger(log) });
  await configureApp(app);
  await app.listen({ port: env.PORT, host: env.HOST });
  log.info({ url: `http://${env.HOST}:${env.PORT}/graphql` }, 'Followthrough is serving GraphQL');
  if (env.RUN_WORKER) app.get(JiraSyncWorker).start();
}

main().catch((error: unknown) => {
  // A configuration mistake is the user's to fix: say what, without a stack trace.
  if (error instanceof InvalidEnvironmentError) console.error(error.message);
  else console.error('Followthrough failed to start:', error);
  process.exit(1);
});
