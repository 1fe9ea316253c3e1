import type { Server, ServerOptions } from 'node:http';
import type { Socket } from 'node:net';
import type { Env } from '../config/env';

/**
 * The time limits of the HTTP server, as Fastify options. Fastify's own defaults let a request's body take forever
 * (requestTimeout 0): a client trickling bytes held its connection, and a thousand of them the process. Node closes
 * a connection with 408 when its headers (headersTimeout) or its whole request (requestTimeout) have not arrived
 * in time; once a request is in, its handler may take as long as it needs (no socket idle timeout, Fastify's
 * connectionTimeout, which would cut a slow answer too). Node checks the open connections at an interval, 30 s by
 * default; here a quarter of the shorter limit, at most a second, so a limit is kept to within that.
 */
export function httpServerOptions(env: Env): { requestTimeout: number; keepAliveTimeout: number; http: ServerOptions } {
  const shortest = Math.min(env.HTTP_HEADERS_TIMEOUT_MS, env.HTTP_REQUEST_TIMEOUT_MS);
  return {
    // Fastify sets the server's requestTimeout and keepAliveTimeout from these once it has made the server.
    requestTimeout: env.HTTP_REQUEST_TIMEOUT_MS,
    keepAliveTimeout: env.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    http: {
      headersTimeout: env.HTTP_HEADERS_TIMEOUT_MS,
      // Node refuses a headersTimeout above the requestTimeout it is created with.
      requestTimeout: env.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeout: env.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      connectionsCheckingInterval: Math.max(25, Math.min(1_000, Math.floor(shortest / 4))),
    },
  };
}

interface Warner {
  warn(fields: object, message: string): void;
}

/**
 * Closes a connection at once when its client address already holds `limit` open ones (0: no cap). The time limits
 * bound how long a connection that sends nothing useful is held; this bounds how many one client can hold meanwhile.
 * Behind a load balancer or proxy every connection comes from its address, so the cap must be above what it opens.
 */
export function limitConnectionsPerAddress(server: Server, limit: number, log?: Warner): void {
  if (limit === 0) return;
  const open = new Map<string, number>();
  // Addresses at the cap that have been logged, so a flood logs one line until the address drops below it.
  const reported = new Set<string>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress;
    if (address === undefined) return; // already gone
    const count = open.get(address) ?? 0;
    if (count >= limit) {
      if (!reported.has(address)) {
        reported.add(address);
        log?.warn({ address, limit }, `Closing connections from ${address}: it holds ${limit} open connections (HTTP_MAX_CONNECTIONS_PER_ADDRESS)`);
      }
      socket.destroy();
      return;
    }
    open.set(address, count + 1);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left === 0) open.delete(address);
      else open.set(address, left);
      if (left < limit) reported.delete(address);
    });
  });
}
