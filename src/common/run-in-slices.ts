import { setImmediate as nextTurn } from 'node:timers/promises';

/** Longest the event loop is held between turns given to other work. */
export const SLICE_MS = 20;

/**
 * Runs a generator (a computation that yields between its steps) to its end without holding the event loop: after
 * every SLICE_MS of steps, other work gets a turn. Once `signal` aborts, no further step runs: the generator is
 * closed and the promise rejects with the signal's reason.
 */
export async function runInSlices<T>(steps: Generator<void, T, void>, signal?: AbortSignal, sliceMs = SLICE_MS): Promise<T> {
  try {
    let sliceStart = performance.now();
    for (;;) {
      signal?.throwIfAborted();
      const step = steps.next();
      if (step.done) return step.value;
      if (performance.now() - sliceStart >= sliceMs) {
        await nextTurn();
        sliceStart = performance.now();
      }
    }
  } finally {
    steps.return(undefined as T);
  }
}
