import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { ApiTokensService } from '../src/auth/api-tokens.service';
import { Role } from '../src/auth/role';
import { OwnershipService } from '../src/ownership/ownership.service';
import { launchChromium } from './support/browser';
import { startTestApp, type TestApp } from './support/test-app';

// The dashboard in a real browser: headless Chromium driven by playwright-core (Debian's chromium when installed,
// otherwise @sparticuz/chromium's, which comes with npm install; see test/support/browser.ts).
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

// Well formed, unknown to the server.
const WRONG_TOKEN = `ft_${'A'.repeat(43)}`;
// A read the dashboard makes, to see what the server answers a token.
const READ = '{ incidents(first: 1) { totalCount } }';
const CREATE_TOKEN = 'npm run -s cli -- token create --name NAME --role viewer';

/** The page's width, or more when a card's content is wider than the card. */
const WIDEST = `Math.max(document.documentElement.scrollWidth, ...[...document.querySelectorAll('.card')].map((card) => window.innerWidth + card.scrollWidth - card.clientWidth))`;

describe('the dashboard in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    // Fail, not skip: a dashboard nobody tests in a browser breaks unnoticed.
    [t, browser] = await Promise.all([startTestApp({ now: NOW, listen: true }), launchChromium()]);
    context = await newContext();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  // A browser context is a new browser session: no cookies, no storage.
  const newContext = () => browser.newContext({ viewport: { width: 1440, height: 900 } });

  interface Opened {
    page: Page;
    /** Console errors, uncaught exceptions, failed requests, requests to other hosts. */
    problems: string[];
    /** Every console message, of any type. */
    consoleLines: string[];
    /** The GraphQL requests, with the Authorization header each carried. */
    graphql: { url: string; authorization: string | undefined }[];
  }

  /**
   * The problems but the browser's own note of the 401 with which /graphql refuses a token (issue 22): expected where
   * a test provokes the refusal, and at least one there.
   */
  function withoutRefusals(problems: string[]): string[] {
    const refusal = 'console: Failed to load resource: the server responded with a status of 401 (Unauthorized)';
    expect(problems).toContain(refusal);
    return problems.filter((problem) => problem !== refusal);
  }

  /** Opens a page in a new tab and collects what goes wrong in it, what it logs and what it asks /graphql. */
  async function openDashboard(path: string, inContext: BrowserContext = context): Promise<Opened> {
    const page = await inContext.newPage();
    const opened: Opened = { page, problems: [], consoleLines: [], graphql: [] };
    const origin = new URL(t.url!).origin;
    page.on('console', (message) => {
      opened.consoleLines.push(message.text());
      if (message.type() === 'error') opened.problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => opened.problems.push(`page error: ${error.message}`));
    page.on('request', (request) => {
      if (!request.url().startsWith('data:') && new URL(request.url()).origin !== origin) opened.problems.push(`request to another host: ${request.url()}`);
      if (new URL(request.url()).pathname === '/graphql') opened.graphql.push({ url: request.url(), authorization: request.headers().authorization });
    });
    page.on('requestfailed', (request) => opened.problems.push(`failed: ${request.url()} (${request.failure()?.errorText})`));
    await page.goto(`${t.url}${path}`);
    await page.waitForSelector('main:not([data-state="loading"])');
    return opened;
  }

  /** Types the token into the sign-in form and waits for the page to leave it (or to say why it stays). */
  async function signIn(page: Page, token: string): Promise<void> {
    expect(await page.locator('main').getAttribute('data-state')).toBe('signed-out');
    await page.getByLabel('API token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForSelector('main:not([data-state="signed-out"]), [data-testid="sign-in-refusal"]:not([hidden])');
  }

  /** Opens the page and signs in with the viewer token. */
  async function openSignedIn(path: string): Promise<Opened> {
    const opened = await openDashboard(path);
    await signIn(opened.page, t.tokens.viewer);
    return opened;
  }

  /** Where a token could be left behind: the address, both storages, cookies, the page's text and markup. */
  async function tokenTraces(page: Page, token: string) {
    const html = await page.content();
    const text = await page.evaluate<string>('document.body.innerText');
    return {
      url: page.url().includes(token),
      localStorage: await page.evaluate<number>('localStorage.length'),
      cookies: (await page.context().cookies()).length,
      markup: html.includes(token),
      text: text.includes(token),
      sessionStorage: (await page.evaluate<string[]>('Object.values(sessionStorage)')).includes(token),
    };
  }

  const texts = (page: Page, selector: string) => page.locator(selector).allTextContents();
  // Read through locators, not DOM callbacks: the tests compile without the DOM library.
  const each = async <T>(locator: Locator, read: (element: Locator) => Promise<T>) => Promise.all((await locator.all()).map(read));
  const number = async (page: Page, testid: string) => Number((await page.getByTestId(testid).textContent())!.replace(/,/g, ''));

  it('asks for an API token on the first visit, and reads nothing without one', async () => {
    const { page, problems, graphql } = await openDashboard(`/dashboard?week=${WEEK}`);
    expect(await page.locator('main').getAttribute('data-state')).toBe('signed-out');
    const input = page.getByLabel('API token');
    expect([await input.getAttribute('type'), await page.evaluate<string | undefined>('document.activeElement?.id')]).toEqual(['password', await input.getAttribute('id')]);
    expect(await page.getByRole('button', { name: 'Sign in' }).isEnabled()).toBe(true);
    expect(await page.getByTestId('sign-in').textContent()).toContain(`Create one with ${CREATE_TOKEN}`);
    expect(await page.getByTestId('sign-in-refusal').isVisible()).toBe(false);
    // Nothing to navigate or sign out of yet.
    expect(await Promise.all(['#week-nav', '#controls', '#sign-out'].map((selector) => page.locator(selector).isVisible()))).toEqual([false, false, false]);
    expect(graphql).toEqual([]);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-sign-in.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it("refuses a wrong token with the server's message and stays on the form", async () => {
    const refused = await t.gql(READ, {}, { authorization: `Bearer ${WRONG_TOKEN}` });
    expect(refused.errors?.map((error) => error.extensions.code)).toEqual(['UNAUTHENTICATED']);
    const { page, problems } = await openDashboard(`/dashboard?week=${WEEK}`);
    await signIn(page, WRONG_TOKEN);
    expect(await page.locator('main').getAttribute('data-state')).toBe('signed-out');
    expect(await page.getByRole('alert').textContent()).toBe(refused.errors![0].message);
    // Cleared for the next try, and not kept.
    expect(await page.getByLabel('API token').inputValue()).toBe('');
    expect(await tokenTraces(page, WRONG_TOKEN)).toEqual({ url: false, localStorage: 0, cookies: 0, markup: false, text: false, sessionStorage: false });
    expect(await page.evaluate<number>('sessionStorage.length')).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-sign-in-refused.png'), fullPage: true });
    expect(withoutRefusals(problems)).toEqual([]);
    await page.close();
  });

  it('says what to do when no postmortem has been imported', async () => {
    const { page, problems } = await openSignedIn(`/dashboard?week=${WEEK}`);
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

    const { page, problems, graphql } = await openSignedIn(`/dashboard?week=${WEEK}`);
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
    // Every read carried the token; the team change loaded a new page, which found it in the tab's session.
    expect(graphql.length).toBeGreaterThanOrEqual(4);
    expect(new Set(graphql.map((request) => request.authorization))).toEqual(new Set([`Bearer ${t.tokens.viewer}`]));
    expect(problems).toEqual([]);
    await page.close();
  });

  it('keeps the token in this tab only, out of the address, the page and the console, until signed out', async () => {
    const token = t.tokens.viewer;
    const { page, problems, consoleLines, graphql } = await openSignedIn(`/dashboard?week=${WEEK}`);
    expect(await page.locator('main').getAttribute('data-state')).toBe('ready');
    expect(await page.getByLabel('API token').count()).toBe(0);
    const signedIn = { url: false, localStorage: 0, cookies: 0, markup: false, text: false, sessionStorage: true };
    expect(await tokenTraces(page, token)).toEqual(signedIn);

    // A reload in the same tab reads again without asking.
    await page.reload();
    await page.waitForSelector('main:not([data-state="loading"])');
    expect([await page.locator('main').getAttribute('data-state'), await page.getByLabel('API token').count()]).toEqual(['ready', 0]);
    expect(await tokenTraces(page, token)).toEqual(signedIn);
    expect(graphql.length).toBeGreaterThanOrEqual(4);
    expect(graphql.filter((request) => request.url.includes(token) || request.authorization !== `Bearer ${token}`)).toEqual([]);

    // Another tab, and another browser session, ask again: sessionStorage belongs to one tab.
    const otherTab = await openDashboard(`/dashboard?week=${WEEK}`);
    const otherContext = await newContext();
    const otherSession = await openDashboard(`/dashboard?week=${WEEK}`, otherContext);
    for (const other of [otherTab, otherSession]) {
      expect([await other.page.locator('main').getAttribute('data-state'), other.graphql]).toEqual(['signed-out', []]);
      expect(other.problems).toEqual([]);
    }
    await otherContext.close();
    await otherTab.page.close();

    // Sign out: back to the form, the token gone from the tab, and a reload still asks.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForSelector('main[data-state="signed-out"]');
    expect(await page.locator('#content .kpis').count()).toBe(0);
    expect(await tokenTraces(page, token)).toEqual({ ...signedIn, sessionStorage: false });
    expect(await page.evaluate<number>('sessionStorage.length')).toBe(0);
    await page.reload();
    await page.waitForSelector('main:not([data-state="loading"])');
    expect(await page.locator('main').getAttribute('data-state')).toBe('signed-out');

    expect(consoleLines.filter((line) => line.includes(token))).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("asks again with the server's message when the kept token is revoked", async () => {
    const tokens = t.app.get(ApiTokensService);
    const { secret } = await tokens.create('dashboard-revoked', Role.VIEWER, 'test');
    const { page, problems } = await openDashboard(`/dashboard?week=${WEEK}`);
    await signIn(page, secret);
    expect(await page.locator('main').getAttribute('data-state')).toBe('ready');
    await tokens.revoke('dashboard-revoked');
    const refused = await t.gql(READ, {}, { authorization: `Bearer ${secret}` });
    expect(refused.errors?.map((error) => error.extensions.code)).toEqual(['UNAUTHENTICATED']);

    await page.reload();
    await page.waitForSelector('main:not([data-state="loading"])');
    expect(await page.locator('main').getAttribute('data-state')).toBe('signed-out');
    expect(await page.getByRole('alert').textContent()).toBe(refused.errors![0].message);
    expect(await tokenTraces(page, secret)).toEqual({ url: false, localStorage: 0, cookies: 0, markup: false, text: false, sessionStorage: false });
    expect(withoutRefusals(problems)).toEqual([]);
    await page.close();
  });

  it('says so when the token may not read the review', async () => {
    // Every role may read the review today, so the server's FORBIDDEN answer is played back here.
    const message = 'This needs the editor role; the API token "test-viewer" has viewer.';
    const { page, problems } = await openSignedIn(`/dashboard?week=${WEEK}`);
    await page.route('**/graphql', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ data: null, errors: [{ message, extensions: { code: 'FORBIDDEN' } }] }) }));
    await page.reload();
    await page.waitForSelector('main:not([data-state="loading"])');
    expect(await page.locator('main').getAttribute('data-state')).toBe('forbidden');
    expect(await page.getByTestId('forbidden').locator('h2, p').allTextContents()).toEqual(['This token may not read the review', message, 'Sign out to use a token with the role the message above asks for.']);
    expect(await Promise.all(['#week-nav', '#controls', '#sign-out'].map((selector) => page.locator(selector).isVisible()))).toEqual([false, false, true]);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-forbidden.png'), fullPage: true });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForSelector('main[data-state="signed-out"]');
    expect(problems).toEqual([]);
    await page.close();
  });
});
