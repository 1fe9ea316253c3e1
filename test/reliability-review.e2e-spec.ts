import { Command } from 'commander';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OwnershipService } from '../src/ownership/ownership.service';
import { registerReviewCommand } from '../src/reviews/review.command';
import { createIncident } from './support/factories';
import { importExamples, SHARED_SEEDS } from './support/jira-sync';
import { startTestApp, type TestApp } from './support/test-app';

// The five example postmortems (three payment-gateway memory leaks, two shopping-cart ones) imported on
// Wednesday 2025-06-04, with the example ownership map: 22 items, all due dates in the past but a few.
const IMPORTED_AT = new Date('2025-06-04T12:00:00Z');
const REVIEW = `query($week: String, $team: ID) {
  reliabilityReview(week: $week, team: $team) {
    week startsOn endsOn asOf team { name }
    incidents { title severity rootCause }
    created { id } completed { title } newlyOverdue { title daysOverdue } dueNextWeek { title dueOn }
    totals { open overdue aging { label count } }
    completion { windowWeeks closed closedOnTime onTimeRate medianDaysToClose p90DaysToClose }
    trend { week opened completed openOverdue }
    recurringRootCauses { label incidentCount openItems { id } }
    brokenPromises { code item { id title } reason evidence { incidentTitle on } }
    scorecards { teamName open overdue createdThisWeek completedThisWeek onTimeRate brokenPromises }
    markdown
  }
}`;

interface ReviewData {
  week: string;
  totals: { open: number; overdue: number; aging: { label: string; count: number }[] };
  created: { id: string }[];
  completed: { title: string }[];
  newlyOverdue: { title: string; daysOverdue: number }[];
  dueNextWeek: { title: string; dueOn: string }[];
  trend: { week: string; opened: number; completed: number; openOverdue: number }[];
  recurringRootCauses: { label: string; incidentCount: number; openItems: { id: string }[] }[];
  brokenPromises: { code: string; item: { id: string; title: string } }[];
  scorecards: Record<string, unknown>[];
  markdown: string;
  [key: string]: unknown;
}

describe('the weekly reliability review', () => {
  let t: TestApp;
  const review = async (week?: string, team?: string) => (await t.gqlData<{ reliabilityReview: ReviewData }>(REVIEW, { week, team })).reliabilityReview;

  beforeEach(async () => {
    t = await startTestApp({ now: IMPORTED_AT });
    await t.app.get(OwnershipService).applyFile(join(__dirname, '..', 'examples', 'ownership.yaml'));
    await importExamples(t);
  });
  afterEach(() => t.close());

  it('gives the numbers of the week the examples were imported, exactly', async () => {
    await createIncident(t, { title: 'Checkout latency spike', startedAt: '2025-06-03T09:30:00Z', severity: 'SEV3' });
    const r = await review('2025-W23');
    expect({ week: r.week, startsOn: r.startsOn, endsOn: r.endsOn, asOf: r.asOf }).toEqual({ week: '2025-W23', startsOn: '2025-06-02', endsOn: '2025-06-08', asOf: IMPORTED_AT.toISOString() });
    // The examples' incidents started in 2024-2025; only the one created here started this week.
    expect(r.incidents).toEqual([{ title: 'Checkout latency spike', severity: 'SEV3', rootCause: null }]);
    expect({ created: r.created.length, completed: r.completed, newlyOverdue: r.newlyOverdue, dueNextWeek: r.dueNextWeek }).toEqual({
      created: 22,
      completed: [{ title: 'Share one compiled rule set across all carts instead of caching a copy per cart' }],
      newlyOverdue: [],
      dueNextWeek: [],
    });
    expect(r.totals).toEqual({
      open: 21,
      overdue: 16,
      aging: [
        { label: '0–7 days', count: 0 },
        { label: '8–30 days', count: 0 },
        { label: '31–90 days', count: 0 },
        { label: '> 90 days', count: 16 },
      ],
    });
    expect(r.completion).toEqual({ windowWeeks: 12, closed: 1, closedOnTime: 0, onTimeRate: 0, medianDaysToClose: 0, p90DaysToClose: 0 });
    expect(r.trend).toHaveLength(12);
    expect(r.trend.slice(-2)).toEqual([
      { week: '2025-W22', opened: 0, completed: 0, openOverdue: 0 },
      { week: '2025-W23', opened: 22, completed: 1, openOverdue: 16 },
    ]);
    expect(r.recurringRootCauses.map((cause) => ({ label: cause.label, incidents: cause.incidentCount, open: cause.openItems.length }))).toEqual([
      { label: 'memory leak in payment-gateway', incidents: 3, open: 13 },
      { label: 'memory leak in shopping-cart', incidents: 2, open: 8 },
    ]);
    // Items were recorded at import, after all five incidents: promises repeated, none open during a recurrence yet.
    expect(r.brokenPromises.map((promise) => promise.code)).toEqual(Array(11).fill('PROMISED_AGAIN'));
    expect(r.scorecards).toEqual([
      { teamName: 'payments-team', open: 13, overdue: 8, createdThisWeek: 13, completedThisWeek: 0, onTimeRate: null, brokenPromises: 5 },
      { teamName: 'cart-team', open: 7, overdue: 7, createdThisWeek: 8, completedThisWeek: 1, onTimeRate: 0, brokenPromises: 5 },
      { teamName: 'platform-team', open: 1, overdue: 1, createdThisWeek: 1, completedThisWeek: 0, onTimeRate: null, brokenPromises: 1 },
    ]);
    expect(r.markdown).toContain('# Reliability review 2025-W23');
    expect(r.markdown).toContain('| memory leak in payment-gateway | 3 |');
    expect(r.markdown).toContain('**21** open · **16** overdue · **1** completed this week');
  });

  it('shows the promises broken over time when each postmortem is imported a few days after its incident', async () => {
    const fresh = await startTestApp({ now: new Date('2024-01-01T00:00:00Z') });
    try {
      await fresh.app.get(OwnershipService).applyFile(join(__dirname, '..', 'examples', 'ownership.yaml'));
      for (const [name, written] of [
        ['2024-03-payment-gateway-leak.md', '2024-03-15'],
        ['2024-06-shopping-cart-leak.md', '2024-06-21'],
        ['2024-09-payment-gateway-api-leak.md', '2024-09-09'],
        ['2025-01-cart-service-leak.md', '2025-01-11'],
        ['2025-05-payment-processing-leak.md', '2025-05-23'],
      ]) {
        fresh.clock.set(new Date(`${written}T12:00:00Z`));
        await fresh.gqlData(`mutation($input: ImportPostmortemInput!) { importPostmortem(input: $input) { outcome } }`, {
          input: { text: readFileSync(join(__dirname, '..', 'examples', name), 'utf8'), sourceUri: name },
        });
      }
      fresh.clock.set(IMPORTED_AT);
      const r = (await fresh.gqlData<{ reliabilityReview: ReviewData }>(REVIEW, { week: '2025-W23' })).reliabilityReview;
      const codes = r.brokenPromises.map((promise) => promise.code);
      expect({ promisedAgain: codes.filter((c) => c === 'PROMISED_AGAIN').length, recurredWhileOpen: codes.filter((c) => c === 'RECURRED_WHILE_OPEN').length }).toEqual({ promisedAgain: 11, recurredWhileOpen: 12 });
      expect(r.scorecards.map((card) => [card.teamName, card.open, card.overdue, card.brokenPromises])).toEqual([
        ['payments-team', 13, 8, 11],
        ['cart-team', 7, 7, 5],
        ['platform-team', 1, 1, 1],
      ]);
      // Nothing was imported in the twelve weeks but the last postmortem (week 21).
      expect(r.trend.map((week) => week.opened)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0]);
    } finally {
      await fresh.close();
    }
  });

  (existsSync(SHARED_SEEDS) ? it : it.skip)('gives exact numbers for the five ../shared seed postmortems too', async () => {
    const seeded = await startTestApp({ now: IMPORTED_AT });
    try {
      expect(readdirSync(SHARED_SEEDS).length).toBeGreaterThanOrEqual(5);
      await importExamples(seeded, SHARED_SEEDS);
      const r = (await seeded.gqlData<{ reliabilityReview: ReviewData }>(REVIEW, { week: '2025-W23' })).reliabilityReview;
      expect({ created: r.created.length, totals: r.totals }).toEqual({
        created: 29,
        totals: { open: 29, overdue: 21, aging: [{ label: '0–7 days', count: 0 }, { label: '8–30 days', count: 0 }, { label: '31–90 days', count: 0 }, { label: '> 90 days', count: 21 }] },
      });
      expect(r.recurringRootCauses.map((cause) => [cause.label, cause.incidentCount, cause.openItems.length])).toEqual([
        ['memory leak in payment processing service', 3, 21],
        ['memory leak in shopping cart service', 2, 8],
      ]);
      expect(r.brokenPromises.map((promise) => promise.code)).toEqual(Array(13).fill('PROMISED_AGAIN'));
      expect(r.scorecards).toEqual([{ teamName: '(no team)', open: 29, overdue: 21, createdThisWeek: 29, completedThisWeek: 0, onTimeRate: null, brokenPromises: 13 }]);
    } finally {
      await seeded.close();
    }
  });

  it('keeps a past week the same when items are completed and rescheduled later', async () => {
    t.clock.set(new Date('2025-06-16T10:00:00Z'));
    const before = await review('2025-W24');
    expect({ open: before.totals.open, overdue: before.totals.overdue, due: before.dueNextWeek.length }).toEqual({ open: 21, overdue: 17, due: 4 });

    const [first, second, third] = before.dueNextWeek;
    const ids = (await t.gqlData<{ actionItems: { nodes: { id: string; title: string; version: number }[] } }>(`{ actionItems(first: 100) { nodes { id title version } } }`)).actionItems.nodes;
    const idOf = (title: string) => ids.find((item) => item.title === title)!;
    for (const item of [first, second]) await t.gqlData(`mutation($id: ID!) { transitionActionItem(id: $id, to: DONE) { id } }`, { id: idOf(item.title).id });
    await t.gqlData(`mutation($input: UpdateActionItemInput!) { updateActionItem(input: $input) { id } }`, { input: { id: idOf(third.title).id, version: idOf(third.title).version, dueOn: '2025-12-01' } });

    expect(await review('2025-W24')).toEqual(before);
    const now = await review('2025-W25');
    expect({ completed: now.completed.length, open: now.totals.open }).toEqual({ completed: 2, open: 19 });
  });

  it('narrows everything to one team', async () => {
    const [cart] = (await t.gqlData<{ owners: { nodes: { id: string; name: string }[] } }>(`{ owners(first: 100) { nodes { id name } } }`)).owners.nodes.filter((owner) => owner.name === 'cart-team');
    const r = await review('2025-W23', cart.id);
    expect({ team: r.team, open: r.totals.open, overdue: r.totals.overdue, teams: r.scorecards.map((card) => card.teamName) }).toEqual({ team: { name: 'cart-team' }, open: 7, overdue: 7, teams: ['cart-team'] });
    expect(r.recurringRootCauses.map((cause) => cause.label)).toEqual(['memory leak in shopping-cart']);
  });

  it('refuses a week that is not one, or has not started, with BAD_USER_INPUT', async () => {
    for (const week of ['2025-W99', '2025-W30']) {
      const response = await t.gql(REVIEW, { week });
      expect(response.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    }
    expect((await t.gql(REVIEW, { week: 'June' })).errors?.[0].message).toContain('2024-W25');
  });

  it('is the same through the CLI, as markdown or JSON, to a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'review-'));
    const saved = { ...process.env };
    // The CLI reads its configuration from the environment, like a user's shell; it runs in-process here.
    Object.assign(process.env, t.databaseEnv, { LOG_LEVEL: 'error' });
    const printed: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => printed.push(String(chunk)) > 0);
    const quiet = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const cli = async (...args: string[]) => {
      const program = new Command().exitOverride();
      registerReviewCommand(program);
      await program.parseAsync(['node', 'followthrough', 'review', ...args]);
    };
    // The CLI runs on the real clock, for which 2025-W23 is long over: so is it for the API after this.
    t.clock.set(new Date('2025-06-10T12:00:00Z'));
    try {
      await cli('--week', '2025-W23', '--out', join(dir, 'review.md'));
      expect(readFileSync(join(dir, 'review.md'), 'utf8')).toBe((await review('2025-W23')).markdown);
      await cli('--week', '2025-W23', '--team', 'cart-team', '--format', 'json');
      const json = JSON.parse(printed.join('')) as { team: { name: string }; totals: { open: number; overdue: number } };
      expect({ team: json.team.name, totals: { open: json.totals.open, overdue: json.totals.overdue } }).toEqual({ team: 'cart-team', totals: { open: 7, overdue: 7 } });
      await expect(cli('--week', '2025-W23', '--format', 'html')).rejects.toThrow('--format must be markdown or json, not "html".');
    } finally {
      write.mockRestore();
      quiet.mockRestore();
      process.env = saved;
    }
  });
});
