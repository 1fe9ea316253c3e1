import { existsSync, readFileSync } from 'node:fs';

const THREAD_STAT = '/proc/thread-self/stat';
const onLinux = existsSync(THREAD_STAT);
// /proc counts in clock ticks (USER_HZ), which Linux fixes at 100 a second for user space.
const MS_PER_TICK = 10;

/**
 * CPU time used by the calling thread so far, in ms, for timing synchronous work (the parser) on a shared machine.
 *
 * Not wall time: other processes' turns on the cores do not count. Not process.cpuUsage() either, which counts
 * every thread of the process: V8's collector threads (about as much as the parse itself on a 1 MB document, and
 * more as a Jest worker's heap grows over the files it runs) and any worker thread left running in the same
 * Jest worker. That read 1,581 ms for a parse that costs ~200 ms alone. The thread's own time is what the code
 * ran, and the collections it waited for. 10 ms resolution on Linux; elsewhere the whole process's time.
 */
export function threadCpuMs(): number {
  if (!onLinux) {
    const used = process.cpuUsage();
    return (used.user + used.system) / 1000;
  }
  const stat = readFileSync(THREAD_STAT, 'utf8');
  // Fields after "pid (comm) ": state is the first, utime the 12th, stime the 13th (fields 14 and 15 of proc(5)).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
}
