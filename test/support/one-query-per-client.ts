import { Client } from 'pg';

/**
 * Fails the test during which a pg client was asked for a query while it was still executing another (jest
 * `setupFilesAfterEnv`, so in every spec file). pg 8 queues such a query and, from the second one waiting,
 * prints "DeprecationWarning: Calling client.query() when the client is already executing a query"; pg 9
 * refuses it; and inside a transaction the statements' order is then up to whoever asked first. The warning
 * itself cannot fail a test: Node prints it once per pg module, after the fact, from the worker's own
 * `process`, which the spec's sandbox does not see. So this checks what pg checks, at every query, and is
 * stricter: one query waiting behind another is already one too many.
 *
 * Every spec file loads its own copy of pg (jest's module registry), so the check is installed per file,
 * in the copy that the file, TypeORM and the app use. Processes a spec starts (the built app) are not checked.
 */
interface ClientState {
  _activeQuery?: unknown;
  _queryQueue?: unknown[];
  _queryable?: boolean;
  _ending?: boolean;
  pipeline?: boolean;
}

const INSTALLED = Symbol.for('followthrough.oneQueryPerClient');
const prototype = Client.prototype as Client & { [INSTALLED]?: Error[] };
const seen: Error[] = (prototype[INSTALLED] ??= install());

function install(): Error[] {
  const found: Error[] = [];
  const query = Client.prototype.query as (this: Client, ...args: unknown[]) => unknown;
  const guarded = function (this: Client & ClientState, ...args: unknown[]) {
    const waiting = this._queryQueue?.length ?? 0;
    // Pipeline mode (opt-in) sends queries without waiting on purpose; a client that is ending or broken
    // refuses the query at once instead of queueing it.
    const queues = !this.pipeline && this._queryable !== false && !this._ending;
    if (queues && (this._activeQuery || waiting > 0)) {
      const sql = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: unknown } | undefined)?.text;
      const error = new Error(`A pg client was asked for a query while it was still executing one (${waiting} more waiting): ${String(sql).replace(/\s+/g, ' ').slice(0, 200)}`);
      Error.captureStackTrace(error, guarded);
      found.push(error);
    }
    return query.apply(this, args);
  };
  Client.prototype.query = guarded as Client['query'];
  return found;
}

function failOnConcurrentQueries(): void {
  if (seen.length === 0) return;
  const errors = seen.splice(0);
  const error = new Error(
    `${errors.length} quer${errors.length === 1 ? 'y was' : 'ies were'} sent to a pg client that was still executing another ` +
      `(pg 8 warns "Calling client.query() when the client is already executing a query", pg 9 refuses): ` +
      `await each query before sending the next on the same client or query runner.\n\n${errors.map((e) => e.stack).join('\n\n')}`,
  );
  error.stack = error.message;
  throw error;
}

afterEach(failOnConcurrentQueries);
// Queries of an afterAll (or of a file without tests) fail the file.
afterAll(failOnConcurrentQueries);
