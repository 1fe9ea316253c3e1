import { Global, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { Env } from '../config/env';
import { createRootLogger } from './logger';

export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

@Global()
@Module({
  providers: [{ provide: ROOT_LOGGER, inject: [Env], useFactory: (env: Env): Logger => createRootLogger(env) }],
  exports: [ROOT_LOGGER],
})
export class LoggingModule {}
