import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DomainError, ErrorCode } from '../common/domain-error';
import { Env } from '../config/env';
import { parsePostmortem } from '../parser/parse-postmortem';
import type { ParsedPostmortem } from '../parser/parsed-postmortem';
import { WorkerPool } from './worker-pool';

/** Documents up to this size are parsed in place (about 20 ms); larger ones on a worker thread. */
export const INLINE_PARSE_MAX_BYTES = 16 * 1024;
/** Large documents that may wait for a worker, per worker. */
const WAITING_PER_WORKER = 8;

/**
 * Parses postmortems for the API and the CLI. A large document is parsed on a worker thread, so the event loop
 * (and every other request) goes on meanwhile, within PARSE_TIMEOUT_MS: past it the parse is stopped and answered
 * with PARSE_TIMEOUT. A parse whose client has gone (its signal aborts) is stopped too.
 */
@Injectable()
export class PostmortemParser implements OnModuleDestroy {
  private workers: WorkerPool<string, ParsedPostmortem> | null = null;

  constructor(private readonly env: Env) {}

  async parse(text: string, signal?: AbortSignal): Promise<ParsedPostmortem> {
    signal?.throwIfAborted();
    if (Buffer.byteLength(text, 'utf8') <= INLINE_PARSE_MAX_BYTES) return parsePostmortem(text);
    this.workers ??= this.createPool();
    return this.workers.run(text, signal);
  }

  async onModuleDestroy(): Promise<void> {
    await this.workers?.close();
    this.workers = null;
  }

  private createPool(): WorkerPool<string, ParsedPostmortem> {
    const size = Math.max(1, Math.min(4, availableParallelism() - 1));
    return new WorkerPool({
      start: startParseWorker,
      size,
      timeoutMs: this.env.PARSE_TIMEOUT_MS,
      maxWaiting: size * WAITING_PER_WORKER,
      timedOut: (ms) =>
        new DomainError(ErrorCode.ParseTimeout, `Parsing this document took longer than ${ms} ms (PARSE_TIMEOUT_MS) and was stopped: split it into smaller documents.`, {
          field: 'text',
          limit: ms,
        }),
      busy: (waiting) =>
        new DomainError(ErrorCode.ServiceUnavailable, `${waiting} large documents are waiting to be parsed; send this one again in a moment.`, { reason: 'PARSER_BUSY' }),
    });
  }
}

/**
 * The compiled worker; run from the TypeScript sources (under Jest), the worker compiles them as it loads them,
 * with @swc/core, the compiler Jest uses.
 */
function startParseWorker(): Worker {
  const compiled = join(__dirname, 'parse.worker.js');
  if (existsSync(compiled)) return new Worker(compiled);
  const fromSources = `
    const { readFileSync } = require('node:fs');
    const { workerData } = require('node:worker_threads');
    const { transformSync } = require(workerData.swc);
    const options = { jsc: { parser: { syntax: 'typescript', decorators: true }, target: 'es2022' }, module: { type: 'commonjs' } };
    require.extensions['.ts'] = (module, filename) => module._compile(transformSync(readFileSync(filename, 'utf8'), { ...options, filename }).code, filename);
    require(workerData.entry);`;
  return new Worker(fromSources, { eval: true, workerData: { entry: join(__dirname, 'parse.worker.ts'), swc: require.resolve('@swc/core') } });
}
