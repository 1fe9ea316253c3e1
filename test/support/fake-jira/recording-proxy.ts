/**
 * A loopback HTTP proxy that records every exchange it forwards, for the contract spec: put between a real
 * client (the service's JiraClient) and the fake, it shows exactly what the client sent and what it got back.
 * Not part of the fake (index.ts does not export it). Requests and responses are buffered whole, which is fine
 * for JSON APIs; hop-by-hop headers are dropped and Content-Length is set from the buffered body.
 */
import { type IncomingHttpHeaders, type OutgoingHttpHeaders, createServer, request } from 'node:http';

export interface RecordedExchange {
  method: string;
  /** Path with query string, as the client sent it. */
  path: string;
  requestHeaders: IncomingHttpHeaders;
  /** Parsed JSON when the body is JSON, the raw text otherwise; undefined when there was no body. */
  requestBody?: unknown;
  status: number;
  responseHeaders: IncomingHttpHeaders;
  contentType?: string;
  /** Parsed JSON when the body is JSON, the raw text otherwise; undefined when there was no body. */
  responseBody?: unknown;
}

export interface RecordingProxy {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  url: string;
  /** Exchanges in the order their responses completed; the array is live, splice it to take them. */
  exchanges: RecordedExchange[];
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'content-length', 'host']);

function forwardable(headers: IncomingHttpHeaders, body: Buffer): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase())));
  if (body.length > 0) out['content-length'] = String(body.length);
  return out;
}

function decode(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  const text = body.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

async function readAll(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Starts a proxy to `targetUrl` (an `http://host:port` origin) on a random loopback port. */
export async function startRecordingProxy(targetUrl: string): Promise<RecordingProxy> {
  const target = new URL(targetUrl);
  const exchanges: RecordedExchange[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const method = req.method ?? 'GET';
      const path = req.url ?? '/';
      const requestBody = await readAll(req);
      // No keep-alive upstream, so closing the fake never waits on this proxy.
      const upstream = request({ hostname: target.hostname, port: target.port, method, path, headers: forwardable(req.headers, requestBody), agent: false }, (answer) => {
        void readAll(answer).then((responseBody) => {
          const contentType = answer.headers['content-type'];
          exchanges.push({
            method, path, requestHeaders: req.headers, requestBody: decode(requestBody),
            status: answer.statusCode ?? 0, responseHeaders: answer.headers, contentType, responseBody: decode(responseBody),
          });
          res.writeHead(answer.statusCode ?? 502, forwardable(answer.headers, responseBody)).end(responseBody);
        }, () => res.destroy());
      });
      // The fake hung up without answering (setDown, a lost response): so does the proxy.
      upstream.on('error', () => res.destroy());
      upstream.end(requestBody);
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    exchanges,
    close: () => new Promise<void>((resolve, reject) => {
      // fetch keeps connections alive; close them rather than wait for their idle timeout.
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    }),
  };
}
