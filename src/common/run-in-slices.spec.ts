import { runInSlices } from './run-in-slices';

/** A computation of `steps` steps of 1 ms each; counts the steps it has taken and whether it was closed. */
function spinner(steps: number) {
  const state = { taken: 0, closed: false };
  function* run(): Generator<void, number, void> {
    try {
      for (let step = 0; step < steps; step++) {
        const until = performance.now() + 1;
        while (performance.now() < until);
        state.taken++;
        yield;
      }
      return state.taken;
    } finally {
      state.closed = true;
    }
  }
  return { state, run };
}

describe('runInSlices', () => {
  it('runs the steps to the end and returns the result, giving the event loop a turn every slice', async () => {
    const { run } = spinner(200);
    let turns = 0;
    const ticker = setInterval(() => turns++, 1);
    try {
      expect(await runInSlices(run(), undefined, 20)).toBe(200);
    } finally {
      clearInterval(ticker);
    }
    // 200 ms of steps in 20 ms slices: about ten turns (a loaded machine may merge some).
    expect(turns).toBeGreaterThanOrEqual(3);
  });

  it('takes no step once the signal has aborted: it closes the computation and rejects with the reason', async () => {
    const { state, run } = spinner(10_000);
    const controller = new AbortController();
    let takenAtAbort = -1;
    setTimeout(() => {
      takenAtAbort = state.taken;
      controller.abort(new Error('client gone'));
    }, 50);
    await expect(runInSlices(run(), controller.signal, 10)).rejects.toThrow('client gone');
    expect(state).toEqual({ taken: takenAtAbort, closed: true });
    expect(takenAtAbort).toBeLessThan(10_000);
  });
});
