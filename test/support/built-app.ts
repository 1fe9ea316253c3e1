import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The built service as separate processes (dist/src/main.js, worker.js, cli.js): for the specs that send
 * signals, which an in-process app cannot receive on its own.
 */
export const PROJECT_ROOT = resolve(__dirname, '..', '..');
const BUILD_INPUTS = ['src', 'migrations', 'bench', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];
const STAMP = join(PROJECT_ROOT, 'dist', '.built-for-tests');
const LOCK = join(tmpdir(), `followthrough-build-${createHash('sha256').update(PROJECT_ROOT).digest('hex').slice(0, 12)}.lock`);

/** Runs `npm run build` unless dist/ is newer than every source; jest's parallel workers build one at a time. */
export async function ensureBuilt(): Promise<void> {
  await withLock(async () => {
    if (existsSync(join(PROJECT_ROOT, 'dist', 'src', 'main.js')) && existsSync(STAMP) && statSync(STAMP).mtimeMs >= newestInput()) return;
    const result = await run('npm', ['run', '-s', 'build'], process.env);
    if (result.code !== 0) throw new Error(`npm run build failed:\n${result.stdout}${result.stderr}`);
    writeFileSync(STAMP, `${new Date().toISOString()}\n`);
  });
}

function newestInput(): number {
  const newest = (path: string): number => {
    const stats = statSync(path, { throwIfNoEntry: false });
    if (!stats) return 0;
    if (!stats.isDirectory()) return stats.mtimeMs;
    return Math.max(stats.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
  };
  return Math.max(...BUILD_INPUTS.map((input) => newest(join(PROJECT_ROOT, input))));
}

async function withLock(work: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock left by a killed run would otherwise block every later one.
      if (Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 120_000) rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`Timed out waiting for the build lock ${LOCK}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    await work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Only what the service needs: nothing from the developer's shell (a JIRA_* or DATABASE_URL there) leaks in. */
export function serviceEnv(settings: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, LOG_LEVEL: 'warn', ...settings };
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<RunResult> {
  return new Promise((done) => {
    execFile(command, args, { cwd: PROJECT_ROOT, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

export function runCli(args: string[], settings: Record<string, string>): Promise<RunResult> {
  return run(process.execPath, [join(PROJECT_ROOT, 'dist', 'src', 'cli.js'), ...args], serviceEnv(settings));
}

export interface Spawned {
  child: ChildProcess;
  /** stdout and stderr so far, for assertions and failure messages. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILLs it if it still runs: for afterAll, so a failed test leaves no process behind. */
  kill(): Promise<void>;
}

export function spawnEntry(entry: 'main' | 'worker' | 'cli', args: string[], settings: Record<string, string>): Spawned {
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'dist', 'src', `${entry}.js`), ...args], { cwd: PROJECT_ROOT, env: serviceEnv(settings), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => void (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => void (output += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('exit', (code, signal) => done({ code, signal })));
  return {
    child,
    output: () => output,
    exited,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as { port: number };
  await new Promise<void>((closed) => server.close(() => closed()));
  return port;
}

/** Polls until `check` returns a value other than undefined; fails with `what` after the timeout. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000, intervalMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * An admin API token made with the CLI against this database, for the Authorization header; null while the
 * CLI has no token command (before authentication existed, requests needed none).
 */
export async function createAdminToken(settings: Record<string, string>): Promise<string | null> {
  if (!existsSync(join(PROJECT_ROOT, 'dist', 'src', 'auth', 'token.command.js'))) return null;
  const created = await runCli(['token', 'create', '--name', 'crash-safety-tests', '--role', 'admin'], settings);
  if (created.code !== 0) throw new Error(`token create failed (${created.code}):\n${created.stdout}${created.stderr}`);
  return created.stdout.trim();
}

export function authHeaders(token: string | null): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}
