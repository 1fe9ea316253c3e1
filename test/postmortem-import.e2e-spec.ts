import { createOwner, createService } from './support/factories';
import { CART_LEAK_V1, CART_LEAK_V2, NO_MEASURES } from './support/postmortem-texts';
import { startTestApp, type TestApp } from './support/test-app';

const IMPORT = `mutation($input: ImportPostmortemInput!) {
  importPostmortem(input: $input) {
    outcome
    changes { created updated removed unchanged }
    warnings { line column code }
    incident { title startedAt durationMinutes impactPercent severity rootCause { failureMode component } service { name } }
    postmortem { revision sourceUri format }
    actionItems { title status dueOn dueOrigin ownerOrigin owner { name } flags { code } source { section lineStart text } }
  }
}`;

interface ImportedItem {
  title: string;
  status: string;
  dueOn: string;
  dueOrigin: string;
  ownerOrigin: string | null;
  owner: { name: string } | null;
  flags: { code: string }[];
  source: { section: string; lineStart: number; text: string };
}
interface ImportPayload {
  importPostmortem: {
    outcome: string;
    changes: Record<string, number>;
    warnings: { line: number; column: number; code: string }[];
    incident: Record<string, unknown>;
    postmortem: Record<string, unknown>;
    actionItems: ImportedItem[];
  };
}

describe('importing postmortems', () => {
  let t: TestApp;
  const importText = (text: string, sourceUri?: string) => t.gql<ImportPayload>(IMPORT, { input: { text, sourceUri } });
  const count = async (table: string) => Number((await t.dataSource.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    t = await startTestApp({ now: new Date('2024-05-03T12:00:00Z'), env: { IMPORT_MAX_BYTES: String(64 * 1024) } });
    const cartTeam = await createOwner(t, { name: 'cart-team' });
    await createService(t, { name: 'shopping-cart', aliases: ['shopping cart service', 'cart service'], owningTeamId: cartTeam.id });
  });
  afterAll(() => t.close());

  it('creates the incident and every measure as an owned, due-dated item with its provenance', async () => {
    const { data } = await importText(CART_LEAK_V1, 'https://wiki.example.com/pm/cart-2024-05');
    const result = data!.importPostmortem;
    expect({ ...result, actionItems: undefined }).toEqual({
      outcome: 'CREATED',
      changes: { created: 3, updated: 0, removed: 0, unchanged: 0 },
      warnings: [],
      incident: {
        title: 'Cart outage: shopping cart memory leak',
        startedAt: '2024-05-02T09:00:00.000Z',
        durationMinutes: 90,
        impactPercent: 25,
        severity: 'SEV2',
        rootCause: { failureMode: 'memory-leak', component: 'shopping cart service' },
        service: { name: 'shopping-cart' },
      },
      postmortem: { revision: 1, sourceUri: 'https://wiki.example.com/pm/cart-2024-05', format: 'MARKDOWN' },
      actionItems: undefined,
    });
    expect(result.actionItems).toEqual([
      {
        title: 'Add heap usage alerts for the shopping cart service',
        status: 'OPEN',
        // SEV2 detective measure: 30 days from the incident's start, by the default policy.
        dueOn: '2024-06-01',
        dueOrigin: 'POLICY',
        ownerOrigin: 'OWNERSHIP_MAP',
        owner: { name: 'cart-team' },
        flags: [],
        source: { section: 'Action items', lineStart: 11, text: 'Add heap usage alerts for the shopping cart service' },
      },
      {
        title: 'Run a load test of checkout before every release (owner: @dana) by 2024-06-15',
        status: 'OPEN',
        dueOn: '2024-06-15',
        dueOrigin: 'TEXT',
        ownerOrigin: 'TEXT',
        owner: { name: 'dana' },
        flags: [],
        source: { section: 'Action items', lineStart: 12, text: 'Run a load test of checkout before every release (owner: @dana) by 2024-06-15' },
      },
      {
        title: 'Review the cart session cache code for unbounded maps',
        status: 'OPEN',
        // A one-off code review to find the defect: corrective, so also 30 days.
        dueOn: '2024-06-01',
        dueOrigin: 'POLICY',
        ownerOrigin: 'OWNERSHIP_MAP',
        owner: { name: 'cart-team' },
        // "Review …" names no deliverable to check it by.
        flags: [{ code: 'VAGUE' }],
        source: { section: 'Action items', lineStart: 13, text: 'Review the cart session cache code for unbounded maps' },
      },
    ]);
  });

  it('changes nothing when the same content is imported again', async () => {
    const before = await Promise.all(['incident', 'postmortem', 'action_item', 'action_item_event'].map(count));
    const { data } = await importText(CART_LEAK_V1, 'https://wiki.example.com/pm/cart-2024-05');
    expect([data!.importPostmortem.outcome, data!.importPostmortem.changes]).toEqual(['UNCHANGED', { created: 0, updated: 0, removed: 0, unchanged: 3 }]);
    expect(await Promise.all(['incident', 'postmortem', 'action_item', 'action_item_event'].map(count))).toEqual(before);
  });

  it('imports an edited document from the same source as a revision, keeping what people changed', async () => {
    const first = (await importText(CART_LEAK_V1, 'https://wiki.example.com/pm/cart-2024-05')).data!.importPostmortem;
    // A person reassigns the alerting item before the postmortem is edited.
    const alerts = await t.gqlData<{ actionItems: { nodes: { id: string; version: number }[] } }>('{ actionItems(filter: { search: "heap usage alerts" }) { nodes { id version } } }');
    const alice = await createOwner(t, { kind: 'PERSON', name: 'alice' });
    await t.gqlData('mutation($input: UpdateActionItemInput!) { updateActionItem(input: $input) { id } }', {
      input: { id: alerts.actionItems.nodes[0].id, version: alerts.actionItems.nodes[0].version, ownerId: alice.id },
    });

    const revised = (await importText(CART_LEAK_V2, 'https://wiki.example.com/pm/cart-2024-05')).data!.importPostmortem;
    expect([first.outcome, revised.outcome, revised.postmortem.revision, revised.changes]).toEqual(['UNCHANGED', 'REVISED', 2, { created: 1, updated: 1, removed: 1, unchanged: 1 }]);
    expect(revised.actionItems.map((item) => [item.title, item.owner?.name ?? null, item.ownerOrigin, item.flags.map((f) => f.code)])).toEqual([
      ['Add heap usage alerts and a dashboard for the shopping cart service', 'alice', 'MANUAL', []],
      ['Run a load test of checkout before every release (owner: @dana) by 2024-06-15', 'dana', 'TEXT', []],
      ['Review the cart session cache code for unbounded maps', 'cart-team', 'OWNERSHIP_MAP', ['REMOVED_FROM_SOURCE', 'VAGUE']],
      ['Cap the cart session cache at 50,000 entries', 'cart-team', 'OWNERSHIP_MAP', []],
    ]);
    expect(await count('incident')).toBe(1);
  });

  it('imports measures nobody owns, flagged UNOWNED, when neither the text nor the ownership map names an owner', async () => {
    const text = '# Ledger export stalled\n\nRoot Cause: A deadlock in the ledger exporter.\n\n## Action items\n\n- Add a timeout to the export job\n';
    const { data } = await importText(text);
    expect(data!.importPostmortem.actionItems.map((item) => [item.owner, item.ownerOrigin, item.dueOrigin, item.flags.map((f) => f.code)])).toEqual([[null, null, 'POLICY', ['UNOWNED']]]);
  });

  it('imports a document with no measures, with a positioned warning', async () => {
    const { data } = await importText(NO_MEASURES);
    expect([data!.importPostmortem.outcome, data!.importPostmortem.actionItems, data!.importPostmortem.warnings]).toEqual([
      'CREATED',
      [],
      [{ line: 1, column: 1, code: 'NO_ACTION_ITEMS' }],
    ]);
  });

  it.each([
    ['an empty document', '   \n\t\n', 'BAD_USER_INPUT', 'EMPTY_DOCUMENT'],
    ['a binary document', `PK\u0003\u0004\u0000\u0000binary`, 'BAD_USER_INPUT', 'NOT_TEXT'],
    ['a document over IMPORT_MAX_BYTES', `# Big\n${'x'.repeat(70 * 1024)}`, 'PAYLOAD_TOO_LARGE', 'DOCUMENT_TOO_LARGE'],
  ])('refuses %s with a clear code and saves nothing', async (_, text, code, reason) => {
    const before = await count('postmortem');
    const response = await importText(text);
    expect(response.errors?.map((e) => [e.extensions.code, e.extensions.reason])).toEqual([[code, reason]]);
    expect(await count('postmortem')).toBe(before);
  });

  it('rolls the whole document back when any part of the import fails', async () => {
    // A database-side failure on the second item, after the incident, postmortem and first item were written.
    await t.dataSource.query(`
      CREATE FUNCTION fail_on_marker() RETURNS trigger AS $$
      BEGIN IF NEW.title LIKE '%explode%' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql;
      CREATE TRIGGER fail_on_marker BEFORE INSERT ON action_item FOR EACH ROW EXECUTE FUNCTION fail_on_marker();`);
    const before = await Promise.all(['incident', 'postmortem', 'action_item'].map(count));
    const response = await importText('# Doomed\n\n## Action items\n\n- Add a first alert\n- Then explode on the second item\n');
    await t.dataSource.query('DROP TRIGGER fail_on_marker ON action_item; DROP FUNCTION fail_on_marker();');
    expect(response.errors?.map((e) => e.extensions.code)).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(await Promise.all(['incident', 'postmortem', 'action_item'].map(count))).toEqual(before);
  });

  it('imports one incident when the same new document arrives twice at once', async () => {
    const text = CART_LEAK_V1.replace('Cart outage', 'Cart outage (again)');
    const results = await Promise.all([importText(text, 'https://wiki.example.com/pm/twice'), importText(text, 'https://wiki.example.com/pm/twice')]);
    expect(results.map((r) => r.data?.importPostmortem.outcome).sort()).toEqual(['CREATED', 'UNCHANGED']);
    expect(Number((await t.dataSource.query(`SELECT count(*) AS n FROM incident WHERE title = 'Cart outage (again): shopping cart memory leak'`))[0].n)).toBe(1);
  });

  it('previews a document without saving anything', async () => {
    const before = await count('incident');
    const preview = await t.gqlData<{ previewPostmortem: unknown }>(
      'query($text: String!) { previewPostmortem(text: $text) { title durationMinutes rootCause { category component } actionItems { kind owner due lineStart } warnings { code } } }',
      { text: CART_LEAK_V1 },
    );
    expect(preview.previewPostmortem).toEqual({
      title: 'Cart outage: shopping cart memory leak',
      durationMinutes: 90,
      rootCause: { category: 'memory-leak', component: 'shopping cart service' },
      actionItems: [
        { kind: 'DETECTIVE', owner: null, due: null, lineStart: 11 },
        { kind: 'PREVENTIVE', owner: '@dana', due: '2024-06-15', lineStart: 12 },
        { kind: 'CORRECTIVE', owner: null, due: null, lineStart: 13 },
      ],
      warnings: [],
    });
    expect(await count('incident')).toBe(before);
  });
});
