import type { Command } from 'commander';
import { withCliContext } from '../cli-context';
import type { ApiTokenEntity } from './api-token.entity';
import { ApiTokensService } from './api-tokens.service';
import { isRole, ROLES } from './role';

/** Whoever runs the CLI can reach the database, so the CLI needs no token of its own: it is how the first one is made. */
const CLI_ACTOR = 'cli';

export function registerTokenCommands(program: Command): void {
  const token = program.command('token').description('API tokens: create (the secret is printed once), list, revoke.');

  token
    .command('create')
    .description('Create a token and print its secret on stdout (only this once).')
    .requiredOption('--name <name>', 'who or what uses it, e.g. grafana or alice-laptop')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .action((options: { name: string; role: string }) => {
      if (!isRole(options.role)) throw new Error(`--role must be one of ${ROLES.join(', ')} (got "${options.role}").`);
      const role = options.role;
      return withCliContext(async (context) => {
        const { token: created, secret } = await context.get(ApiTokensService).create(options.name, role, CLI_ACTOR);
        // The secret alone on stdout, so `export FT_TOKEN=$(… token create …)` works; the rest goes to stderr.
        process.stdout.write(`${secret}\n`);
        process.stderr.write(`Created ${created.role} token "${created.name}" (${created.id}). Keep the secret now: it is stored only as a hash.\n`);
      });
    });

  token
    .command('list')
    .description('List tokens: name, role, created, last used (to the minute), revoked.')
    .option('--all', 'include revoked tokens')
    .action((options: { all?: boolean }) =>
      withCliContext(async (context) => {
        const tokens = await context.get(ApiTokensService).list(Boolean(options.all));
        process.stdout.write(tokens.length ? formatTable(tokens) : 'No tokens yet. Create one: npm run -s cli -- token create --name NAME --role admin\n');
      }),
    );

  token
    .command('revoke')
    .description('Revoke a token by id or by name; requests with it are refused from then on.')
    .argument('<id-or-name>')
    .action((idOrName: string) =>
      withCliContext(async (context) => {
        const revoked = await context.get(ApiTokensService).revoke(idOrName);
        process.stdout.write(`Revoked "${revoked.name}" (${revoked.id}) at ${revoked.revokedAt?.toISOString()}.\n`);
      }),
    );
}

function formatTable(tokens: ApiTokenEntity[]): string {
  const rows = [
    ['ID', 'NAME', 'ROLE', 'HINT', 'CREATED', 'LAST USED', 'REVOKED'],
    ...tokens.map((t) => [t.id, t.name, t.role, `${t.secretHint}…`, iso(t.createdAt), iso(t.lastUsedAt), iso(t.revokedAt)]),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()).join('\n') + '\n';
}

function iso(date: Date | null): string {
  return date ? date.toISOString().slice(0, 16).replace('T', ' ') : '-';
}
