import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, type TestApp } from './support/test-app';

// People correct the matcher: an incident moved to another service, two services merged, measures merged and split.
const EXAMPLES = join(__dirname, '..', 'examples');
const PAYMENT = '2024-03-payment-gateway-leak.md';
const CART = '2024-06-shopping-cart-leak.md';
const IMPORT = `mutation($input: ImportPostmortemInput!) { importPostmortem(input: $input) { outcome incident { id service { id name } } } }`;
const CAUSES = `{ rootCauses { failureMode incidentCount service { name aliases } } }`;
const MEASURES = `{ measures { id category subject occurrenceCount occurrences { id measureEvidence } } }`;

interface Imported {
  importPostmortem: { outcome: string; incident: { id: string; service: { id: string; name: string } } };
}
interface MeasureRow {
  id: string;
  category: string;
  subject: string | null;
  occurrenceCount: number;
  occurrences: { id: string; measureEvidence: string | null }[];
}

describe('people curating services and measures', () => {
  let t: TestApp;
  const importFile = async (name: string, suffix = '') =>
    (await t.gqlData<Imported>(IMPORT, { input: { text: readFileSync(join(EXAMPLES, name), 'utf8') + suffix, sourceUri: name } })).importPostmortem;
  const causes = async () => (await t.gqlData<{ rootCauses: { incidentCount: number; service: { name: string; aliases: string[] } }[] }>(CAUSES)).rootCauses;
  const measures = async () => (await t.gqlData<{ measures: MeasureRow[] }>(MEASURES)).measures;

  beforeEach(async () => {
    // MEASURES reads every measure with every occurrence: refused by the default GRAPHQL_MAX_COST, which prices it at a
    // large deployment's size; small here.
    t = await startTestApp({ env: { GRAPHQL_MAX_COST: '1000000' } });
  });
  afterEach(() => t.close());

  it('moves an incident to another service, and a re-import keeps the choice', async () => {
    const payment = await importFile(PAYMENT);
    const cart = await importFile(CART);
    const moved = await t.gqlData<{ setIncidentService: { service: { name: string }; rootCauseLinks: { status: string; evidence: string }[] } }>(
      `mutation($input: SetIncidentServiceInput!) { setIncidentService(input: $input) { service { name } rootCauseLinks { status evidence } } }`,
      { input: { incidentId: cart.incident.id, serviceId: payment.incident.service.id } },
    );
    expect(moved.setIncidentService.service.name).toBe('payment gateway');
    expect(moved.setIncidentService.rootCauseLinks).toEqual([{ status: 'SUGGESTED', evidence: expect.stringContaining('tester chose the service "payment gateway"') }]);
    expect((await causes()).map((cause) => [cause.service.name, cause.incidentCount])).toEqual([['payment gateway', 2]]);

    const revised = await importFile(CART, '\n- Add a dashboard for cart heap usage\n');
    expect([revised.outcome, revised.incident.service.name]).toEqual(['REVISED', 'payment gateway']);
  });

  it('merges two services: incidents, root causes and names move to the one that stays', async () => {
    const payment = await importFile(PAYMENT);
    const cart = await importFile(CART);
    const merged = await t.gqlData<{ mergeServices: { name: string; aliases: string[] } }>(`mutation($input: MergeServicesInput!) { mergeServices(input: $input) { name aliases } }`, {
      input: { targetId: payment.incident.service.id, sourceId: cart.incident.service.id },
    });
    expect(merged.mergeServices).toEqual({ name: 'payment gateway', aliases: ['shopping cart service'] });
    expect((await causes()).map((cause) => [cause.service.name, cause.incidentCount])).toEqual([['payment gateway', 2]]);
    const again = await t.gql(`mutation($input: MergeServicesInput!) { mergeServices(input: $input) { name } }`, { input: { targetId: payment.incident.service.id, sourceId: cart.incident.service.id } });
    expect(again.errors?.[0].extensions.code).toBe('NOT_FOUND');
  });

  it('splits an occurrence out of a measure and merges it back; recomputing keeps both decisions', async () => {
    await importFile(PAYMENT);
    await importFile(CART);
    const alerts = (await measures()).find((m) => m.category === 'monitoring' && m.subject === 'memory')!;
    expect(alerts.occurrenceCount).toBe(3);
    const taken = alerts.occurrences[1].id;

    const split = await t.gqlData<{ splitMeasure: { id: string; occurrenceCount: number } }>(`mutation($input: SplitMeasureInput!) { splitMeasure(input: $input) { id occurrenceCount } }`, {
      input: { actionItemId: taken },
    });
    expect(split.splitMeasure.occurrenceCount).toBe(1);
    await t.gqlData(`mutation { recomputeRecurrence { measures } }`);
    const afterSplit = await measures();
    expect([afterSplit.find((m) => m.id === alerts.id)?.occurrenceCount, afterSplit.find((m) => m.id === split.splitMeasure.id)?.occurrences]).toEqual([
      2,
      [{ id: taken, measureEvidence: 'Split off by tester.' }],
    ]);

    const merged = await t.gqlData<{ mergeMeasures: { id: string; occurrenceCount: number } }>(`mutation($input: MergeMeasuresInput!) { mergeMeasures(input: $input) { id occurrenceCount } }`, {
      input: { targetId: alerts.id, sourceId: split.splitMeasure.id },
    });
    expect(merged.mergeMeasures).toEqual({ id: alerts.id, occurrenceCount: 3 });
    await t.gqlData(`mutation { recomputeRecurrence { measures } }`);
    expect((await measures()).find((m) => m.id === alerts.id)?.occurrenceCount).toBe(3);
    const self = await t.gql(`mutation($input: MergeMeasuresInput!) { mergeMeasures(input: $input) { id } }`, { input: { targetId: alerts.id, sourceId: alerts.id } });
    expect(self.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
