import type { Logger as PinoLogger } from 'pino';
import type { Logger as TypeOrmLogger } from 'typeorm';

type QueryListener = (sql: string) => void;

/** Routes TypeORM's query events to the JSON log and to listeners (query counters in tests and metrics). */
export class QueryLogger implements TypeOrmLogger {
  private readonly listeners = new Set<QueryListener>();

  constructor(private readonly pino: PinoLogger) {}

  onQuery(listener: QueryListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  logQuery(query: string): void {
    for (const listener of this.listeners) listener(query);
    this.pino.trace({ query }, 'query');
  }
  logQueryError(error: string | Error, query: string): void {
    // Constraint violations are expected and mapped to client errors; the caller decides how loud to be.
    this.pino.debug({ query, err: error }, 'query failed');
  }
  logQuerySlow(time: number, query: string): void {
    this.pino.warn({ query, durationMs: time }, 'slow query');
  }
  logSchemaBuild(message: string): void {
    this.pino.debug(message);
  }
  logMigration(message: string): void {
    this.pino.info(message);
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    this.pino[level === 'log' ? 'info' : level](String(message));
  }
}
