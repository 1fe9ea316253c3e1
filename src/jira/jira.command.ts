import type { Command } from 'commander';
import { withCliContext } from '../cli-context';
import { JiraReconcileService } from './jira-reconcile.service';
import { JiraSyncStateService } from './jira-sync-state.service';
import { JiraSyncWorker } from './jira-sync.worker';

export function registerJiraCommands(program: Command): void {
  const jira = program.command('jira').description('Jira sync: status, a push of what is due, a reconcile search.');

  jira
    .command('status')
    .description('Whether sync is configured, and how many items are pending, synced, failed or deleted.')
    .action(() =>
      withCliContext(async (context) => {
        const status = await context.get(JiraSyncStateService).status();
        if (!status.enabled) {
          process.stdout.write('Jira sync is off: set JIRA_BASE_URL, JIRA_PROJECT_KEY and credentials (see the README).\n');
          return;
        }
        process.stdout.write(
          `Jira: ${status.baseUrl}\npending ${status.pending}, synced ${status.synced}, failed ${status.failed}, deleted ${status.deleted}, with warnings ${status.warnings}\n` +
            `last reconcile: ${status.lastReconciledAt?.toISOString() ?? 'never'}${status.lastReconcileOutcome ? ` (${status.lastReconcileOutcome})` : ''}\n`,
        );
      }),
    );

  jira
    .command('sync')
    .description('Push every item whose sync is due now, then exit (the worker does this continuously).')
    .action(() =>
      withCliContext(async (context) => {
        const worker = requireEnabled(context.get(JiraSyncWorker));
        const pushed = await worker.runDue();
        const status = await context.get(JiraSyncStateService).status();
        process.stdout.write(`Pushed ${pushed} item(s); now pending ${status.pending}, synced ${status.synced}, failed ${status.failed}.\n`);
        if (status.failed > 0) process.exitCode = 1;
      }),
    );

  jira
    .command('reconcile')
    .description('Search Jira for issues changed since the last run and apply what webhooks missed.')
    .action(() =>
      withCliContext(async (context) => {
        const worker = requireEnabled(context.get(JiraSyncWorker));
        const report = await context.get(JiraReconcileService).reconcile(worker.id, (progress) => {
          process.stderr.write(`  page ${progress.pages}: ${progress.examined} issue(s) read\n`);
        });
        if (!report.ran) {
          process.stdout.write('Another worker is reconciling right now; nothing done.\n');
          return;
        }
        const outcomes = Object.entries(report.outcomes).map(([outcome, count]) => `${outcome} ${count}`).join(', ');
        process.stdout.write(`Searched: ${report.jql}\nRead ${report.examined} issue(s) in ${report.pages} page(s): ${outcomes}.\n`);
      }),
    );
}

function requireEnabled(worker: JiraSyncWorker): JiraSyncWorker {
  if (!worker.enabled) throw new Error('Jira sync is off: set JIRA_BASE_URL, JIRA_PROJECT_KEY and credentials (see the README).');
  return worker;
}
