import type { Command } from 'commander';
import { withCliContext } from '../cli-context';
import { OwnershipService } from './ownership.service';

export function registerOwnershipCommand(program: Command): void {
  program
    .command('ownership')
    .description('Manage the ownership map (services, aliases, owning teams).')
    .command('load')
    .argument('<file>', 'a YAML file: services: [{ name, aliases, team }]')
    .description('Add or update the services and teams in the file.')
    .action(async (file: string) => {
      const applied = await withCliContext((context) => context.get(OwnershipService).applyFile(file));
      console.log(`Loaded ${applied.services} services and ${applied.teams} teams from ${file}.`);
    });
}
