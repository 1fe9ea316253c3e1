import { Client } from 'pg';

/**
 * A pg client that drops its connection when a query outlives `query_timeout`. pg itself only fails the
 * query and keeps the connection waiting for that answer: the pool would lend it out again, every later query
 * on it would queue behind the lost one, and a late answer (a partition that heals) could leave a transaction
 * open on it for whoever came next. A dropped connection is removed from the pool and replaced when needed.
 */
export class AbandoningClient extends Client {
  constructor(config?: ConstructorParameters<typeof Client>[0]) {
    super(config);
    const query = this.query.bind(this) as (...args: unknown[]) => unknown;
    this.query = ((...args: unknown[]) => {
      const result = query(...args);
      if (result instanceof Promise) result.catch((error: unknown) => this.abandonOnTimeout(error));
      return result;
    }) as Client['query'];
  }

  /**
   * Ends the client at once, before whoever awaited the query hears of the timeout (this handler was attached
   * first). `end()` with a query still active destroys the socket, and marks the client as ending right away:
   * what is asked of it next (the transaction's ROLLBACK) fails at once instead of queueing on the dead
   * connection behind the lost query, and the pool removes it when it is released instead of lending it to
   * the next request. (Destroying only the socket left both to happen until its close event came.)
   */
  private abandonOnTimeout(error: unknown): void {
    if (error instanceof Error && error.message === 'Query read timeout') this.end().catch(() => undefined);
  }
}
