import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { parsePostmortem } from './parse-postmortem';
import { formatParsedPostmortem } from './parsed-postmortem.format';

export function registerParseCommand(program: Command): void {
  program
    .command('parse')
    .argument('<file>', 'a postmortem (.md, .markdown or .txt)')
    .option('--json', 'print the parsed postmortem as one JSON object')
    .description('Parse a postmortem and print what was read from it; touches no database.')
    .action((file: string, options: { json?: boolean }) => {
      const parsed = parsePostmortem(readFileSync(file, 'utf8'));
      process.stdout.write(options.json ? `${JSON.stringify(parsed, null, 2)}\n` : formatParsedPostmortem(parsed));
    });
}
