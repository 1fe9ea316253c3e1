import type { Worker } from 'node:worker_threads';

/** What a pool worker posts: that it has loaded, or the outcome of one task. */
export type WorkerMessage<Out> = { ready: true } | { id: number; output: Out } | { id: number; error: string };

export interface WorkerPoolOptions {
  /** Starts one worker; it posts `{ ready: true }` once loaded, then answers each `{ id, input }`. */
  start: () => Worker;
  size: number;
  /** Time a task may run once a worker has it; past it the worker is terminated and the task fails with `timedOut()`. */
  timeoutMs: number;
  /** Tasks that may wait for a worker; more fail at once with `busy()`. */
  maxWaiting: number;
  timedOut: (timeoutMs: number) => Error;
  busy: (waiting: number) => Error;
}

interface Task<In, Out> {
  input: In;
  signal?: AbortSignal;
  resolve: (output: Out) => void;
  reject: (error: unknown) => void;
}

interface Slot<In, Out> {
  worker: Worker;
  ready: boolean;
  task: (Task<In, Out> & { id: number; timer: NodeJS.Timeout; onAbort: () => void }) | null;
}

/**
 * A few worker threads for CPU-bound tasks, so that one big task never holds the event loop. A task that runs
 * past the time limit, or whose signal aborts (its client has gone), has its worker terminated: JavaScript cannot be
 * interrupted otherwise. Workers start on first use, are replaced when terminated, and keep the process alive only
 * while they work.
 */
export class WorkerPool<In, Out> {
  private readonly slots: Slot<In, Out>[] = [];
  private readonly waiting: Task<In, Out>[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: WorkerPoolOptions) {}

  run(input: In, signal?: AbortSignal): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      if (this.closed) return reject(new Error('The worker pool is closed.'));
      if (signal?.aborted) return reject(signal.reason as Error);
      if (this.waiting.length >= this.options.maxWaiting) return reject(this.options.busy(this.waiting.length));
      const task: Task<In, Out> = { input, signal, resolve, reject };
      this.waiting.push(task);
      signal?.addEventListener('abort', () => this.dropWaiting(task), { once: true });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.waiting.splice(0)) task.reject(new Error('The worker pool is closed.'));
    // A copy: stop() takes each slot out of this.slots itself, and does nothing for one already gone.
    await Promise.all([...this.slots].map((slot) => this.stop(slot, new Error('The worker pool is closed.'))));
  }

  private dispatch(): void {
    while (this.waiting.length > 0) {
      const idle = this.slots.find((slot) => slot.ready && !slot.task);
      if (!idle) {
        if (this.slots.length < this.options.size) this.slots.push(this.startSlot());
        return;
      }
      this.assign(idle, this.waiting.shift()!);
    }
  }

  private assign(slot: Slot<In, Out>, task: Task<In, Out>): void {
    const id = this.nextId++;
    const timer = setTimeout(() => void this.stop(slot, this.options.timedOut(this.options.timeoutMs)), this.options.timeoutMs);
    const onAbort = () => void this.stop(slot, task.signal?.reason);
    slot.task = { ...task, id, timer, onAbort };
    task.signal?.addEventListener('abort', onAbort, { once: true });
    // Busy, the worker keeps the process alive (a CLI import waits for it); idle, it does not.
    slot.worker.ref();
    slot.worker.postMessage({ id, input: task.input });
  }

  private startSlot(): Slot<In, Out> {
    const slot: Slot<In, Out> = { worker: this.options.start(), ready: false, task: null };
    slot.worker.on('message', (message: WorkerMessage<Out>) => {
      if ('ready' in message) {
        slot.ready = true;
        this.dispatch();
        if (!slot.task) slot.worker.unref();
        return;
      }
      const task = slot.task;
      if (!task || task.id !== message.id) return;
      this.finish(slot);
      if ('error' in message) task.reject(new Error(message.error));
      else task.resolve(message.output);
      this.dispatch();
    });
    // A crash (an uncaught error, the worker's memory limit) fails its task; the next task gets a new worker.
    slot.worker.on('error', (error) => void this.stop(slot, error));
    slot.worker.on('exit', () => void this.stop(slot, new Error('The worker stopped unexpectedly.')));
    return slot;
  }

  private finish(slot: Slot<In, Out>): void {
    if (!slot.task) return;
    clearTimeout(slot.task.timer);
    slot.task.signal?.removeEventListener('abort', slot.task.onAbort);
    slot.task = null;
    slot.worker.unref();
  }

  /** Terminates a worker, failing its task (if any) with `reason`, and starts another for whoever waits. */
  private async stop(slot: Slot<In, Out>, reason: unknown): Promise<void> {
    const index = this.slots.indexOf(slot);
    if (index === -1) return;
    this.slots.splice(index, 1);
    const task = slot.task;
    this.finish(slot);
    task?.reject(reason);
    // A worker that failed to load would fail again: the waiting tasks fail with it rather than start another.
    if (!slot.ready) for (const waiting of this.waiting.splice(0)) waiting.reject(reason);
    // Otherwise they go on with a new worker at once, without waiting for this one to wind down.
    else if (!this.closed) this.dispatch();
    await slot.worker.terminate();
  }

  private dropWaiting(task: Task<In, Out>): void {
    const index = this.waiting.indexOf(task);
    if (index === -1) return;
    this.waiting.splice(index, 1);
    task.reject(task.signal?.reason);
  }
}
