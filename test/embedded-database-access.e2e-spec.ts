import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { hashTokenSecret, secretHint } from '../src/auth/token-secret';
import { loadEnv } from '../src/config/env';
import { openDatabase } from '../src/database/database';
import { ensureBuilt, freePort, PROJECT_ROOT, runCli, spawnEntry, waitFor, type Spawned } from './support/built-app';

/**
 * Issue 22, findings 4 and 11, on the built service (dist/): the embedded database of a running server is its
 * owner's alone (a Unix socket in a 0700 folder, nothing on TCP, files without group or other bits, a 0600 lock
 * file), the CLI beside the server still uses it, and a second server or worker on the same DATA_DIR refuses
 * to start instead of silently using the first one's database.
 */
const AS_ROOT = process.getuid?.() === 0;
const NOBODY = 65534;
/**
 * Whether this Node and the project's pg can run as `nobody`: not when either sits in a folder only root may enter
 * (a Node from npx under /root/.npm, a checkout under /root). Then the attack cannot be played, and says so.
 */
const NOBODY_CAN_ATTACK = ((): boolean => {
  if (!AS_ROOT) return false;
  const pg = join(PROJECT_ROOT, 'node_modules', 'pg');
  const probe = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(pg)})`], { uid: NOBODY, gid: NOBODY, cwd: '/', env: { PATH: process.env.PATH }, timeout: 30_000 });
  if (probe.status !== 0) console.warn(`embedded-database-access: the attack as another user is skipped, as nobody cannot run ${process.execPath} with ${pg}.`);
  return probe.status === 0;
})();
const HAS_PROC = existsSync('/proc/net/tcp');

/** Paths under `root` (itself included) whose mode has group or other bits, with the mode. */
function openToOthers(root: string): string[] {
  const found: string[] = [];
  const visit = (path: string) => {
    const stats = lstatSync(path);
    if (stats.isSymbolicLink()) return;
    if (stats.mode & 0o077) found.push(`${path.slice(root.length) || '/'} ${(stats.mode & 0o777).toString(8)}`);
    if (stats.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  visit(root);
  return found;
}

/** What an older version, a copy or a careless hand leaves: every folder 0777 and file 0666 under `root`. */
function openUpEverything(root: string): void {
  const visit = (path: string) => {
    const stats = lstatSync(path);
    if (stats.isSymbolicLink() || stats.isSocket()) return;
    chmodSync(path, stats.isDirectory() ? 0o777 : 0o666);
    if (stats.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  visit(root);
}

/** The TCP ports process `pid` listens on (Linux: its socket inodes matched against /proc/net/tcp{,6}). */
function listeningTcpPorts(pid: number): number[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match) inodes.add(match[1]);
    } catch {
      // closed meanwhile
    }
  }
  const ports = new Set<number>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(table)) continue;
    for (const line of readFileSync(table, 'utf8').trim().split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields[3] === '0A' && inodes.has(fields[9])) ports.add(parseInt(fields[1].split(':')[1], 16));
    }
  }
  return [...ports].sort((a, b) => a - b);
}

/**
 * Another local user's attempt, the one that worked before: read the lock file for the database's address and
 * insert an admin token through it, then through every TCP port the server listens on and every socket file
 * under the data folder. Runs as `nobody`; prints what each attempt got.
 */
const ATTACK = `
const { readFileSync } = require('node:fs');
const { Client } = require(${JSON.stringify(join(PROJECT_ROOT, 'node_modules', 'pg'))});
const [lockFile, tcpPorts, sockets, secretHash, hint] = JSON.parse(process.argv[1]);
(async () => {
  const report = { lock: 'read', attempts: [] };
  const targets = [];
  try {
    const lock = JSON.parse(readFileSync(lockFile, 'utf8'));
    if (lock.url) targets.push({ what: 'lock url', config: { connectionString: lock.url } });
    if (lock.socketDir) targets.push({ what: 'lock socket', config: { host: lock.socketDir, port: lock.port, user: 'postgres', database: 'postgres' } });
  } catch (error) {
    report.lock = error.code || String(error);
  }
  for (const port of tcpPorts) targets.push({ what: 'tcp ' + port, config: { host: '127.0.0.1', port, user: 'postgres', database: 'postgres' } });
  for (const socket of sockets) targets.push({ what: 'socket ' + socket.dir, config: { host: socket.dir, port: socket.port, user: 'postgres', database: 'postgres' } });
  for (const { what, config } of targets) {
    const client = new Client({ ...config, connectionTimeoutMillis: 3000, query_timeout: 3000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query("INSERT INTO api_token (name, role, secret_hash, secret_hint, created_by) VALUES ('intruder', 'admin', $1, $2, 'intruder')", [secretHash, hint]);
      report.attempts.push(what + ': inserted');
    } catch (error) {
      report.attempts.push(what + ': ' + (error.code || error.message));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  console.log(JSON.stringify(report));
})();
`;

function attackAsNobody(lockFile: string, tcpPorts: number[], sockets: { dir: string; port: number }[]): { lock: string; attempts: string[] } {
  const secret = 'ft_intruderintruderintruderintruderintruder000';
  const run = spawnSync(process.execPath, ['-e', ATTACK, JSON.stringify([lockFile, tcpPorts, sockets, hashTokenSecret(secret), secretHint(secret)])], {
    uid: NOBODY,
    gid: NOBODY,
    cwd: '/',
    env: { PATH: process.env.PATH },
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (run.status !== 0) throw new Error(`the attack script failed (${run.status}): ${run.stdout}${run.stderr}`);
  return JSON.parse(run.stdout) as { lock: string; attempts: string[] };
}

/** Socket files (`.s.PGSQL.<port>`) under `root`, as pg's host (their folder) and port. */
function socketsUnder(root: string): { dir: string; port: number }[] {
  const found: { dir: string; port: number }[] = [];
  const visit = (path: string) => {
    const stats = lstatSync(path);
    if (stats.isSocket()) {
      const match = /\.s\.PGSQL\.(\d+)$/.exec(path);
      if (match) found.push({ dir: path.slice(0, path.lastIndexOf('/')), port: Number(match[1]) });
    }
    if (stats.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  visit(root);
  return found;
}

async function graphql(port: number, token: string, query: string): Promise<{ data?: unknown; errors?: { extensions?: { code?: string } }[] }> {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
}

const healthy = (port: number) => () =>
  fetch(`http://127.0.0.1:${port}/health`)
    .then((response) => (response.ok ? true : undefined))
    .catch(() => undefined);

/** Resolves with the exit, or with 'still running' after `ms`. */
function exitWithin(spawned: Spawned, ms: number): Promise<{ code: number | null; signal: NodeJS.Signals | null } | 'still running'> {
  return Promise.race([spawned.exited, new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), ms).unref())]);
}

describe('the embedded database of a running server (issue 22, findings 4 and 11)', () => {
  let parent: string;
  let dataDir: string;
  let lockFile: string;
  const processes: Spawned[] = [];
  let server: Spawned;
  let port: number;
  let adminToken: string;

  async function startServer(): Promise<Spawned> {
    port = await freePort();
    const spawned = spawnEntry('main', [], { DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' });
    processes.push(spawned);
    await waitFor(`the server on ${port} (output so far: ${spawned.output()})`, healthy(port), 90_000, 200);
    return spawned;
  }

  beforeAll(async () => {
    await ensureBuilt();
    // The parent is 0755 like a home or project folder, and DATA_DIR does not exist yet: the server makes it.
    parent = mkdtempSync(join(tmpdir(), 'ft-access-'));
    chmodSync(parent, 0o755);
    dataDir = join(parent, 'data');
    lockFile = join(dataDir, 'followthrough.pid');
    // Files that were open to everyone before the server first started there.
    mkdirSync(join(dataDir, 'exports'), { recursive: true });
    writeFileSync(join(dataDir, 'server.log'), 'an operator redirected the log here\n', { mode: 0o666 });
    writeFileSync(join(dataDir, 'exports', 'review.md'), '# Weekly review\n', { mode: 0o666 });
    openUpEverything(dataDir);
    server = await startServer();
  }, 240_000);
  afterAll(async () => {
    for (const spawned of processes) await spawned.kill();
    if (parent) rmSync(parent, { recursive: true, force: true });
  });

  it('keeps the data folder 0700 and every file in it without group or other bits (PGlite writes 0666)', () => {
    expect((statSync(dataDir).mode & 0o777).toString(8)).toBe('700');
    expect(openToOthers(dataDir)).toEqual([]);
  });

  it('publishes no TCP address: the lock file is 0600 and names a socket in a 0700 folder', () => {
    expect((statSync(lockFile).mode & 0o777).toString(8)).toBe('600');
    const lock = JSON.parse(readFileSync(lockFile, 'utf8')) as { pid: number; url?: string; socketDir?: string; port?: number };
    expect(lock).toEqual({ pid: server.child.pid, socketDir: expect.any(String), port: expect.any(Number) });
    expect(JSON.stringify(lock)).not.toMatch(/127\.0\.0\.1|localhost|tcp/i);
    expect((statSync(lock.socketDir!).mode & 0o777).toString(8)).toBe('700');
    expect(lstatSync(join(lock.socketDir!, `.s.PGSQL.${lock.port}`)).isSocket()).toBe(true);
  });

  (HAS_PROC ? it : it.skip)('listens on TCP on its HTTP port only: the database is on no port', () => {
    expect(listeningTcpPorts(server.child.pid!)).toEqual([port]);
  });

  it('lets the CLI beside it use its database (token create), and the server honours that token', async () => {
    const created = await runCli(['token', 'create', '--name', 'beside-the-server', '--role', 'admin'], { DATA_DIR: dataDir });
    expect({ code: created.code, stderr: created.code === 0 ? '' : created.stderr }).toEqual({ code: 0, stderr: '' });
    adminToken = created.stdout.trim();
    expect(await graphql(port, adminToken, '{ owners { totalCount } }')).toEqual({ data: { owners: { totalCount: 0 } } });
  }, 60_000);

  (NOBODY_CAN_ATTACK ? it : it.skip)('refuses another local user: no lock file to read, no socket to connect to, no admin token minted', async () => {
    const report = attackAsNobody(lockFile, HAS_PROC ? listeningTcpPorts(server.child.pid!).filter((p) => p !== port) : [], socketsUnder(dataDir));
    const intruder = await graphql(port, 'ft_intruderintruderintruderintruderintruder000', '{ owners { totalCount } }');
    expect({ ...report, intruderToken: intruder.errors?.map((error) => error.extensions?.code) ?? intruder.data }).toEqual({
      lock: 'EACCES',
      attempts: report.attempts.filter((attempt) => !attempt.endsWith(': inserted')),
      intruderToken: ['UNAUTHENTICATED'],
    });
    expect(report.attempts.length).toBeGreaterThan(0);
  }, 60_000);

  it('refuses a second server and a worker on the same DATA_DIR, naming the pid and what to do; the first keeps serving', async () => {
    const pid = server.child.pid!;
    const second = spawnEntry('main', [], { DATA_DIR: dataDir, PORT: String(await freePort()), HOST: '127.0.0.1' });
    const worker = spawnEntry('worker', [], { DATA_DIR: dataDir });
    processes.push(second, worker);
    const [secondExit, workerExit] = await Promise.all([exitWithin(second, 45_000), exitWithin(worker, 45_000)]);
    // The output itself is shown only when it lacks the holder's pid or the advice.
    const outcome = (exit: Awaited<ReturnType<typeof exitWithin>>, spawned: Spawned) => ({
      code: exit === 'still running' ? exit : exit.code,
      output: spawned.output().includes(`in use by process ${pid}`) && /Stop process \d+ first.*DATA_DIR.*DATABASE_URL/s.test(spawned.output()) ? 'names the holder and what to do' : spawned.output(),
    });
    const expected = { code: 1, output: 'names the holder and what to do' };
    expect({ second: outcome(secondExit, second), worker: outcome(workerExit, worker) }).toEqual({ second: expected, worker: expected });
    expect(await graphql(port, adminToken, '{ owners { totalCount } }')).toEqual({ data: { owners: { totalCount: 0 } } });
  }, 120_000);

  it('closes files that were opened up while it was stopped, at its next start, and keeps the data', async () => {
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(existsSync(lockFile)).toBe(false);
    openUpEverything(dataDir);
    chmodSync(dataDir, 0o755);
    expect(openToOthers(dataDir).length).toBeGreaterThan(900);

    server = await startServer();
    expect((statSync(dataDir).mode & 0o777).toString(8)).toBe('700');
    expect(openToOthers(dataDir)).toEqual([]);
    expect(await graphql(port, adminToken, '{ owners { totalCount } }')).toEqual({ data: { owners: { totalCount: 0 } } });
  }, 180_000);
});

describe('a DATA_DIR too deep for a socket path (107 bytes)', () => {
  let parent: string;
  let dataDir: string;
  let stale: string | undefined;
  beforeAll(async () => {
    await ensureBuilt();
    parent = mkdtempSync(join(tmpdir(), 'ft-deep-'));
    dataDir = join(parent, 'a-data-folder-nested-deep-enough'.repeat(3), 'that-its-socket-path-would-not-fit');
  }, 240_000);
  afterAll(() => {
    for (const folder of [parent, stale]) if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('serves on a private 0700 folder in the temporary directory, named in the lock file; the CLI uses it; a stale one is removed', async () => {
    expect(Buffer.byteLength(join(dataDir, '.s.PGSQL.5432'))).toBeGreaterThan(107);
    // A holder killed with SIGKILL left its lock and its temporary socket folder behind.
    mkdirSync(dataDir, { recursive: true });
    stale = mkdtempSync(join(tmpdir(), 'ft-pg-'));
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((exited) => dead.on('exit', exited));
    writeFileSync(join(dataDir, 'followthrough.pid'), JSON.stringify({ pid: dead.pid, socketDir: stale, port: 5432 }));

    // This Jest worker holds the folder, as a server would; the CLI is another process.
    const database = await openDatabase(loadEnv({ DATA_DIR: dataDir, RUN_MIGRATIONS: 'true' }), pino({ level: 'silent' }));
    let socketDir: string;
    try {
      expect(existsSync(stale)).toBe(false);
      const lock = JSON.parse(readFileSync(join(dataDir, 'followthrough.pid'), 'utf8')) as { pid: number; socketDir: string; port: number };
      socketDir = lock.socketDir;
      expect(lock).toEqual({ pid: process.pid, socketDir: expect.stringMatching(new RegExp(`^${tmpdir()}/ft-pg-`)), port: 5432 });
      expect((statSync(socketDir).mode & 0o777).toString(8)).toBe('700');
      const created = await runCli(['token', 'create', '--name', 'deep', '--role', 'viewer'], { DATA_DIR: dataDir });
      expect({ code: created.code, stderr: created.code === 0 ? '' : created.stderr }).toEqual({ code: 0, stderr: '' });
      expect(await database.dataSource.query(`SELECT name, role FROM api_token`)).toEqual([{ name: 'deep', role: 'viewer' }]);
    } finally {
      await database.close();
    }
    expect([existsSync(socketDir), existsSync(join(dataDir, 'followthrough.pid'))]).toEqual([false, false]);
  }, 120_000);
});
