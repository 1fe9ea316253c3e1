/** HTTP plumbing: Jira's error body, JSON responses, request bodies. */
import type { IncomingMessage } from 'node:http';

/** Jira's media type, byte for byte, on every response with a body. */
export const JSON_TYPE = 'application/json;charset=UTF-8';

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A failure answered with Jira's `ErrorCollection` body, `{errorMessages, errors}`. */
export class JiraError extends Error {
  constructor(
    readonly status: number,
    readonly errorMessages: string[],
    readonly errors: Record<string, string> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(errorMessages[0] ?? Object.values(errors)[0] ?? `HTTP ${status}`);
  }

  static fields(errors: Record<string, string>, headers?: Record<string, string>): JiraError {
    return new JiraError(400, [], errors, headers);
  }

  reply(): Reply {
    return { status: this.status, body: { errorMessages: this.errorMessages, errors: this.errors }, headers: this.headers };
  }
}

export const INVALID_PAYLOAD = 'Invalid request payload. Refer to the REST API documentation and try again.';

export interface ParsedBody {
  raw: string;
  /** undefined when there was no body. */
  json?: unknown;
  invalid: boolean;
}

export async function readBody(req: IncomingMessage, limit = 10 * 1024 * 1024): Promise<ParsedBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new JiraError(413, ['Request body is too large.']);
    chunks.push(chunk);
  }
  const raw = Buffer.concat(chunks).toString('utf8');
  if (raw.trim() === '') return { raw, invalid: false };
  try {
    return { raw, json: JSON.parse(raw) as unknown, invalid: false };
  } catch {
    return { raw, invalid: true };
  }
}

/** The body of a write, which must be a JSON object (Jira answers 415 to other media types, 400 to bad JSON). */
export function objectBody(req: IncomingMessage, body: ParsedBody): Record<string, unknown> {
  const type = req.headers['content-type'] ?? '';
  if (body.raw.trim() !== '' && !/^application\/json\b/i.test(type)) throw new JiraError(415, [`Unsupported media type '${type}'.`]);
  if (body.invalid || body.json === undefined || typeof body.json !== 'object' || body.json === null || Array.isArray(body.json)) {
    throw new JiraError(400, [INVALID_PAYLOAD]);
  }
  return body.json as Record<string, unknown>;
}

/** Query parameters with repeats kept, since Jira accepts `fields=a&fields=b` as well as `fields=a,b`. */
export function queryAll(url: URL, name: string): string[] {
  return url.searchParams.getAll(name);
}

export function queryBoolean(url: URL, name: string): boolean {
  return url.searchParams.get(name) === 'true';
}
