import type { TestApp } from './test-app';

/** Factories that go through the public API, so every test row is one a client could have made. */
let sequence = 0;
const next = () => ++sequence;

export async function createOwner(t: TestApp, input: Record<string, unknown> = {}): Promise<{ id: string; name: string }> {
  const data = await t.gqlData<{ createOwner: { id: string; name: string } }>(
    'mutation($input: CreateOwnerInput!) { createOwner(input: $input) { id name } }',
    { input: { kind: 'TEAM', name: `team-${next()}`, ...input } },
  );
  return data.createOwner;
}

export async function createService(t: TestApp, input: Record<string, unknown> = {}): Promise<{ id: string; name: string }> {
  const data = await t.gqlData<{ createService: { id: string; name: string } }>(
    'mutation($input: CreateServiceInput!) { createService(input: $input) { id name } }',
    { input: { name: `service-${next()}`, ...input } },
  );
  return data.createService;
}

export async function createIncident(t: TestApp, input: Record<string, unknown> = {}): Promise<{ id: string; title: string }> {
  const data = await t.gqlData<{ createIncident: { id: string; title: string } }>(
    'mutation($input: CreateIncidentInput!) { createIncident(input: $input) { id title } }',
    { input: { title: `Incident ${next()}`, ...input } },
  );
  return data.createIncident;
}

export interface CreatedItem {
  id: string;
  title: string;
  version: number;
  status: string;
}

export async function createActionItem(t: TestApp, input: Record<string, unknown> & { incidentId: string }): Promise<CreatedItem> {
  const data = await t.gqlData<{ createActionItem: CreatedItem }>(
    'mutation($input: CreateActionItemInput!) { createActionItem(input: $input) { id title version status } }',
    { input: { title: `Measure ${next()}`, kind: 'PREVENTIVE', ...input } },
  );
  return data.createActionItem;
}
