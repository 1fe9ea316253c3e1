import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createActionItem, createIncident } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

const IMPORT = `mutation($input: ImportPostmortemInput!) { importPostmortem(input: $input) { outcome incident { id } } }`;
const UPDATE = `mutation($input: UpdateActionItemInput!) { updateActionItem(input: $input) { version title } }`;

interface ImportAnswer {
  importPostmortem: { outcome: string; incident: { id: string } };
}

describe('concurrent writers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('imports one document sent three times at once into one incident: one CREATED, the others UNCHANGED', async () => {
    const text = readFileSync(join(__dirname, '..', 'examples', '2024-03-payment-gateway-leak.md'), 'utf8');
    const answers = await Promise.all([1, 2, 3].map(() => t.gqlData<ImportAnswer>(IMPORT, { input: { text, sourceUri: 'examples/2024-03.md' } })));
    expect(answers.map((answer) => answer.importPostmortem.outcome).sort()).toEqual(['CREATED', 'UNCHANGED', 'UNCHANGED']);
    expect(new Set(answers.map((answer) => answer.importPostmortem.incident.id)).size).toBe(1);
    expect(await t.dataSource.query(`SELECT count(*)::int AS incidents, (SELECT count(*)::int FROM postmortem) AS postmortems FROM incident`)).toEqual([{ incidents: 1, postmortems: 1 }]);
  });

  it('lets one of two editors who read the same version win; the other gets CONFLICT and nothing of theirs is written', async () => {
    const incident = await createIncident(t);
    const item = await createActionItem(t, { incidentId: incident.id, title: 'Alert on heap growth' });
    const [first, second] = await Promise.all(
      ['Alert on heap growth per pod', 'Alert on heap growth per node'].map((title) => t.gql<{ updateActionItem: { version: number; title: string } }>(UPDATE, { input: { id: item.id, version: item.version, title } })),
    );
    const winners = [first, second].filter((answer) => !answer.errors);
    const losers = [first, second].filter((answer) => answer.errors);
    expect({ winners: winners.length, loserCode: losers[0]?.errors?.[0].extensions.code }).toEqual({ winners: 1, loserCode: 'CONFLICT' });
    const { actionItem: stored } = await t.gqlData<{ actionItem: { title: string; version: number; history: { field: string }[] } }>(
      `query($id: ID!) { actionItem(id: $id) { title version history { field } } }`,
      { id: item.id },
    );
    expect({ title: stored.title, version: stored.version, titleChanges: stored.history.filter((event) => event.field === 'title').length }).toEqual({
      title: winners[0].data?.updateActionItem.title,
      version: item.version + 1,
      titleChanges: 1,
    });
  });
});
