import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { CliModule } from './cli.module';
import { createRootLogger, JsonLogger } from './common/logger';
import { loadEnv } from './config/env';

/** Runs work against the configured database, then closes it. Logs go to stderr so stdout stays the command's output. */
export async function withCliContext<T>(work: (context: INestApplicationContext) => Promise<T>): Promise<T> {
  const env = loadEnv();
  const level = env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL;
  const context = await NestFactory.createApplicationContext(CliModule, { logger: new JsonLogger(createRootLogger(env, { level, destination: 2 })) });
  try {
    return await work(context);
  } finally {
    await context.close();
  }
}
