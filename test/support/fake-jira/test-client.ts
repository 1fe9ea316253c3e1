/**
 * A minimal HTTP client for the fake's own specs: raw status, headers and body, no retries, no keep-alive
 * (so closing the fake leaves nothing open). The sync service has its own client; this one only tests the fake.
 */
import { request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** Parsed JSON body; undefined when the body is empty. */
  body: unknown;
}

export interface CallOptions {
  /** Default: Basic with the fake's default credentials. null: no Authorization header. */
  auth?: string | null;
  headers?: Record<string, string>;
  /** A raw body, sent as is (for malformed-JSON tests); otherwise `body` is JSON-encoded. */
  rawBody?: string;
  timeoutMs?: number;
}

export const basicAuth = (email: string, token: string) => `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`;
export const DEFAULT_AUTH = basicAuth('bot@example.com', 'test-token');

export function call(baseUrl: string, method: string, path: string, body?: unknown, options: CallOptions = {}): Promise<RawResponse> {
  const payload = options.rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
  const auth = options.auth === undefined ? DEFAULT_AUTH : options.auth;
  const headers: Record<string, string> = {
    Accept: 'application/json',
    ...(payload === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(payload)) }),
    ...(auth === null ? {} : { Authorization: auth }),
    ...options.headers,
  };
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}${path}`, { method, headers, agent: false, timeout: options.timeoutMs ?? 5000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body: text === '' ? undefined : (JSON.parse(text) as unknown) });
      });
    });
    req.on('timeout', () => req.destroy(new Error('client timeout')));
    req.on('error', reject);
    req.end(payload);
  });
}

/** `call` bound to one fake. */
export function clientFor(baseUrl: string) {
  return (method: string, path: string, body?: unknown, options?: CallOptions) => call(baseUrl, method, path, body, options);
}
