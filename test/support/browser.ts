import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';

/**
 * The browser for the browser tests, driven by playwright-core (which downloads no browser of its own): Debian's
 * chromium when it is installed, otherwise the Chromium that `npm install` brought in @sparticuz/chromium.
 */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/**
 * Headless on an ordinary Linux machine, as root (so no sandbox), talking to nobody but the page's server. Not
 * @sparticuz/chromium's `args`: those are for AWS Lambda (--single-process, --no-zygote, --disable-web-security…).
 */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface ChromiumChoice {
  /** What runs, for messages: `/usr/bin/chromium` or `@sparticuz/chromium 153.0.0`. */
  name: string;
  executablePath: string;
  /** Environment for the browser (fonts for the bundled one), or undefined for this process's. */
  env?: Record<string, string | undefined>;
}

/** Launches headless Chromium (see chooseChromium) with CHROMIUM_ARGS. */
export async function launchChromium(): Promise<Browser> {
  const choice = await chooseChromium();
  return chromium.launch({ executablePath: choice.executablePath, args: CHROMIUM_ARGS, env: choice.env, headless: true });
}

/** /usr/bin/chromium when it can be run, otherwise @sparticuz/chromium's, unpacked once per version (see bundledChromium). */
export async function chooseChromium(): Promise<ChromiumChoice> {
  if (isExecutable(SYSTEM_CHROMIUM)) return { name: SYSTEM_CHROMIUM, executablePath: SYSTEM_CHROMIUM };
  return bundledChromium();
}

/**
 * @sparticuz/chromium ships Chromium brotli-compressed in the npm package (no install script, no download);
 * `chromium.executablePath()` inflates it into os.tmpdir() and returns the binary. Its own check is only "does
 * $TMPDIR/chromium exist", so two jest workers (or two runs) inflating at once could each see the other's half
 * written binary. Instead each caller inflates into a directory of its own (a child process with TMPDIR pointing
 * there; the package is ESM, which jest's CommonJS runtime does not load) and renames it into place: the rename
 * is atomic, the first one wins, the others delete their copy. The directory is kept for later runs, one per
 * version and user, in os.tmpdir(): about 210 MB, 2 s to inflate.
 */
export async function bundledChromium(): Promise<ChromiumChoice> {
  const entry = require.resolve('@sparticuz/chromium');
  const { version } = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string };
  const name = `@sparticuz/chromium ${version}`;
  const home = join(tmpdir(), `followthrough-chromium-${version}-${userInfo().uid}`);
  const executablePath = join(home, 'chromium');
  const fontsConf = join(home, 'fonts.conf');
  const ready = () => existsSync(fontsConf) && isExecutable(executablePath);
  if (!ready()) {
    const staging = mkdtempSync(`${home}.partial-`);
    try {
      const script = 'const { default: chromium } = await import(process.argv[1]); process.stdout.write(await chromium.executablePath());';
      const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script, pathToFileURL(entry).href], { env: { ...process.env, TMPDIR: staging } });
      if (stdout !== join(staging, 'chromium')) throw new Error(`it unpacked the browser to ${stdout}, not into ${staging}`);
      // The system's fonts when it has any, and the package's Open Sans, so that text shows on a machine without fonts.
      writeFileSync(
        join(staging, 'fonts.conf'),
        `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n  <dir>${join(home, 'fonts', 'fonts')}</dir>\n  <cachedir>${join(home, 'fonts-cache')}</cachedir>\n</fontconfig>\n`,
      );
      if (!moveInto(staging, home) && !ready()) {
        // Neither ours nor another worker's copy is in place: what is there was left half-deleted (a tmp cleaner).
        rmSync(home, { recursive: true, force: true });
        if (!moveInto(staging, home) && !ready()) throw new Error(`could not move it into ${home}`);
      }
    } catch (error) {
      throw new Error(`Could not unpack ${name} (and there is no ${SYSTEM_CHROMIUM}): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    } finally {
      // Gone when ours was moved into place; another worker's copy won otherwise.
      rmSync(staging, { recursive: true, force: true });
    }
  }
  return { name, executablePath, env: { ...process.env, FONTCONFIG_FILE: fontsConf } };
}

/** Renames a directory, unless the target exists (rename is atomic: one of several callers wins). */
function moveInto(from: string, to: string): boolean {
  try {
    renameSync(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOTEMPTY' || (error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
