/** A pool worker (see worker-pool.ts) that parses postmortems off the main thread. */
import { parentPort } from 'node:worker_threads';
import { parsePostmortem } from '../parser/parse-postmortem';

parentPort?.on('message', ({ id, input }: { id: number; input: string }) => {
  try {
    parentPort!.postMessage({ id, output: parsePostmortem(input) });
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
parentPort?.postMessage({ ready: true });
