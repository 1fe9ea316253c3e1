import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** A PGlite database served on a loopback port, so the ordinary `pg` driver and TypeORM can use it. */
export interface EmbeddedPostgres {
  url: string;
  location: string;
  stop(): Promise<void>;
}

export class EmbeddedDatabaseBusyError extends Error {}

const MEMORY = 'memory://';

export async function startEmbeddedPostgres(options: { dataDir: string; port: number; maxConnections: number }): Promise<EmbeddedPostgres> {
  const inMemory = options.dataDir.startsWith(MEMORY);
  const location = inMemory ? MEMORY : resolve(options.dataDir, 'pglite');
  const lock = inMemory ? null : acquireLock(resolve(options.dataDir));
  if (lock?.runningAt) {
    // Another process (a running server) has this folder open: use its database through its socket.
    return { url: lock.runningAt, location, stop: () => Promise.resolve() };
  }
  const releaseLock = lock?.release ?? (() => undefined);
  try {
    // PGlite ships as ES modules only; the dynamic import keeps them out of the PostgreSQL path.
    const { PGlite } = await import('@electric-sql/pglite');
    const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
    const db = await PGlite.create(inMemory ? undefined : location);
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: options.port, maxConnections: options.maxConnections });
    await server.start();
    const url = `postgres://postgres@${server.getServerConn()}/postgres`;
    lock?.publish(url);
    return {
      url,
      location,
      async stop() {
        await server.stop();
        await db.close();
        releaseLock();
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

interface Lock {
  /** The socket URL of the live process that holds the folder, when there is one. */
  runningAt: string | null;
  publish(url: string): void;
  release(): void;
}

/**
 * PGlite is single-process: a second process opening the same folder would corrupt it. The holder writes its
 * pid and socket URL in the folder, so another process (the CLI beside a running server) can share it.
 */
function acquireLock(dataDir: string): Lock {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = join(dataDir, 'followthrough.pid');
  const holder = readLockHolder(lockFile);
  if (holder && holder.pid !== process.pid && isAlive(holder.pid)) {
    if (holder.url) return { runningAt: holder.url, publish: () => undefined, release: () => undefined };
    throw new EmbeddedDatabaseBusyError(
      `The embedded database in ${dataDir} is in use by process ${holder.pid}. Stop that process, or set DATABASE_URL to use a PostgreSQL server.`,
    );
  }
  writeFileSync(lockFile, JSON.stringify({ pid: process.pid }));
  return {
    runningAt: null,
    publish: (url) => writeFileSync(lockFile, JSON.stringify({ pid: process.pid, url })),
    release: () => rmSync(lockFile, { force: true }),
  };
}

function readLockHolder(lockFile: string): { pid: number; url: string | null } | undefined {
  try {
    const content = readFileSync(lockFile, 'utf8').trim();
    const parsed = (content.startsWith('{') ? JSON.parse(content) : { pid: Number(content) }) as { pid?: unknown; url?: unknown };
    const pid = Number(parsed.pid);
    return Number.isInteger(pid) && pid > 0 ? { pid, url: typeof parsed.url === 'string' ? parsed.url : null } : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
