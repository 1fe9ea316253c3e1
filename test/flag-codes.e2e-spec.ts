import { ActionItemEntity } from '../src/action-items/action-item.entity';
import { loadFlagWitnesses } from '../src/action-items/flag-witnesses';
import { loadItemRecurrence } from '../src/action-items/item-recurrence';
import { flagsFor, type FlagContext } from '../src/flags/action-item-flags';
import { startTestApp, TEST_NOW, type TestApp } from './support/test-app';
import { Random } from '../bench/corpus/random';

// Rows are written in SQL, not through the API: only SQL reaches sub-millisecond instants, ties, undated and
// rejected links, and DONE items with or without a completion time, where a witness query could go wrong.
const STATUSES = ['OPEN', 'IN_PROGRESS', 'BLOCKED', 'DONE', 'WONT_DO'];
const LINK_STATUSES = ['SUGGESTED', 'CONFIRMED', 'REJECTED'];
// Instants close together: equal, 0.4 ms apart (equal as JavaScript Dates), 1 ms and a day apart.
const INSTANTS = ['2024-03-01T10:00:00Z', '2024-03-01T10:00:00.0004Z', '2024-03-01T10:00:00.001Z', '2024-03-02T10:00:00Z', '2024-04-01T00:00:00.0007Z', '2024-05-01T00:00:00Z'];


describe('flag codes from witnesses', () => {
  let t: TestApp;
  let ids: string[];
  const context: FlagContext = { today: '2024-07-01', now: TEST_NOW, timeZone: 'UTC', dueSoonDays: 7, staleAfterDays: 30 };

  beforeAll(async () => {
    t = await startTestApp();
    const r = new Random(8); // seeded, so a failure reproduces
    const q = <T = { id: string }[]>(sql: string, params: unknown[] = []): Promise<T> => t.dataSource.query(sql, params);
    const [service] = await q(`INSERT INTO service (name) VALUES ('checkout') RETURNING id`);
    const rootCauses = await q(
      `INSERT INTO root_cause (failure_mode, service_id) SELECT mode, $1 FROM unnest(ARRAY['memory-leak', 'database', 'network-dns']) mode RETURNING id`,
      [service.id],
    );
    const incidents: string[] = [];
    for (let n = 0; n < 30; n++) {
      const startedAt = r.next() < 0.2 ? null : r.pick(INSTANTS);
      const [incident] = await q(`INSERT INTO incident (title, started_at, created_at) VALUES ($1, $2, $3) RETURNING id`, [`Incident ${n}`, startedAt, r.pick(INSTANTS)]);
      incidents.push(incident.id);
      for (const rootCause of rootCauses) {
        if (r.next() < 0.4) {
          await q(`INSERT INTO root_cause_link (incident_id, root_cause_id, status, confidence, evidence) VALUES ($1, $2, $3, 0.9, 'test')`, [incident.id, rootCause.id, r.pick(LINK_STATUSES)]);
        }
      }
    }
    const measures = await q(`INSERT INTO measure (title) SELECT 'Measure ' || n FROM generate_series(1, 6) n RETURNING id`);
    for (let n = 0; n < 240; n++) {
      const status = r.pick(STATUSES);
      const completedAt = status === 'DONE' && r.next() < 0.8 ? r.pick(INSTANTS) : null;
      await q(
        `INSERT INTO action_item (incident_id, title, kind, status, measure_id, due_on, created_at, updated_at, completed_at)
         VALUES ($1, $2, 'PREVENTIVE', $3, $4, '2024-06-01', $5, $5, $6)`,
        [r.pick(incidents), `Alert when checkout errors exceed ${n}%`, status, r.next() < 0.8 ? r.pick(measures).id : null, r.pick(INSTANTS), completedAt],
      );
    }
    const rows = await q(`SELECT id FROM action_item ORDER BY id`);
    ids = rows.map((row) => row.id);
  });
  afterAll(() => t.close());

  it('gives exactly the codes that every fact gives, item by item', async () => {
    const items = await t.dataSource.getRepository(ActionItemEntity).findBy({});
    const [all, witnesses] = await Promise.all([loadItemRecurrence(t.dataSource, ids), loadFlagWitnesses(t.dataSource, ids)]);
    const codesOf = (facts: typeof all) =>
      items.map((item) => [item.id, flagsFor({ ...item, lastActivityAt: item.updatedAt }, facts.get(item.id) ?? null, context).map((flag) => flag.code).join(' ')]);
    const expected = codesOf(all);
    expect(codesOf(witnesses)).toEqual(expected);
    // The data reaches every recurrence rule both ways.
    for (const code of ['PROMISED_AGAIN', 'RECURRED_WHILE_OPEN', 'INEFFECTIVE']) {
      const flagged = expected.filter(([, codes]) => codes.includes(code)).length;
      expect({ code, some: flagged > 0, notAll: flagged < items.length }).toEqual({ code, some: true, notAll: true });
    }
  });

  it('answers codes alone, through fragments too, as it answers them with reasons', async () => {
    type Page = { actionItems: { nodes: { id: string; flags: { code: string }[] }[] } };
    const page = (flags: string, fragments = '') => t.gqlData<Page>(`{ actionItems(first: 100) { nodes { id flags ${flags} } } } ${fragments}`);
    const codes = (data: Page) => data.actionItems.nodes.map((node) => [node.id, node.flags.map((flag) => flag.code).join(' ')]);
    const full = codes(await page('{ code reason evidence { incidentId } }'));
    let witnessQueries = 0;
    const stop = t.database.queries.onQuery((sql) => (witnessQueries += sql.includes('LEFT JOIN LATERAL') ? 1 : 0));
    try {
      expect(codes(await page('{ code }'))).toEqual(full);
      expect(codes(await page('{ ...codeOnly }', 'fragment codeOnly on Flag { code __typename }'))).toEqual(full);
      expect(codes(await page('{ ... on Flag { code } }'))).toEqual(full);
    } finally {
      stop();
    }
    expect(witnessQueries).toBe(3);
  });
});
