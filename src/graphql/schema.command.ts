import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { printApiSchema } from './schema-printer';

export function registerSchemaCommand(program: Command): void {
  program
    .command('schema')
    .description('Print the GraphQL schema (SDL) built from the code.')
    .option('--out <file>', 'write it to this file instead of standard output')
    .action(async (options: { out?: string }) => {
      const sdl = await printApiSchema();
      if (options.out) writeFileSync(options.out, sdl);
      else process.stdout.write(sdl);
    });
}
