import { request, type IncomingHttpHeaders } from 'node:http';

/** Plain HTTP against a server in another process: one connection per request, no keep-alive to blur who sent what. */
export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export type HttpOutcome = HttpAnswer | { error: string };

export function send(port: number, method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<HttpOutcome> {
  return new Promise((done) => {
    const req = request({ host: '127.0.0.1', port, method, path, agent: false, headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      res.on('error', (error) => done({ error: `${(error as NodeJS.ErrnoException).code ?? ''} ${error.message}` }));
    });
    req.on('error', (error) => done({ error: (error as NodeJS.ErrnoException).code ?? error.message }));
    req.end(body);
  });
}

export interface StreamedRequest {
  /** Resolves once the server has read the request's headers and routed it (it answered "100 Continue"). */
  accepted: Promise<void>;
  /** Sends the rest of the body. */
  finish(): void;
  answer: Promise<HttpOutcome>;
}

/**
 * A POST whose body is sent in two parts: the headers and the first half now, the rest on `finish()`. Until
 * then the request is unmistakably in flight on the server.
 */
export function streamedPost(port: number, path: string, body: string, headers: Record<string, string> = {}): StreamedRequest {
  const bytes = Buffer.from(body, 'utf8');
  const half = Math.floor(bytes.length / 2);
  let accepted!: () => void;
  const acceptedPromise = new Promise<void>((resolve) => void (accepted = resolve));
  let answer!: (outcome: HttpOutcome) => void;
  const answerPromise = new Promise<HttpOutcome>((resolve) => void (answer = resolve));
  const req = request(
    {
      host: '127.0.0.1',
      port,
      method: 'POST',
      path,
      agent: false,
      headers: { 'content-type': 'application/json', 'content-length': String(bytes.length), expect: '100-continue', ...headers },
    },
    (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => answer({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    },
  );
  req.on('error', (error) => answer({ error: (error as NodeJS.ErrnoException).code ?? error.message }));
  req.on('continue', () => {
    req.write(bytes.subarray(0, half), () => accepted());
  });
  req.flushHeaders();
  return { accepted: acceptedPromise, finish: () => void req.end(bytes.subarray(half)), answer: answerPromise };
}
