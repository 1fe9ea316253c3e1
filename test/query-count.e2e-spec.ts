import { createActionItem, createIncident, createOwner, createService } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

const DASHBOARD = `query($first: Int) {
  actionItems(first: $first) {
    totalCount
    nodes { title isOverdue owner { name } service { name owningTeam { name } } incident { title actionItems { id } } history { field } source { postmortem { id } } }
  }
}`;

describe('field resolvers batch through per-request DataLoaders', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    const owners = await Promise.all([1, 2, 3, 4, 5].map((n) => createOwner(t, { name: `owner-${n}` })));
    // Teams distinct from item owners, so no load is answered from the loader's cache and the count is exact.
    const teams = await Promise.all([1, 2, 3].map((n) => createOwner(t, { name: `team-${n}` })));
    const services = teams.map((team, n) => createService(t, { name: `svc-${n}`, owningTeamId: team.id }));
    const resolvedServices = await Promise.all(services);
    const incidents = await Promise.all([1, 2, 3, 4, 5, 6, 7].map((n) => createIncident(t, { title: `incident-${n}` })));
    for (let i = 0; i < 60; i++) {
      await createActionItem(t, { incidentId: incidents[i % 7].id, ownerId: owners[i % 5].id, serviceId: resolvedServices[i % 3].id, dueOn: '2024-06-01' });
    }
  });
  afterAll(() => t.close());

  async function countQueries(first: number): Promise<{ rows: number; queries: number }> {
    let queries = 0;
    const stop = t.database.queries.onQuery(() => queries++);
    try {
      const data = await t.gqlData<{ actionItems: { nodes: unknown[] } }>(DASHBOARD, { first });
      return { rows: data.actionItems.nodes.length, queries };
    } finally {
      stop();
    }
  }

  it('costs the same number of SQL queries for 5 items as for 50', async () => {
    const small = await countQueries(5);
    const large = await countQueries(50);
    // The API token, the data version (the response cache's check), count, page, then one batch each: owners,
    // services, their teams, incidents, items of incidents, histories.
    expect({ small, large }).toEqual({ small: { rows: 5, queries: 10 }, large: { rows: 50, queries: 10 } });
  });
});
