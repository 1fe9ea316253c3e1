import { chmodSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * A PGlite database served on a Unix socket, so the ordinary `pg` driver and TypeORM can use it. The socket
 * server has no authentication (whoever connects is the superuser), so the socket lives in a folder only its
 * owner can enter (0700): DATA_DIR itself, or a private folder in the temporary directory when DATA_DIR is too
 * deep for a socket path. Nothing listens on TCP.
 */
export interface EmbeddedPostgres {
  /** A `pg` connection string: the socket's folder (percent-encoded) is its host. */
  url: string;
  /** The socket file (`<folder>/.s.PGSQL.<port>`), or `host:port` with `loopbackTcp`. */
  socket: string;
  location: string;
  stop(): Promise<void>;
}

export class EmbeddedDatabaseBusyError extends Error {}

export interface EmbeddedPostgresOptions {
  /** The folder (created 0700, and everything in it made private at start), or `memory://`. */
  dataDir: string;
  /** The number in the socket's name, `.s.PGSQL.<port>` (what `psql -p` means with a socket folder); 0 is 5432. */
  port: number;
  maxConnections: number;
  /**
   * When another live process holds the folder: true (the default) uses its database through the socket it
   * published, as the CLI beside a running server does; false refuses (EmbeddedDatabaseBusyError), as servers
   * and workers must: they would silently depend on the other process and stay down once it stopped.
   */
  shareRunning?: boolean;
  /**
   * Serve on a free loopback TCP port instead, open to every local user: only for a throw-away `memory://`
   * database that a test reaches through a TCP proxy.
   */
  loopbackTcp?: boolean;
}

const MEMORY = 'memory://';
const LOCK_FILE = 'followthrough.pid';
/** A temporary socket folder's name starts with this, in os.tmpdir(). */
const TEMPORARY_SOCKET_PREFIX = 'ft-pg-';
/** sun_path holds 108 bytes on Linux, 104 on macOS and the BSDs, with the closing NUL. */
const SOCKET_PATH_MAX = process.platform === 'linux' ? 107 : 103;

/** Folders this process holds (PGlite is single-process: opening one twice would corrupt it). */
const held = new Set<string>();

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const inMemory = options.dataDir.startsWith(MEMORY);
  if (options.loopbackTcp && !inMemory) throw new Error('loopbackTcp serves a memory:// database only: a data folder is served on its private socket.');
  const dataDir = inMemory ? null : resolve(options.dataDir);
  const location = dataDir ? join(dataDir, 'pglite') : MEMORY;
  const port = options.port || 5432;
  const lock = dataDir ? acquireLock(dataDir, options.shareRunning ?? true) : null;
  if (lock?.runningAt) {
    // Another process (a running server) has this folder open: use its database through its socket.
    const { socketDir, port: runningPort } = lock.runningAt;
    return { url: socketUrl(socketDir, runningPort), socket: join(socketDir, socketName(runningPort)), location, stop: () => Promise.resolve() };
  }
  const cleanups: (() => void | Promise<void>)[] = [() => lock?.release()];
  // In reverse: the socket server, PGlite, the umask, the lock. One that fails does not stop the others.
  const cleanUp = async () => {
    const failures: unknown[] = [];
    for (const cleanup of cleanups.splice(0).reverse()) await Promise.resolve().then(cleanup).catch((error: unknown) => void failures.push(error));
    if (failures.length > 0) throw failures[0] instanceof Error ? failures[0] : new Error(String(failures[0]));
  };
  try {
    if (dataDir) {
      // PGlite writes its files 0666 and its folders by the umask: a private umask for as long as it runs, and
      // the modes of what is already there (an earlier version's, a copy's) closed now and once PGlite has
      // unpacked a new cluster (whose files it writes 0666 whatever the umask).
      cleanups.push(holdPrivateUmask());
      closeToOthers(dataDir);
    }
    // PGlite ships as ES modules only; the dynamic import keeps them out of the PostgreSQL path.
    const { PGlite } = await import('@electric-sql/pglite');
    const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
    const db = await PGlite.create(inMemory ? undefined : location);
    cleanups.push(() => db.close());
    if (dataDir) closeToOthers(dataDir);

    if (options.loopbackTcp) {
      const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: options.maxConnections });
      await server.start();
      cleanups.push(() => server.stop());
      return { url: `postgres://postgres@${server.getServerConn()}/postgres`, socket: server.getServerConn(), location, stop: cleanUp };
    }

    const folder = socketFolder(dataDir, port);
    const socket = join(folder.dir, socketName(port));
    // A socket file left by a holder killed with SIGKILL: the folder is ours now (we hold the lock).
    rmSync(socket, { force: true });
    cleanups.push(() => rmSync(folder.temporary ? folder.dir : socket, { recursive: true, force: true }));
    const server = new PGLiteSocketServer({ db, path: socket, maxConnections: options.maxConnections });
    await server.start();
    cleanups.push(() => server.stop());
    chmodSync(socket, 0o600);
    lock?.publish({ socketDir: folder.dir, port });
    return { url: socketUrl(folder.dir, port), socket, location, stop: cleanUp };
  } catch (error) {
    await cleanUp().catch(() => undefined);
    throw error;
  }
}

const socketName = (port: number) => `.s.PGSQL.${port}`;

/** `pg` reads a host that starts with `/` as a socket folder; percent-encoded, it survives TypeORM's URL parsing. */
const socketUrl = (socketDir: string, port: number) => `postgres://postgres@${encodeURIComponent(socketDir)}:${port}/postgres`;

/**
 * DATA_DIR when its socket path fits in sun_path; otherwise a new folder of its own in the temporary directory
 * (mkdtemp makes it 0700, with a random name), removed when the database stops. A throw-away database always
 * gets one.
 */
function socketFolder(dataDir: string | null, port: number): { dir: string; temporary: boolean } {
  if (dataDir && Buffer.byteLength(join(dataDir, socketName(port))) <= SOCKET_PATH_MAX) return { dir: dataDir, temporary: false };
  const dir = mkdtempSync(join(tmpdir(), TEMPORARY_SOCKET_PREFIX));
  if (Buffer.byteLength(join(dir, socketName(port))) > SOCKET_PATH_MAX) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`The embedded database's socket path would be longer than ${SOCKET_PATH_MAX} bytes in ${dataDir ?? 'memory'} and in ${tmpdir()}: set TMPDIR to a shorter folder.`);
  }
  return { dir, temporary: true };
}

let privateUmask: { holders: number; previous: number } | null = null;

/** umask 077 while at least one embedded database of this process runs; the previous one back after the last. */
function holdPrivateUmask(): () => void {
  if (privateUmask) privateUmask.holders += 1;
  else privateUmask = { holders: 1, previous: process.umask(0o077) };
  let released = false;
  return () => {
    if (released || !privateUmask) return;
    released = true;
    privateUmask.holders -= 1;
    if (privateUmask.holders === 0) {
      process.umask(privateUmask.previous);
      privateUmask = null;
    }
  };
}

/** Takes group and other bits off `root` and everything under it (0700 folders); symbolic links are left alone. */
function closeToOthers(root: string): void {
  const visit = (path: string) => {
    const stats = lstatSync(path, { throwIfNoEntry: false });
    if (!stats || stats.isSymbolicLink()) return;
    if (stats.mode & 0o077) chmodSync(path, stats.mode & 0o700);
    if (stats.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  visit(root);
  chmodSync(root, 0o700);
}

interface Holder {
  pid: number;
  /** Where it serves the database, once it does. */
  socket: { socketDir: string; port: number } | null;
}

interface Lock {
  /** The socket of the live process that holds the folder, when this one shares it. */
  runningAt: { socketDir: string; port: number } | null;
  publish(socket: { socketDir: string; port: number }): void;
  release(): void;
}

/**
 * PGlite is single-process: a second process opening the same folder would corrupt it. The holder writes its
 * pid and socket in the folder (0600), so another process of the same user (the CLI beside a running server)
 * can share it; a holder that died leaves a lock the next one replaces.
 */
function acquireLock(dataDir: string, shareRunning: boolean): Lock {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lockFile = join(dataDir, LOCK_FILE);
  if (held.has(dataDir)) throw new EmbeddedDatabaseBusyError(`The embedded database in ${dataDir} is already open in this process (${process.pid}).`);
  for (let attempt = 1; ; attempt++) {
    const holder = readLockHolder(lockFile);
    // A holder with our pid is a previous life of this pid (a container restarted): it is gone.
    if (holder && holder.pid !== process.pid && isAlive(holder.pid)) {
      if (shareRunning && holder.socket) return { runningAt: holder.socket, publish: () => undefined, release: () => undefined };
      throw new EmbeddedDatabaseBusyError(busyMessage(dataDir, lockFile, holder.pid, shareRunning));
    }
    if (holder?.socket) removeTemporarySocketFolder(holder.socket.socketDir);
    if (holder || attempt > 1) rmSync(lockFile, { force: true });
    // Created whole or not at all: a process starting at the same moment finds either no lock or ours.
    const temporary = `${lockFile}.${process.pid}`;
    rmSync(temporary, { force: true });
    writeFileSync(temporary, JSON.stringify({ pid: process.pid }), { mode: 0o600 });
    try {
      linkSync(temporary, lockFile);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw error;
    } finally {
      rmSync(temporary, { force: true });
    }
  }
  held.add(dataDir);
  return {
    runningAt: null,
    publish: (socket) => {
      const temporary = `${lockFile}.${process.pid}`;
      writeFileSync(temporary, JSON.stringify({ pid: process.pid, ...socket }), { mode: 0o600 });
      renameSync(temporary, lockFile);
    },
    release: () => {
      rmSync(lockFile, { force: true });
      held.delete(dataDir);
    },
  };
}

function busyMessage(dataDir: string, lockFile: string, pid: number, shareRunning: boolean): string {
  const why = shareRunning
    ? `, which does not serve it to other processes (yet): try again once it has started, or stop process ${pid} first`
    : `: a server or worker cannot share an embedded database (CLI commands can). Stop process ${pid} first, or give this one its own DATA_DIR`;
  return (
    `The embedded database in ${dataDir} is in use by process ${pid}${why}, or set DATABASE_URL to use a PostgreSQL server, ` +
    `which several servers and workers can share. If process ${pid} is not Followthrough, delete ${lockFile}.`
  );
}

/** A dead holder's socket folder in the temporary directory (never anything else the lock file might name). */
function removeTemporarySocketFolder(socketDir: string): void {
  if (dirname(socketDir) !== tmpdir() || !basename(socketDir).startsWith(TEMPORARY_SOCKET_PREFIX)) return;
  const stats = lstatSync(socketDir, { throwIfNoEntry: false });
  if (stats?.isDirectory() && stats.uid === process.getuid?.()) rmSync(socketDir, { recursive: true, force: true });
}

function readLockHolder(lockFile: string): Holder | undefined {
  try {
    const content = readFileSync(lockFile, 'utf8').trim();
    const parsed = (content.startsWith('{') ? JSON.parse(content) : { pid: Number(content) }) as { pid?: unknown; socketDir?: unknown; port?: unknown };
    const pid = Number(parsed.pid);
    if (!Number.isInteger(pid) || pid <= 0) return undefined;
    const socket = typeof parsed.socketDir === 'string' && Number.isInteger(parsed.port) ? { socketDir: parsed.socketDir, port: parsed.port as number } : null;
    return { pid, socket };
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
