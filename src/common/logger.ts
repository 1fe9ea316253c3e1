import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { Env } from '../config/env';
import { secretScrubber } from './secret-scrubber';

/** Where credentials sit in the objects we log; pino blanks these before the line is written. */
const REDACTED_PATHS = ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-hub-signature"]', 'headers.authorization', '*.authorization', '*.password', '*.apiToken', '*.secret'];

export interface RootLoggerOptions {
  /** stdout (1) by default; the CLI logs to stderr (2) so stdout stays the command's output. */
  destination?: 1 | 2 | DestinationStream;
  level?: string;
}

/**
 * One JSON line per event, the shape log shippers expect. Known secrets (Jira credentials, the webhook secret,
 * the database password) and anything shaped like an API token or an Authorization value are blanked in every
 * line, whatever put them there: an error message, a URL, a header.
 */
export function createRootLogger(env: Env, options: RootLoggerOptions = {}): Logger {
  const destination = options.destination ?? 1;
  const scrub = secretScrubber(env);
  return pino(
    {
      level: options.level ?? env.LOG_LEVEL,
      base: { service: 'followthrough' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      hooks: { streamWrite: scrub },
    },
    typeof destination === 'number' ? pino.destination(destination) : destination,
  );
}

/** Adapts pino to Nest's logger so framework and application logs share one format. */
export class JsonLogger implements LoggerService {
  constructor(private readonly root: Logger) {}

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }
  error(message: unknown, stackOrContext?: string, context?: string): void {
    // Nest passes (message, stack, context) for errors and (message, context) otherwise.
    const stack = context !== undefined ? stackOrContext : undefined;
    this.write('error', message, context ?? stackOrContext, stack);
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }
  fatal(message: unknown, context?: string): void {
    this.write('fatal', message, context);
  }

  private write(level: pino.Level, message: unknown, context?: string, stack?: string): void {
    const fields: Record<string, unknown> = { context };
    if (stack) fields.stack = stack;
    if (message instanceof Error) this.root[level]({ ...fields, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.root[level]({ ...fields, ...message });
    else this.root[level](fields, String(message));
  }
}
