import type { TcpProxy } from './tcp-proxy';

/** SSLRequest and GSSENCRequest: answered with one byte, then the client sends its real startup message. */
const PRE_STARTUP_CODES = new Set([80877103, 80877104]);

export interface TappedStatement {
  /** The proxy's number for the connection it came through. */
  connection: number;
  sql: string;
}

/**
 * Reads the SQL that clients send through a TcpProxy: the PostgreSQL frontend protocol's Query ('Q', simple
 * protocol, statements without parameters) and Parse ('P', extended protocol) messages, per connection.
 */
export class PgWireTap {
  readonly statements: TappedStatement[] = [];
  private readonly pending = new Map<number, { data: Buffer; started: boolean }>();

  constructor(proxy: TcpProxy) {
    proxy.onClientData = (chunk, connection) => this.feed(chunk, connection);
  }

  private feed(chunk: Buffer, connection: number): void {
    const state = this.pending.get(connection) ?? { data: Buffer.alloc(0), started: false };
    state.data = Buffer.concat([state.data, chunk]);
    for (;;) {
      if (!state.started) {
        // Startup-phase messages have no type byte: a length, then a protocol version or request code.
        if (state.data.length < 8 || state.data.length < state.data.readInt32BE(0)) break;
        const code = state.data.readInt32BE(4);
        state.data = state.data.subarray(state.data.readInt32BE(0));
        if (!PRE_STARTUP_CODES.has(code)) state.started = true;
        continue;
      }
      if (state.data.length < 5 || state.data.length < 1 + state.data.readInt32BE(1)) break;
      const type = String.fromCharCode(state.data[0]);
      const body = state.data.subarray(5, 1 + state.data.readInt32BE(1));
      state.data = state.data.subarray(1 + state.data.readInt32BE(1));
      if (type === 'Q') this.statements.push({ connection, sql: cString(body, 0) });
      // Parse: the prepared statement's name, then the query.
      if (type === 'P') this.statements.push({ connection, sql: cString(body, body.indexOf(0) + 1) });
    }
    this.pending.set(connection, state);
  }
}

function cString(buffer: Buffer, start: number): string {
  const end = buffer.indexOf(0, start);
  return buffer.toString('utf8', start, end === -1 ? buffer.length : end);
}
