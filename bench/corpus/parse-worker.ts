/** Parses postmortems off the main thread, so the generator's matching overlaps with the parser (2 cores). */
import { parentPort } from 'node:worker_threads';
import { parsePostmortem } from '../../src/parser/parse-postmortem';

export interface ParseRequest {
  batch: number;
  texts: string[];
}

parentPort?.on('message', (request: ParseRequest) => {
  parentPort!.postMessage({ batch: request.batch, parsed: request.texts.map(parsePostmortem) });
});
