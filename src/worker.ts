import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ClockModule } from './common/clock.module';
import { createRootLogger, JsonLogger } from './common/logger';
import { LoggingModule } from './common/logging.module';
import { ConfigModule } from './config/config.module';
import { InvalidEnvironmentError, loadEnv } from './config/env';
import { refuseSharedEmbeddedDatabase } from './database/database';
import { DatabaseModule } from './database/database.module';
import { JiraSyncWorker } from './jira/jira-sync.worker';
import { JiraModule } from './jira/jira.module';
import { MetricsModule } from './metrics/metrics.module';

@Module({ imports: [ConfigModule, LoggingModule, ClockModule, DatabaseModule, JiraModule, MetricsModule] })
class WorkerModule {}

/** The Jira sync worker without the API: run as many as you like next to API instances with RUN_WORKER=false. */
async function main(): Promise<void> {
  const env = loadEnv();
  // A second server or worker on the same embedded DATA_DIR refuses to start (the CLI shares the running one's).
  refuseSharedEmbeddedDatabase();
  const log = createRootLogger(env);
  const context = await NestFactory.createApplicationContext(WorkerModule, { logger: new JsonLogger(log) });
  // Exit 0 once the job in hand is finished: re-raising the signal (Nest's default) would report a clean stop as killed.
  context.enableShutdownHooks([], { useProcessExit: true });
  const worker = context.get(JiraSyncWorker);
  if (!worker.enabled) {
    log.error('Jira sync is not configured: set JIRA_BASE_URL, JIRA_PROJECT_KEY and credentials (see the README). The worker has nothing to do.');
    await context.close();
    process.exitCode = 1;
    return;
  }
  worker.start();
}

main().catch((error: unknown) => {
  if (error instanceof InvalidEnvironmentError) console.error(error.message);
  else console.error('The Followthrough worker failed to start:', error);
  process.exit(1);
});
