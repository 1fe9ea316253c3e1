import { SingleBar } from 'cli-progress';

/** A progress bar on a terminal; one line per file otherwise (CI logs), always on stderr. */
export class ImportProgress {
  private readonly bar = process.stderr.isTTY ? new SingleBar({ format: 'Importing [{bar}] {value}/{total} {file}', stream: process.stderr, hideCursor: true }) : null;
  private current = '';
  private count = 0;

  constructor(private readonly total: number) {
    this.bar?.start(total, 0, { file: '' });
  }

  start(file: string): void {
    this.current = file;
    this.bar?.update(this.count, { file });
  }

  done(result: string): void {
    this.count++;
    if (this.bar) this.bar.update(this.count, { file: this.current });
    else process.stderr.write(`[${this.count}/${this.total}] ${this.current}: ${result}\n`);
  }

  stop(): void {
    this.bar?.stop();
  }
}
