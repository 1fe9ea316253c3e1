import type { Command } from 'commander';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { extname, join, relative, resolve } from 'node:path';
import { Env } from '../config/env';
import { withCliContext } from '../cli-context';
import { OwnershipService } from '../ownership/ownership.service';
import { decodeDocument, DocumentProblem } from './document-check';
import { ImportOutcome } from './import-outcome';
import { ImportProgress } from './import-progress';
import { PostmortemImportService } from './postmortem-import.service';

const DOCUMENT_EXTENSIONS = new Set(['.md', '.markdown', '.txt']);

export interface FileOutcome {
  file: string;
  result: 'imported' | 'revised' | 'unchanged' | 'failed';
  items: number;
  detail: string;
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .argument('<paths...>', 'postmortem files, or folders searched recursively for .md, .markdown and .txt files')
    .option('--ownership <file>', 'apply this ownership map (YAML) before importing')
    .option('--actor <name>', 'who is importing, for the audit history', userInfo().username || 'cli')
    .description('Import postmortems into the configured database; continues past bad files and exits non-zero if any failed.')
    .action(async (paths: string[], options: { ownership?: string; actor: string }) => {
      const files = paths.flatMap((path) => collectFiles(resolve(path)));
      if (files.length === 0) throw new Error(`No .md, .markdown or .txt files in ${paths.join(', ')}.`);
      const outcomes = await withCliContext(async (context) => {
        if (options.ownership) await context.get(OwnershipService).applyFile(options.ownership);
        const imports = context.get(PostmortemImportService);
        const maxBytes = context.get(Env).IMPORT_MAX_BYTES;
        const progress = new ImportProgress(files.length);
        const results: FileOutcome[] = [];
        for (const file of files) {
          progress.start(relative(process.cwd(), file));
          results.push(await importFile(imports, file, maxBytes, options.actor));
          progress.done(results.at(-1)!.result);
        }
        progress.stop();
        return results;
      });
      process.stdout.write(formatSummary(outcomes));
      if (outcomes.some((outcome) => outcome.result === 'failed')) process.exitCode = 1;
    });
}

async function importFile(imports: PostmortemImportService, file: string, maxBytes: number, actor: string): Promise<FileOutcome> {
  const name = relative(process.cwd(), file);
  const decoded = decodeDocument(readFileSync(file), maxBytes);
  if (decoded instanceof DocumentProblem) return { file: name, result: 'failed', items: 0, detail: decoded.message };
  try {
    const result = await imports.import({ text: decoded.text, sourceUri: file }, actor);
    const kind = result.outcome === ImportOutcome.CREATED ? 'imported' : result.outcome === ImportOutcome.REVISED ? 'revised' : 'unchanged';
    const { created, updated, removed } = result.changes;
    const detail = kind === 'revised' ? `+${created} ~${updated} -${removed}: ${result.incident.title}` : result.incident.title;
    return { file: name, result: kind, items: result.actionItems.length, detail: result.warnings.length ? `${detail} (${result.warnings.length} warning(s))` : detail };
  } catch (error) {
    return { file: name, result: 'failed', items: 0, detail: (error as Error).message };
  }
}

function collectFiles(path: string): string[] {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats) throw new Error(`${path} does not exist.`);
  if (stats.isFile()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const child = join(path, entry.name);
      if (entry.isDirectory()) return collectFiles(child);
      return DOCUMENT_EXTENSIONS.has(extname(entry.name).toLowerCase()) ? [child] : [];
    });
}

function formatSummary(outcomes: FileOutcome[]): string {
  const width = Math.min(60, Math.max(4, ...outcomes.map((o) => o.file.length)));
  const rows = outcomes.map((o) => `${o.file.padEnd(width)}  ${o.result.padEnd(9)}  ${String(o.items).padStart(5)}  ${o.detail}`);
  const count = (result: FileOutcome['result']) => outcomes.filter((o) => o.result === result).length;
  return [
    `${'File'.padEnd(width)}  ${'Result'.padEnd(9)}  ${'Items'.padStart(5)}  Incident or reason`,
    ...rows,
    '',
    `${count('imported')} imported · ${count('revised')} revised · ${count('unchanged')} unchanged · ${count('failed')} failed`,
    '',
  ].join('\n');
}
