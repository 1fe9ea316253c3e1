import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { OwnershipService } from '../src/ownership/ownership.service';
import { startTestApp, type TestApp } from './support/test-app';

// The dashboard in a real browser: Debian's chromium driven by playwright-core (which downloads no browser).
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ARTIFACTS = join(__dirname, 'artifacts');
const EXAMPLES = join(__dirname, '..', 'examples');
// The five examples, each imported two days after its incident, so items are opened when they really were.
const IMPORTED_ON: [string, string][] = [
  ['2024-03-payment-gateway-leak.md', '2024-03-14'],
  ['2024-06-shopping-cart-leak.md', '2024-06-20'],
  ['2024-09-payment-gateway-api-leak.md', '2024-09-08'],
  ['2025-01-cart-service-leak.md', '2025-01-10'],
  ['2025-05-payment-processing-leak.md', '2025-05-22'],
];
// The review is of the running week, after the last incident (2025-05-20), with items due the week after.
const NOW = new Date('2025-06-11T12:00:00Z');
const WEEK = '2025-W24';

const IMPORT = `mutation($input: ImportPostmortemInput!) { importPostmortem(input: $input) { incident { id } } }`;
const OPEN_ITEMS = `{ actionItems(first: 100, filter: { status: [OPEN] }) { nodes { id title dueOn version incident { id startedAt } } } }`;
const CREATE = `mutation($input: CreateActionItemInput!) { createActionItem(input: $input) { id } }`;
// A title that would run script if the page ever put data into the DOM as markup.
const HOSTILE_TITLE = '<img src=x onerror="window.injected=1"> Rotate the <b>gateway</b> keys';
const COMPLETE = `mutation($id: ID!, $version: Int!) { transitionActionItem(id: $id, to: DONE, version: $version) { status } }`;

const ITEM = 'id title jiraKey jiraUrl';
const REVIEW = `query($week: String) {
  reliabilityReview(week: $week) {
    week created { id } completed { id } dueNextWeek { ${ITEM} }
    totals { open overdue } completion { onTimeRate }
    trend { week opened completed openOverdue }
    recurringRootCauses { label incidentCount openItems { id } }
    brokenPromises { code item { ${ITEM} } }
    scorecards { teamName overdue }
    markdown
  }
}`;

interface ReviewItem {
  id: string;
  title: string;
  jiraKey: string | null;
  jiraUrl: string | null;
}
interface Review {
  week: string;
  created: { id: string }[];
  completed: { id: string }[];
  dueNextWeek: ReviewItem[];
  totals: { open: number; overdue: number };
  completion: { onTimeRate: number | null };
  trend: { week: string; opened: number; completed: number; openOverdue: number }[];
  recurringRootCauses: { label: string; incidentCount: number; openItems: { id: string }[] }[];
  brokenPromises: { code: string; item: ReviewItem }[];
  scorecards: { teamName: string; overdue: number }[];
  markdown: string;
}

/** The page's width, or more when a card's content is wider than the card. */
const WIDEST = `Math.max(document.documentElement.scrollWidth, ...[...document.querySelectorAll('.card')].map((card) => window.innerWidth + card.scrollWidth - card.clientWidth))`;

describe('the dashboard in a real browser', () => {
  let t: TestApp;
  let context: BrowserContext;
  let profile: string;

  beforeAll(async () => {
    // Fail, not skip: a dashboard nobody tests in a browser breaks unnoticed.
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium; .ci/run installs it).`);
    profile = mkdtempSync(join(tmpdir(), 'followthrough-chromium-'));
    [t, context] = await Promise.all([
      startTestApp({ now: NOW, listen: true }),
      chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, viewport: { width: 1440, height: 900 } }),
    ]);
  });
  afterAll(async () => {
    await context?.close();
    await t?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  /** Opens a page and collects what goes wrong in it: console errors, uncaught exceptions, failed requests, requests to other hosts. */
  async function openDashboard(path: string): Promise<{ page: Page; problems: string[] }> {
    const page = await context.newPage();
    const problems: string[] = [];
    const origin = new URL(t.url!).origin;
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('request', (request) => {
      if (!request.url().startsWith('data:') && new URL(request.url()).origin !== origin) problems.push(`request to another host: ${request.url()}`);
    });
    page.on('requestfailed', (request) => problems.push(`failed: ${request.url()} (${request.failure()?.errorText})`));
    await page.goto(`${t.url}${path}`);
    await page.waitForSelector('main:not([data-state="loading"])');
    return { page, problems };
  }

  const texts = (page: Page, selector: string) => page.locator(selector).allTextContents();
  // Read through locators, not DOM callbacks: the tests compile without the DOM library.
  const each = async <T>(locator: Locator, read: (element: Locator) => Promise<T>) => Promise.all((await locator.all()).map(read));
  const number = async (page: Page, testid: string) => Number((await page.getByTestId(testid).textContent())!.replace(/,/g, ''));

  it('says what to do when no postmortem has been imported', async () => {
    const { page, problems } = await openDashboard(`/dashboard?week=${WEEK}`);
    expect(await page.locator('main').getAttribute('data-state')).toBe('empty');
    expect(await page.getByTestId('empty-state').textContent()).toContain('No postmortems imported yet: run npm run -s cli -- import <folder>');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-empty.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows the numbers of the reliabilityReview query for the week', async () => {
    await t.app.get(OwnershipService).applyFile(join(EXAMPLES, 'ownership.yaml'));
    for (const [name, day] of IMPORTED_ON) {
      t.clock.set(new Date(`${day}T12:00:00Z`));
      await t.gqlData(IMPORT, { input: { text: readFileSync(join(EXAMPLES, name), 'utf8'), sourceUri: name } });
    }
    // Some follow-through in the trend's weeks: an old cart item done late, two of May's done on time.
    type OpenItem = { id: string; title: string; dueOn: string | null; version: number; incident: { id: string; startedAt: string } };
    // By due date, then title: items due the same day come back in id order, which differs from run to run.
    const byDue = (a: OpenItem, b: OpenItem) => (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999') || a.title.localeCompare(b.title);
    const openItems = (await t.gqlData<{ actionItems: { nodes: OpenItem[] } }>(OPEN_ITEMS)).actionItems.nodes.sort(byDue);
    const january = openItems.filter((item) => item.incident.startedAt.startsWith('2025-01'));
    const may = openItems.filter((item) => item.incident.startedAt.startsWith('2025-05'));
    for (const [item, day] of [[january[0], '2025-04-16'], [may[0], '2025-06-02'], [may.at(-1)!, '2025-06-10']] as const) {
      t.clock.set(new Date(`${day}T12:00:00Z`));
      await t.gqlData(COMPLETE, { id: item.id, version: item.version });
    }
    t.clock.set(NOW);
    await t.gqlData(CREATE, { input: { incidentId: may[0].incident.id, title: HOSTILE_TITLE, kind: 'PREVENTIVE', dueOn: '2025-06-18' } });
    const { reliabilityReview: review } = await t.gqlData<{ reliabilityReview: Review }>(REVIEW, { week: WEEK });
    // The story the page is checked on: there is something in each section.
    expect([review.totals.open > 0, review.totals.overdue > 0, review.recurringRootCauses.length, review.brokenPromises.length > 0, review.dueNextWeek.length > 0]).toEqual([true, true, 2, true, true]);

    const { page, problems } = await openDashboard(`/dashboard?week=${WEEK}`);
    const state = await page.locator('main').getAttribute('data-state');
    expect([state, state === 'error' ? await page.locator('main').textContent() : '']).toEqual(['ready', '']);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard.png'), fullPage: true });

    expect(await page.getByTestId('week').textContent()).toBe(WEEK);
    expect(await number(page, 'open-count')).toBe(review.totals.open);
    expect(await number(page, 'overdue-count')).toBe(review.totals.overdue);
    expect(await number(page, 'completed-count')).toBe(review.completed.length);
    const rate = review.completion.onTimeRate;
    expect(await page.getByTestId('on-time-rate').textContent()).toBe(rate === null ? '—' : `${Math.round(rate * 100)}%`);

    const teams = await each(page.getByTestId('team-row'), async (row) => [await row.getAttribute('data-team'), await row.getByTestId('team-overdue').textContent()]);
    expect(Object.fromEntries(teams)).toEqual(Object.fromEntries(review.scorecards.map((team) => [team.teamName, String(team.overdue)])));

    const trend = await each(page.getByTestId('trend-week'), (group) => Promise.all(['week', 'opened', 'completed', 'open-overdue'].map((name) => group.getAttribute(`data-${name}`))));
    expect(trend).toHaveLength(12);
    expect(trend).toEqual(review.trend.map((week) => [week.week, String(week.opened), String(week.completed), String(week.openOverdue)]));

    expect(await texts(page, '[data-testid="root-cause-incidents"]')).toEqual(review.recurringRootCauses.map((cause) => String(cause.incidentCount)));
    const links = (rows: string) => each(page.locator(`[data-testid="${rows}"] a.item-title`), async (a) => [await a.getAttribute('href'), await a.textContent()]);
    expect(await links('broken-promise-row')).toEqual(review.brokenPromises.map(({ item }) => [`/items/${item.id}`, item.title]));
    expect(await each(page.getByTestId('broken-promise-row'), (row) => row.getAttribute('data-code'))).toEqual(review.brokenPromises.map((promise) => promise.code));
    expect(await links('due-next-week-row')).toEqual(review.dueNextWeek.map((item) => [`/items/${item.id}`, item.title]));
    // Markup in data shows as text and runs nothing.
    expect(await page.getByTestId('due-next-week-row').getByText(HOSTILE_TITLE, { exact: true }).count()).toBe(1);
    expect([await page.locator('#content img, #content b').count(), await page.evaluate<boolean>("'injected' in window")]).toEqual([0, false]);

    // "Copy markdown" puts the review's markdown on the clipboard.
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: t.url! });
    await page.getByRole('button', { name: 'Copy markdown' }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(review.markdown);

    // The team selector lists every team (the ownership map's and those the postmortems name), by name.
    const owners = await t.gqlData<{ owners: { nodes: { name: string; kind: string }[] } }>(`{ owners(first: 100) { nodes { name kind } } }`);
    const teamNames = owners.owners.nodes.filter((owner) => owner.kind === 'TEAM').map((owner) => owner.name);
    expect(teamNames).toEqual(expect.arrayContaining(['cart-team', 'catalog-team', 'orders-team', 'payments-team', 'web-team']));
    expect(await page.locator('#team option').allTextContents()).toEqual(['All teams', ...teamNames.sort((a, b) => a.localeCompare(b))]);
    expect(await page.locator('#prev-week').getAttribute('href')).toBe('/dashboard?week=2025-W23');
    // The running week has no next week yet (the server refuses weeks that have not started).
    expect(await page.locator('#next-week').getAttribute('href')).toBeNull();

    // Choosing a team shows that team's review of the same week.
    const cartTeam = (await t.gqlData<{ owners: { nodes: { id: string; name: string }[] } }>(`{ owners(first: 100) { nodes { id name } } }`)).owners.nodes.find((owner) => owner.name === 'cart-team')!;
    const { reliabilityReview: cart } = await t.gqlData<{ reliabilityReview: Review }>(REVIEW.replace('$week: String', '$week: String, $team: ID').replace('(week: $week)', '(week: $week, team: $team)'), { week: WEEK, team: cartTeam.id });
    await Promise.all([page.waitForURL(`**/dashboard?week=${WEEK}&team=${cartTeam.id}`), page.selectOption('#team', cartTeam.id)]);
    await page.waitForSelector('main[data-state="ready"]');
    expect(cart.totals.open).toBeLessThan(review.totals.open);
    expect([await number(page, 'open-count'), await number(page, 'overdue-count')]).toEqual([cart.totals.open, cart.totals.overdue]);
    expect(await page.locator('#team').inputValue()).toBe(cartTeam.id);

    // Not broken from 1024 px up: nothing wider than the window or than its card.
    for (const width of [1440, 1280, 1024]) {
      await page.setViewportSize({ width, height: 800 });
      // The chart redraws at its new width on the next animation frame.
      await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
      expect([width, await page.evaluate<number>(WIDEST)]).toEqual([width, width]);
    }
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-1024.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });
});
