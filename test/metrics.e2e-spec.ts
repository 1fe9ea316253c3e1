import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OwnershipService } from '../src/ownership/ownership.service';
import { createActionItem, createIncident, createOwner } from './support/factories';
import { scrape, seriesOf } from './support/metrics-scrape';
import { startTestApp, type TestApp } from './support/test-app';

const EXAMPLES = join(__dirname, '..', 'examples');
const PAYMENT = ['2024-03-payment-gateway-leak.md', '2024-09-payment-gateway-api-leak.md', '2025-05-payment-processing-leak.md'];
const CART = ['2024-06-shopping-cart-leak.md', '2025-01-cart-service-leak.md'];
const IMPORT = `mutation($input: ImportPostmortemInput!) { importPostmortem(input: $input) { outcome actionItems { id title } } }`;
const TRANSITION = `mutation($id: ID!, $to: ActionItemStatus!, $reason: String) { transitionActionItem(id: $id, to: $to, reason: $reason) { status } }`;

type Imported = { importPostmortem: { outcome: string; actionItems: { id: string; title: string }[] } };
const importText = (t: TestApp, text: string, sourceUri: string) => t.gqlData<Imported>(IMPORT, { input: { text, sourceUri } });
const importExample = (t: TestApp, name: string) => importText(t, readFileSync(join(EXAMPLES, name), 'utf8'), name);
const applyOwnership = (t: TestApp) => t.app.get(OwnershipService).applyFile(join(EXAMPLES, 'ownership.yaml'));

/** How many items the API finds with a flag: what the flag gauge must agree with. */
async function apiFlagCount(t: TestApp, flag: string): Promise<number> {
  const data = await t.gqlData<{ actionItems: { totalCount: number } }>(`query($flags: [FlagCode!]) { actionItems(filter: { flags: $flags }) { totalCount } }`, { flags: [flag] });
  return data.actionItems.totalCount;
}

describe('GET /metrics', () => {
  let t: TestApp;
  afterEach(() => t.close());

  it('tells the example story: items by team, kind and status, overdue by the clock, flags as the API has them, imports by outcome', async () => {
    t = await startTestApp({ now: new Date('2025-06-01T12:00:00Z') });
    await applyOwnership(t);
    for (const name of [...PAYMENT, ...CART]) await importExample(t, name);
    const metrics = await scrape(t);

    // Items owned by a person count for their service's team (sam.okafor's for cart-team, eng-managers' for payments-team).
    expect(seriesOf(metrics, 'followthrough_action_items')).toEqual({
      'cart-team CORRECTIVE OPEN': 1,
      'cart-team DETECTIVE OPEN': 2,
      'cart-team PREVENTIVE DONE': 1,
      'cart-team PREVENTIVE OPEN': 3,
      'cart-team PROCESS OPEN': 1,
      'payments-team DETECTIVE OPEN': 3,
      'payments-team PREVENTIVE OPEN': 8,
      'payments-team PROCESS OPEN': 2,
      'platform-team DETECTIVE OPEN': 1,
    });
    // On 2025-06-01 everything is overdue but the four measures of the 2025-05 payment leak (due from 2025-06-04).
    expect(seriesOf(metrics, 'followthrough_action_items_overdue')).toEqual({
      'cart-team CORRECTIVE': 1,
      'cart-team DETECTIVE': 2,
      'cart-team PREVENTIVE': 3,
      'cart-team PROCESS': 1,
      'payments-team DETECTIVE': 2,
      'payments-team PREVENTIVE': 4,
      'payments-team PROCESS': 2,
      'platform-team DETECTIVE': 1,
    });
    const flagged = seriesOf(metrics, 'followthrough_action_items_flagged');
    expect(flagged).toEqual({
      'cart-team OVERDUE': 7,
      'cart-team PROMISED_AGAIN': 5,
      'cart-team VAGUE': 1,
      'payments-team DUE_SOON': 1,
      'payments-team OVERDUE': 8,
      'payments-team PROMISED_AGAIN': 5,
      'payments-team VAGUE': 3,
      'platform-team OVERDUE': 1,
      'platform-team PROMISED_AGAIN': 1,
    });
    for (const flag of ['OVERDUE', 'PROMISED_AGAIN', 'VAGUE', 'DUE_SOON']) {
      const total = Object.entries(flagged).reduce((sum, [series, value]) => (series.endsWith(` ${flag}`) ? sum + value : sum), 0);
      expect({ flag, total }).toEqual({ flag, total: await apiFlagCount(t, flag) });
    }
    expect(seriesOf(metrics, 'followthrough_jira_sync_items')).toEqual({ DELETED: 0, FAILED: 0, PENDING: 22, SYNCED: 0 });
    expect(seriesOf(metrics, 'followthrough_postmortem_imports_total')).toEqual({ CREATED: 5, FAILED: 0, REVISED: 0, UNCHANGED: 0 });

    // Again (unchanged), a new revision, and a refused document.
    await importExample(t, PAYMENT[0]);
    await importText(t, `${readFileSync(join(EXAMPLES, PAYMENT[2]), 'utf8').trimEnd()}\n* Add a canary stage for payment releases\n`, PAYMENT[2]);
    expect((await t.gql(IMPORT, { input: { text: '\u0000binary', sourceUri: 'blob.bin' } })).errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(seriesOf(await scrape(t), 'followthrough_postmortem_imports_total')).toEqual({ CREATED: 5, FAILED: 1, REVISED: 1, UNCHANGED: 1 });
  });

  it('counts broken promises on done items too: RECURRED_WHILE_OPEN while open, INEFFECTIVE once done', async () => {
    t = await startTestApp({ now: new Date('2024-10-01T12:00:00Z') });
    await applyOwnership(t);
    await importExample(t, PAYMENT[0]);
    const [done] = (await importExample(t, PAYMENT[1])).importPostmortem.actionItems;
    await t.gqlData(TRANSITION, { id: done.id, to: 'DONE' });
    // The leak comes back on 2025-05-20, after every one of these items was created and after one was done.
    await importExample(t, PAYMENT[2]);
    const flagged = seriesOf(await scrape(t), 'followthrough_action_items_flagged');
    // The seven open measures of the first two leaks saw it recur; the done one did not work.
    expect({ INEFFECTIVE: flagged['payments-team INEFFECTIVE'], RECURRED_WHILE_OPEN: flagged['payments-team RECURRED_WHILE_OPEN'] }).toEqual({ INEFFECTIVE: 1, RECURRED_WHILE_OPEN: 7 });
    expect([await apiFlagCount(t, 'INEFFECTIVE'), await apiFlagCount(t, 'RECURRED_WHILE_OPEN')]).toEqual([1, 7]);
  });

  it('keeps flag counts for METRICS_FLAGS_TTL_SECONDS, and reads the other gauges at every scrape', async () => {
    t = await startTestApp({ now: new Date('2024-07-01T12:00:00Z'), env: { METRICS_FLAGS_TTL_SECONDS: '60' } });
    const team = await createOwner(t, { name: 'sre' });
    const item = await createActionItem(t, { incidentId: (await createIncident(t)).id, ownerId: team.id, title: 'Alert when queue depth passes 1000' });
    const first = await scrape(t);
    expect(seriesOf(first, 'followthrough_action_items_flagged')).toEqual({ 'sre NO_DUE_DATE': 1 });
    expect(first.families.get('followthrough_action_items_flagged')?.help).toMatch(/up to 60 s old\.$/);

    await t.gqlData(TRANSITION, { id: item.id, to: 'WONT_DO', reason: 'Replaced by the queue autoscaler' });
    t.clock.set(new Date('2024-07-01T12:00:59Z'));
    const cached = await scrape(t);
    expect([seriesOf(cached, 'followthrough_action_items'), seriesOf(cached, 'followthrough_action_items_flagged')]).toEqual([{ 'sre PREVENTIVE WONT_DO': 1 }, { 'sre NO_DUE_DATE': 1 }]);
    t.clock.set(new Date('2024-07-01T12:01:00Z'));
    expect(seriesOf(await scrape(t), 'followthrough_action_items_flagged')).toEqual({});
  });

  it('still serves the other metrics when a gauge cannot be read, and counts the failure', async () => {
    t = await startTestApp();
    await t.dataSource.query(`ALTER TABLE jira_sync RENAME TO jira_sync_away`);
    const broken = await scrape(t);
    await t.dataSource.query(`ALTER TABLE jira_sync_away RENAME TO jira_sync`);
    expect(seriesOf(broken, 'followthrough_jira_sync_items')).toEqual({});
    expect(seriesOf(broken, 'followthrough_process_resident_memory_bytes')['']).toBeGreaterThan(0);
    const recovered = await scrape(t);
    expect(seriesOf(recovered, 'followthrough_jira_sync_items')).toEqual({ DELETED: 0, FAILED: 0, PENDING: 0, SYNCED: 0 });
    expect(seriesOf(recovered, 'followthrough_metrics_collect_failures_total')).toEqual({ action_items: 0, action_items_flagged: 0, action_items_overdue: 0, jira_sync_items: 1 });
  });

  it('reads the gauges in as many SQL queries for 50 items as for 5', async () => {
    t = await startTestApp({ env: { METRICS_FLAGS_TTL_SECONDS: '0' } });
    const team = await createOwner(t);
    const incident = await createIncident(t);
    const queriesPerScrape = async () => {
      let queries = 0;
      const stop = t.database.queries.onQuery(() => queries++);
      await scrape(t).finally(stop);
      return queries;
    };
    for (let n = 0; n < 5; n++) await createActionItem(t, { incidentId: incident.id, ownerId: team.id, dueOn: '2024-06-01' });
    await scrape(t); // the viewer token's first use records its last-used time once
    const few = await queriesPerScrape();
    for (let n = 0; n < 45; n++) await createActionItem(t, { incidentId: incident.id, ownerId: team.id, dueOn: '2024-06-01' });
    const many = await queriesPerScrape();
    expect(seriesOf(await scrape(t), 'followthrough_action_items_overdue')).toEqual({ [`${team.name} PREVENTIVE`]: 50 });
    // The API token, items, overdue items, Jira states; then one batch of flaggable items with its incidents and shared root causes.
    expect({ few, many }).toEqual({ few: 7, many: 7 });
  });
});
