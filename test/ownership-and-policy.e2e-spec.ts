import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OwnershipService } from '../src/ownership/ownership.service';
import { createOwner } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';
import { threadCpuMs } from './support/thread-cpu';

const SERVICES = '{ services { nodes { name aliases owningTeam { name } } } }';

describe('ownership map and due-date policy from files', () => {
  const folder = mkdtempSync(join(tmpdir(), 'followthrough-config-'));
  let t: TestApp;

  beforeAll(async () => {
    writeFileSync(
      join(folder, 'ownership.yaml'),
      'services:\n  - name: search-api\n    aliases: [search service, query api]\n    team: discovery-team\n  - name: image-worker\n',
    );
    writeFileSync(join(folder, 'policy.yaml'), 'SEV1:\n  corrective: 3\n  detective: 5\n');
    t = await startTestApp({ now: new Date('2024-03-01T12:00:00Z'), env: { OWNERSHIP_FILE: join(folder, 'ownership.yaml'), DUE_POLICY_FILE: join(folder, 'policy.yaml') } });
  });
  afterAll(async () => {
    await t.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('applies OWNERSHIP_FILE at start: services, aliases and owning teams', async () => {
    expect(await t.gqlData(SERVICES)).toEqual({
      services: {
        nodes: [
          { name: 'image-worker', aliases: [], owningTeam: null },
          { name: 'search-api', aliases: ['search service', 'query api'], owningTeam: { name: 'discovery-team' } },
        ],
      },
    });
  });

  it('gives imported items the map\'s team and the policy file\'s due dates', async () => {
    const text = `# Search down

Start: 2024-02-20 10:00 UTC
End: 2024-02-20 13:00 UTC
Impact: 100% of searches failed.
Root Cause: A bad deploy of the search service.

## Action items

- Patch the query parser
- Alert on search error rate
- Train the team on canary releases
`;
    const result = await t.gqlData<{ importPostmortem: { incident: { severity: string }; actionItems: { title: string; dueOn: string; owner: { name: string } }[] } }>(
      'mutation($input: ImportPostmortemInput!) { importPostmortem(input: $input) { incident { severity } actionItems { title dueOn owner { name } } } }',
      { input: { text } },
    );
    expect(result.importPostmortem).toEqual({
      incident: { severity: 'SEV1' },
      actionItems: [
        // SEV1 corrective: 3 days (file); detective: 5 days (file); process: 28 days (default kept).
        { title: 'Patch the query parser', dueOn: '2024-02-23', owner: { name: 'discovery-team' } },
        { title: 'Alert on search error rate', dueOn: '2024-02-25', owner: { name: 'discovery-team' } },
        { title: 'Train the team on canary releases', dueOn: '2024-03-19', owner: { name: 'discovery-team' } },
      ],
    });
  });

  it('edits the map through updateService, refusing a taken name', async () => {
    const services = await t.gqlData<{ services: { nodes: { id: string; name: string }[] } }>('{ services { nodes { id name } } }');
    const worker = services.services.nodes.find((s) => s.name === 'image-worker')!;
    const media = await createOwner(t, { name: 'media-team' });
    const updated = await t.gqlData('mutation($input: UpdateServiceInput!) { updateService(input: $input) { name aliases owningTeam { name } } }', {
      input: { id: worker.id, aliases: ['image pipeline', ' image pipeline ', 'thumbnailer'], owningTeamId: media.id },
    });
    expect(updated).toEqual({ updateService: { name: 'image-worker', aliases: ['image pipeline', 'thumbnailer'], owningTeam: { name: 'media-team' } } });
    const taken = await t.gql('mutation($input: UpdateServiceInput!) { updateService(input: $input) { name } }', { input: { id: worker.id, name: 'search-api' } });
    expect(taken.errors?.map((e) => [e.extensions.code, e.message])).toEqual([['CONFLICT', 'A service named "search-api" already exists.']]);
  });

  // Issue 22, finding 13: an ownership file may not multiply itself through aliases, nor exceed 2 MiB.
  it('refuses an alias bomb quickly and a file over 2 MiB unread, changing nothing', async () => {
    const bomb = join(folder, 'bomb.yaml');
    const names = Array.from({ length: 3_400 }, (_, i) => `n${i}`).join(', ');
    writeFileSync(bomb, [`names: &names [${names}]`, 'services:', ...Array.from({ length: 12_000 }, (_, i) => `  - { name: bomb-${i}, aliases: *names }`)].join('\n'));
    const huge = join(folder, 'huge.yaml');
    writeFileSync(huge, 'services: []\n');
    truncateSync(huge, 3 * 1024 * 1024);
    const ownership = t.app.get(OwnershipService);
    const started = threadCpuMs(); // CPU time: a busy machine does not inflate it (the bomb took seconds of it)
    await expect(ownership.applyFile(bomb)).rejects.toThrow("The ownership file's anchors and aliases (&name, *name) make it more than 4 times its size; write the services out in full.");
    expect(threadCpuMs() - started).toBeLessThan(1_000);
    await expect(ownership.applyFile(huge)).rejects.toThrow('The ownership file is 3145728 bytes; at most 2097152 (2 MiB) are read.');
    const services = await t.gqlData<{ services: { nodes: { name: string }[] } }>('{ services(first: 100) { nodes { name } } }');
    expect(services.services.nodes.filter((s) => s.name.startsWith('bomb-'))).toEqual([]);
  });
});
