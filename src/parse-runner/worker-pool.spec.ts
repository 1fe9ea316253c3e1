import { Worker } from 'node:worker_threads';
import { WorkerPool, type WorkerPoolOptions } from './worker-pool';

// A stand-in for the parser: spins for `input` ms, then answers twice the input; 'throw' is answered with an error.
const SPINNER = `
  const { parentPort } = require('node:worker_threads');
  parentPort.on('message', ({ id, input }) => {
    if (input === 'throw') return parentPort.postMessage({ id, error: 'cannot read this' });
    const until = Date.now() + input;
    while (Date.now() < until);
    parentPort.postMessage({ id, output: input * 2 });
  });
  parentPort.postMessage({ ready: true });`;

describe('WorkerPool', () => {
  let started: number;
  let pool: WorkerPool<number | string, number>;
  const create = (options: Partial<WorkerPoolOptions> = {}) => {
    started = 0;
    pool = new WorkerPool({
      start: () => {
        started++;
        return new Worker(SPINNER, { eval: true });
      },
      size: 1,
      timeoutMs: 1_000,
      maxWaiting: 2,
      timedOut: (ms) => new Error(`over ${ms} ms`),
      busy: (waiting) => new Error(`${waiting} waiting`),
      ...options,
    });
    return pool;
  };
  afterEach(() => pool.close());

  it('runs tasks one after another on the worker it started for the first, and keeps it', async () => {
    create();
    expect(await Promise.all([pool.run(1), pool.run(2)])).toEqual([2, 4]);
    expect(await pool.run(3)).toEqual(6);
    expect(started).toBe(1);
  });

  it('terminates a task past the time limit, without waiting for it, and runs the next on a new worker', async () => {
    create({ timeoutMs: 200 });
    const started_ = performance.now();
    await expect(pool.run(60_000)).rejects.toThrow('over 200 ms');
    expect(performance.now() - started_).toBeLessThan(5_000);
    expect(await pool.run(1)).toBe(2);
    expect(started).toBe(2);
  });

  it('stops a running task whose signal aborts (its worker is terminated), and drops a waiting one unrun', async () => {
    create();
    expect(await pool.run(1)).toBe(2); // the worker has loaded: the next task goes to it at once
    const running = new AbortController();
    const waiting = new AbortController();
    const first = pool.run(60_000, running.signal);
    const second = pool.run(1, waiting.signal);
    waiting.abort(new Error('client gone while waiting'));
    await expect(second).rejects.toThrow('client gone while waiting');
    running.abort(new Error('client gone'));
    await expect(first).rejects.toThrow('client gone');
    expect(await pool.run(1)).toBe(2);
    expect(started).toBe(2);
    await expect(pool.run(1, AbortSignal.abort(new Error('gone before')))).rejects.toThrow('gone before');
  });

  it('refuses a task when maxWaiting tasks already wait', async () => {
    create({ maxWaiting: 1 });
    const first = pool.run(300); // taken by the worker once it has loaded: until then it waits
    await expect(pool.run(1)).rejects.toThrow('1 waiting');
    expect(await first).toBe(600);
  });

  it('answers a task the worker could not do with its error, and keeps the worker', async () => {
    create();
    await expect(pool.run('throw')).rejects.toThrow('cannot read this');
    expect(await pool.run(1)).toBe(2);
    expect(started).toBe(1);
  });

  it('fails what waits when a worker cannot load, rather than starting one after another', async () => {
    create({ start: () => (started++, new Worker('throw new Error("no parser here")', { eval: true })) });
    await expect(Promise.all([pool.run(1), pool.run(2)])).rejects.toThrow('no parser here');
    expect(started).toBe(1);
  });

  it('on close, fails what waits and runs nothing more', async () => {
    create();
    // Checked before closing: the task is failed as the pool closes, and an unwatched rejection fails the spec.
    const waiting = expect(pool.run(1)).rejects.toThrow('The worker pool is closed.');
    await pool.close();
    await waiting;
    await expect(pool.run(1)).rejects.toThrow('The worker pool is closed.');
  });

  it('on close, ends its workers, so nothing keeps the process alive', async () => {
    const exited: number[] = [];
    create({
      start: () => {
        started++;
        const worker = new Worker(SPINNER, { eval: true });
        worker.on('exit', (code) => exited.push(code));
        return worker;
      },
    });
    expect(await pool.run(1)).toBe(2);
    await pool.close();
    expect(exited).toHaveLength(1);
  });
});
