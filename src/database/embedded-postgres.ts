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
  const releaseLock = inMemory ? () => undefined : acquireLock(resolve(options.dataDir));
  try {
    // PGlite ships as ES modules only; the dynamic import keeps them out of the PostgreSQL path.
    const { PGlite } = await import('@electric-sql/pglite');
    const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
    const db = await PGlite.create(inMemory ? undefined : location);
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: options.port, maxConnections: options.maxConnections });
    await server.start();
    return {
      url: `postgres://postgres@${server.getServerConn()}/postgres`,
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

/** PGlite is single-process: a second process opening the same folder would corrupt it. */
function acquireLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = join(dataDir, 'followthrough.pid');
  const holder = readLockHolder(lockFile);
  if (holder !== undefined && holder !== process.pid && isAlive(holder)) {
    throw new EmbeddedDatabaseBusyError(
      `The embedded database in ${dataDir} is in use by process ${holder}. Stop that process, or set DATABASE_URL to use a PostgreSQL server.`,
    );
  }
  writeFileSync(lockFile, String(process.pid));
  return () => rmSync(lockFile, { force: true });
}

function readLockHolder(lockFile: string): number | undefined {
  try {
    const pid = Number(readFileSync(lockFile, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
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
