/**
 * The server under soak when the soak starts its own: a fresh database (a new PostgreSQL database, dropped
 * afterwards, or a temporary embedded one), an admin token made with the CLI, and `node dist/src/main.js` on
 * a free port, as it runs in production. Its output goes to a log file, so the soak's console stays readable.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';

export interface ScratchDatabase {
  /** What the server and the CLI get: DATABASE_URL, or DATA_DIR for the embedded database. */
  env: Record<string, string>;
  description: string;
  drop(): Promise<void>;
}

/** A new database on the PostgreSQL server of `url`, named followthrough_soak_*; dropped by `drop`. */
export async function createPostgresDatabase(url: string): Promise<ScratchDatabase> {
  const name = `followthrough_soak_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await withClient(url, (client) => client.query(`CREATE DATABASE ${name}`));
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: target.toString() },
    description: `PostgreSQL database ${name} on ${target.host}`,
    // FORCE: a server that was killed may leave connections the database still counts for a moment.
    drop: () => withClient(url, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

export function embeddedDatabase(dataDir: string): ScratchDatabase {
  return { env: { DATA_DIR: dataDir }, description: `embedded PGlite in ${dataDir}`, drop: () => Promise.resolve() };
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('Could not find a free port.');
  return address.port;
}

/** Runs `node dist/src/cli.js token create`: the secret is the only line on its stdout. */
export function createToken(root: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [join(root, 'dist/src/cli.js'), 'token', 'create', '--name', 'soak', '--role', 'admin'], { cwd: root, env, timeout: 120_000 }, (error, stdout, stderr) => {
      const token = stdout.trim();
      if (error || !token || token.includes('\n')) reject(new Error(`token create failed: ${error?.message ?? ''}\n${stderr}`));
      else resolve(token);
    });
  });
}

export interface RunningServer {
  url: string;
  pid: number;
  child: ChildProcess;
  /** How it ended (exit code or signal) if it has, else null. */
  exited(): number | string | null;
  /** Stops it with SIGTERM (its shutdown hooks close the database), SIGKILL after 15 s. */
  stop(): Promise<void>;
}

export async function startServer(root: string, env: NodeJS.ProcessEnv, nodeFlags: string[], port: number, logFile: string): Promise<RunningServer> {
  const log = openSync(logFile, 'a');
  // Its own process group, so Ctrl-C on the soak does not stop the server mid-run: the soak stops it after summarising.
  const child = spawn(process.execPath, [...nodeFlags, join(root, 'dist/src/main.js')], { cwd: root, env, stdio: ['ignore', log, log], detached: true });
  closeSync(log);
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  // An object, not a `let`: TypeScript does not see the callback's assignment and would narrow a `let` to null.
  const state: { exited: number | string | null } = { exited: null };
  const exit = new Promise<void>((resolve) => child.once('exit', (code, signal) => ((state.exited = code ?? signal ?? 'unknown'), resolve())));
  const url = `http://127.0.0.1:${port}`;
  const deadline = performance.now() + 120_000;
  while (true) {
    if (state.exited !== null) throw new Error(`The server exited (${state.exited}) before it answered /health. Its log (${logFile}):\n${tail(logFile)}`);
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The server did not answer /health within 120 s. Its log (${logFile}):\n${tail(logFile)}`);
    }
    const healthy = await fetch(`${url}/health`).then((response) => response.ok, () => false);
    if (healthy) break;
    await sleep(250);
  }
  return {
    url,
    pid: child.pid as number,
    child,
    exited: () => state.exited,
    async stop() {
      if (state.exited !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exit;
      clearTimeout(killer);
      process.off('exit', killOnExit);
    },
  };
}

export function tail(file: string, lines = 30): string {
  if (!existsSync(file)) return '(no log)';
  return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
}
