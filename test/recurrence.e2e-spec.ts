import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, type TestApp } from './support/test-app';

// The five example postmortems: memory leaks, three in the payment gateway (written three ways) and two in the
// shopping cart. The golden fixtures are unrelated incidents, one of them a memory leak in another service.
const EXAMPLES = join(__dirname, '..', 'examples');
const FIXTURES = join(__dirname, 'fixtures', 'postmortems');
const PAYMENT = ['2024-03-payment-gateway-leak.md', '2024-09-payment-gateway-api-leak.md', '2025-05-payment-processing-leak.md'];
const CART = ['2024-06-shopping-cart-leak.md', '2025-01-cart-service-leak.md'];
const documentsIn = (folder: string) => readdirSync(folder).filter((name) => /\.(md|txt)$/.test(name));

// These reads take whole unpaged lists (every measure with every occurrence and its flags' evidence), which the
// default GRAPHQL_MAX_COST prices at a large deployment's size and refuses; on these few documents they are small.
const WHOLE_LISTS = { GRAPHQL_MAX_COST: '1000000000' };
const IMPORT = `mutation($input: ImportPostmortemInput!) { importPostmortem(input: $input) { incident { id } } }`;
const ROOT_CAUSES = `{
  failureModes { failureMode incidentCount serviceCount incidents { title } }
  rootCauses { id failureMode incidentCount recurrenceCount service { name } incidents { postmortems { sourceUri } } links { id status evidence incident { id } } }
}`;
const MEASURES = `{
  measures(filter: { minOccurrences: 2 }) {
    id title category subject occurrenceCount incidentCount isEverCompleted
    occurrences { id title status incident { postmortems { sourceUri } } flags { code reason evidence { incidentTitle on } } }
  }
}`;

interface RootCauseRow {
  id: string;
  failureMode: string;
  incidentCount: number;
  recurrenceCount: number;
  service: { name: string };
  incidents: { postmortems: { sourceUri: string }[] }[];
  links: { id: string; status: string; evidence: string; incident: { id: string } }[];
}
interface MeasureRow {
  id: string;
  title: string;
  category: string;
  subject: string | null;
  occurrenceCount: number;
  incidentCount: number;
  isEverCompleted: boolean;
  occurrences: { id: string; title: string; status: string; incident: { postmortems: { sourceUri: string }[] }; flags: { code: string; reason: string; evidence: { incidentTitle: string; on: string }[] }[] }[];
}

const sourcesOf = (incidents: { postmortems: { sourceUri: string }[] }[]) => incidents.map((incident) => incident.postmortems[0].sourceUri).sort();

describe('recurring root causes and repeated measures', () => {
  let t: TestApp;
  const importFile = async (folder: string, name: string) =>
    (await t.gqlData<{ importPostmortem: { incident: { id: string } } }>(IMPORT, { input: { text: readFileSync(join(folder, name), 'utf8'), sourceUri: name } })).importPostmortem.incident.id;
  const rootCauses = () => t.gqlData<{ failureModes: { failureMode: string; incidentCount: number; serviceCount: number }[]; rootCauses: RootCauseRow[] }>(ROOT_CAUSES);
  const memoryMonitoring = async () => (await t.gqlData<{ measures: MeasureRow[] }>(MEASURES)).measures.find((m) => m.category === 'monitoring' && m.subject === 'memory')!;

  afterEach(() => t.close());

  it.each([
    ['oldest first', [...PAYMENT, ...CART].sort()],
    ['newest first', [...PAYMENT, ...CART].sort().reverse()],
  ])('links the five leaks into one failure mode and two root causes, whatever the import order (%s)', async (_, order) => {
    t = await startTestApp({ env: WHOLE_LISTS });
    for (const name of order) await importFile(EXAMPLES, name);
    const { failureModes, rootCauses: causes } = await rootCauses();
    expect(failureModes).toEqual([{ failureMode: 'memory-leak', incidentCount: 5, serviceCount: 2, incidents: expect.any(Array) }]);
    expect(causes.map((cause) => [cause.failureMode, cause.incidentCount, cause.recurrenceCount, sourcesOf(cause.incidents)])).toEqual([
      ['memory-leak', 3, 2, [...PAYMENT].sort()],
      ['memory-leak', 2, 1, [...CART].sort()],
    ]);
    // Every link says why, naming the failure-mode words and how the service was recognised.
    for (const link of causes.flatMap((cause) => cause.links)) expect(link).toMatchObject({ status: 'SUGGESTED', evidence: expect.stringContaining('memory leak') });

    const measure = await memoryMonitoring();
    expect([measure.incidentCount, measure.isEverCompleted]).toEqual([5, false]);
    // Occurrences come oldest incident first: only the first promise is not a repeat.
    const promisedAgain = measure.occurrences.map((item) => [item.incident.postmortems[0].sourceUri, item.flags.some((flag) => flag.code === 'PROMISED_AGAIN')]);
    expect(promisedAgain[0]).toEqual(['2024-03-payment-gateway-leak.md', false]);
    expect(promisedAgain.slice(1).every(([, flagged]) => flagged)).toBe(true);
  });

  it('flags every open item OVERDUE a year later, and finds items by flag', async () => {
    t = await startTestApp({ now: new Date('2025-06-01T12:00:00Z'), env: WHOLE_LISTS });
    for (const name of [...PAYMENT, ...CART]) await importFile(EXAMPLES, name);
    t.clock.set(new Date('2026-06-01T12:00:00Z'));
    const all = await t.gqlData<{ actionItems: { nodes: { id: string; status: string; flags: { code: string }[] }[] } }>(`{ actionItems(first: 100) { nodes { id status flags { code } } } }`);
    const open = all.actionItems.nodes.filter((item) => ['OPEN', 'IN_PROGRESS', 'BLOCKED'].includes(item.status));
    // One example measure is ticked as done in its postmortem.
    expect([all.actionItems.nodes.length, open.length]).toEqual([22, 21]);
    expect(open.filter((item) => !item.flags.some((flag) => flag.code === 'OVERDUE'))).toEqual([]);

    const flagged = await t.gqlData<{ actionItems: { nodes: { id: string }[] } }>(`{ actionItems(first: 100, filter: { flags: [PROMISED_AGAIN] }) { nodes { id } } }`);
    const expected = all.actionItems.nodes.filter((item) => item.flags.some((flag) => flag.code === 'PROMISED_AGAIN')).map((item) => item.id);
    expect(flagged.actionItems.nodes.map((item) => item.id).sort()).toEqual(expected.sort());
    expect(expected.length).toBeGreaterThanOrEqual(10);
  });

  it('lists what was promised last time, and explains related incidents', async () => {
    t = await startTestApp({ env: WHOLE_LISTS });
    const ids = new Map<string, string>();
    for (const name of [...PAYMENT, ...CART]) ids.set(name, await importFile(EXAMPLES, name));
    const latest = await t.gqlData<{ incident: { unfinishedMeasures: { title: string; incident: { id: string } }[]; relatedIncidents: { reason: string; incident: { id: string } }[] } }>(
      `query($id: ID!) { incident(id: $id) { unfinishedMeasures { title incident { id } } relatedIncidents { reason incident { id } } } }`,
      { id: ids.get(PAYMENT[2]) },
    );
    expect(new Set(latest.incident.unfinishedMeasures.map((item) => item.incident.id))).toEqual(new Set([ids.get(PAYMENT[0]), ids.get(PAYMENT[1])]));
    expect(latest.incident.unfinishedMeasures.length).toBe(8);
    expect(latest.incident.relatedIncidents.map((related) => related.incident.id)).toEqual([ids.get(PAYMENT[0]), ids.get(PAYMENT[1])]);
    expect(latest.incident.relatedIncidents[0].reason).toMatch(/^Both are memory-leak in payment gateway: ".+" on 2024-03-12 has the same root cause\.$/);
  });

  it('keeps a rejected link rejected through a re-import and a recomputation', async () => {
    t = await startTestApp({ env: WHOLE_LISTS });
    for (const name of [...PAYMENT, ...CART]) await importFile(EXAMPLES, name);
    const payment = (await rootCauses()).rootCauses.find((cause) => cause.incidentCount === 3)!;
    const link = payment.links[2];
    await t.gqlData(`mutation($id: ID!) { rejectRootCauseLink(id: $id) { status decidedBy } }`, { id: link.id });

    // A new revision of the rejected incident's postmortem: one more follow-up at the end.
    const edited = `${readFileSync(join(EXAMPLES, PAYMENT[2]), 'utf8').trimEnd()}\n* Add a canary stage for payment releases\n`;
    const revised = await t.gqlData<{ importPostmortem: { outcome: string } }>(IMPORT.replace('incident { id }', 'outcome'), { input: { text: edited, sourceUri: PAYMENT[2] } });
    expect(revised.importPostmortem.outcome).toBe('REVISED');
    expect(await t.gqlData(`mutation { recomputeRecurrence { incidents rootCauseLinks } }`)).toEqual({ recomputeRecurrence: { incidents: 5, rootCauseLinks: 4 } });

    const after = (await rootCauses()).rootCauses.find((cause) => cause.id === payment.id)!;
    expect([after.incidentCount, after.links.find((l) => l.id === link.id)?.status]).toEqual([2, 'REJECTED']);
    const rejected = await t.gqlData<{ incident: { relatedIncidents: unknown[]; rootCauseLinks: { status: string; decidedBy: string }[] } }>(
      `query($id: ID!) { incident(id: $id) { relatedIncidents { reason } rootCauseLinks { status decidedBy } } }`,
      { id: link.incident.id },
    );
    expect(rejected.incident).toEqual({ relatedIncidents: [], rootCauseLinks: [{ status: 'REJECTED', decidedBy: 'tester' }] });
  });

  it('does not link unrelated postmortems to the memory-leak incidents', async () => {
    t = await startTestApp({ env: WHOLE_LISTS });
    for (const name of [...PAYMENT, ...CART]) await importFile(EXAMPLES, name);
    for (const name of documentsIn(FIXTURES)) await importFile(FIXTURES, name);
    const { rootCauses: causes } = await rootCauses();
    const leaks = causes.filter((cause) => cause.failureMode === 'memory-leak');
    expect(leaks.map((cause) => [cause.service.name, sourcesOf(cause.incidents)])).toEqual([
      ['payment gateway', [...PAYMENT].sort()],
      ['shopping cart service', [...CART].sort()],
      [expect.any(String), ['14-notify-worker-leak.md']],
    ]);
    // Only the five example leaks share a root cause with anything.
    expect(causes.filter((cause) => cause.incidentCount > 1).map((cause) => cause.incidentCount)).toEqual([3, 2]);
  });
});
