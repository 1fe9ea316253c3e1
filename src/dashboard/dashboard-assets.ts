import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';

export interface DashboardAsset {
  contentType: string;
  body: Buffer;
  etag: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/**
 * The dashboard's files, read once at start so a request never touches the disk and a missing file stops the
 * server at boot rather than answering 404 later. They sit next to this module: in src/ for tests and in
 * dist/src/ after `npm run build` (which copies them), so a built image needs nothing from src/.
 */
export class DashboardAssets {
  private readonly files = new Map<string, DashboardAsset>();

  constructor(folder: string = join(__dirname, 'assets')) {
    if (!existsSync(folder)) throw new Error(`Dashboard assets not found in ${folder}: run \`npm run build\`, which copies src/dashboard/assets there.`);
    for (const name of readdirSync(folder)) {
      const contentType = CONTENT_TYPES[extname(name)];
      if (!contentType) continue;
      const body = readFileSync(join(folder, name));
      this.files.set(name, { contentType, body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"` });
    }
    if (!this.files.has('index.html')) throw new Error(`Dashboard assets in ${folder} have no index.html.`);
  }

  /** Only names read at start are served: a request cannot reach any other path. */
  get(name: string): DashboardAsset | undefined {
    return this.files.get(name);
  }
}
