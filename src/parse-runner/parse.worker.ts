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
// Warmed up before it says it is ready: the first parse loads and compiles the parser's code paths, which would
// otherwise count against the first real document's PARSE_TIMEOUT_MS.
parsePostmortem('# Warm-up\n\nStarted: 2024-01-01 10:00 UTC\n\n## Root cause\n\nA memory leak in the cart.\n\n## Action items\n\n- [ ] Add heap alerts (owner: @ops) due 2024-02-01\n| Action | Owner |\n| --- | --- |\n| Load test | @qa |\n');
parentPort?.postMessage({ ready: true });
