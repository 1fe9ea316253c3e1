import 'reflect-metadata';
import { Command } from 'commander';
import { registerTokenCommands } from './auth/token.command';
import { registerDatabaseCommands } from './database/database.commands';
import { registerJiraCommands } from './jira/jira.command';
import { registerReviewCommand } from './reviews/review.command';
import { registerSchemaCommand } from './graphql/schema.command';
import { registerOwnershipCommand } from './ownership/ownership.command';
import { registerParseCommand } from './parser/parse.command';
import { registerImportCommand } from './postmortems/import.command';

/** The command line. Each command loads only what it needs, so `--help` and `parse` stay fast. */
const program = new Command()
  .name('followthrough')
  .description('Followthrough: postmortem measures as owned, due-dated tasks.\nRun through npm: npm run -s cli -- <command> [options]')
  .showHelpAfterError();

registerParseCommand(program);
registerImportCommand(program);
registerOwnershipCommand(program);
registerJiraCommands(program);
registerReviewCommand(program);
registerTokenCommands(program);
registerDatabaseCommands(program);
registerSchemaCommand(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
