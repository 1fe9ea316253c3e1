import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { withCliContext } from '../cli-context';
import { ReviewsService } from './reviews.service';

export function registerReviewCommand(program: Command): void {
  program
    .command('review')
    .description('The weekly reliability review, as markdown (for Confluence or Slack) or JSON.')
    .option('--week <week>', 'ISO week, e.g. 2024-W25 (default: the current week)')
    .option('--team <name>', 'only what this team answers for (its name or id)')
    .option('--format <format>', 'markdown or json', 'markdown')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (options: { week?: string; team?: string; format: string; out?: string }) => {
      if (!['markdown', 'json'].includes(options.format)) throw new Error(`--format must be markdown or json, not "${options.format}".`);
      const text = await withCliContext(async (context) => {
        const reviews = context.get(ReviewsService);
        const team = options.team ? await reviews.team(options.team) : null;
        const review = await reviews.review(options.week, team?.id);
        return options.format === 'json' ? `${JSON.stringify(review, null, 2)}\n` : review.markdown;
      });
      if (options.out) {
        writeFileSync(options.out, text);
        process.stderr.write(`Wrote the review to ${options.out}\n`);
      } else {
        process.stdout.write(text);
      }
    });
}
