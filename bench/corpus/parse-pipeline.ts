import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { parsePostmortem } from '../../src/parser/parse-postmortem';
import type { ParsedPostmortem } from '../../src/parser/parsed-postmortem';
import type { ParseRequest } from './parse-worker';

const BATCH = 200;

/**
 * The parses of `texts`, in order, computed ahead by a worker thread: all batches are sent at once and come
 * back one by one, so the caller works on batch k while the worker parses batch k + 1. Without the compiled
 * worker (run from sources) it parses inline.
 */
export class ParsePipeline {
  private readonly worker: Worker | null;
  private readonly batches: Promise<ParsedPostmortem[]>[] = [];

  constructor(private readonly texts: string[]) {
    const script = join(__dirname, 'parse-worker.js');
    this.worker = existsSync(script) ? new Worker(script) : null;
    if (!this.worker) return;
    const waiting = new Map<number, { resolve: (parsed: ParsedPostmortem[]) => void; reject: (error: Error) => void }>();
    this.worker.on('message', (message: { batch: number; parsed: ParsedPostmortem[] }) => waiting.get(message.batch)?.resolve(message.parsed));
    this.worker.on('error', (error) => waiting.forEach((batch) => batch.reject(error)));
    for (let start = 0, batch = 0; start < texts.length; start += BATCH, batch++) {
      const pending = new Promise<ParsedPostmortem[]>((resolve, reject) => waiting.set(batch, { resolve, reject }));
      // A failure is reported by the get() that awaits it; this keeps the others from being "unhandled".
      pending.catch(() => undefined);
      this.batches.push(pending);
      const request: ParseRequest = { batch, texts: texts.slice(start, start + BATCH) };
      this.worker.postMessage(request);
    }
  }

  async get(index: number): Promise<ParsedPostmortem> {
    if (!this.worker) return parsePostmortem(this.texts[index]);
    return (await this.batches[Math.floor(index / BATCH)])[index % BATCH];
  }

  close(): Promise<number> {
    return this.worker?.terminate() ?? Promise.resolve(0);
  }
}
