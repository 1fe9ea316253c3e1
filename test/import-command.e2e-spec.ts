import { Command } from 'commander';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { registerImportCommand } from '../src/postmortems/import.command';
import { CART_LEAK_V1, NO_MEASURES } from './support/postmortem-texts';
import { createTestDatabase, type TestDatabase } from './support/test-database';

describe('cli import', () => {
  const folder = mkdtempSync(join(tmpdir(), 'followthrough-import-'));
  const saved = { ...process.env };
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
    // The CLI reads its configuration from the environment, like a user's shell.
    Object.assign(process.env, database.kind === 'postgres' ? database.env : { DATA_DIR: join(folder, 'data'), RUN_MIGRATIONS: 'true' }, { LOG_LEVEL: 'error' });
    mkdirSync(join(folder, 'docs', 'nested'), { recursive: true });
    writeFileSync(join(folder, 'docs', 'cart.md'), CART_LEAK_V1);
    writeFileSync(join(folder, 'docs', 'nested', 'search.txt'), NO_MEASURES);
    writeFileSync(join(folder, 'docs', 'nested', 'latin1.txt'), Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x75, 0x74, 0x61, 0x67, 0x65]));
    writeFileSync(join(folder, 'docs', 'empty.md'), '');
    writeFileSync(join(folder, 'docs', 'notes.json'), '{"ignored": true}');
    writeFileSync(join(folder, 'ownership.yaml'), 'services:\n  - name: shopping-cart\n    aliases: [shopping cart service]\n    team: cart-team\n');
  });
  afterAll(async () => {
    process.env = saved;
    rmSync(folder, { recursive: true, force: true });
    await database.drop();
  });

  async function runImport(...args: string[]): Promise<{ output: string; exitCode: number }> {
    const program = new Command().exitOverride();
    registerImportCommand(program);
    let output = '';
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      output += String(chunk);
      return true;
    });
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    process.exitCode = 0;
    try {
      await program.parseAsync(['node', 'cli', 'import', ...args]);
    } finally {
      write.mockRestore();
      stderr.mockRestore();
    }
    const exitCode = Number(process.exitCode ?? 0);
    process.exitCode = 0;
    return { output, exitCode };
  }

  it('imports a folder recursively, continues past bad files, and exits non-zero with the reasons', async () => {
    const first = await runImport(join(folder, 'docs'), '--ownership', join(folder, 'ownership.yaml'));
    const rows = first.output.split('\n').filter((line) => line.includes('docs/')).map((line) => line.replace(/\s+/g, ' ').replace(/^.*docs\//, ''));
    expect({ exitCode: first.exitCode, rows, total: first.output.trim().split('\n').at(-1) }).toEqual({
      exitCode: 1,
      rows: [
        'cart.md imported 3 Cart outage: shopping cart memory leak',
        'empty.md failed 0 The document is empty.',
        'nested/latin1.txt failed 0 The file is not valid UTF-8 text; save it as UTF-8 and import it again.',
        'nested/search.txt imported 0 Search was slow for ten minutes (1 warning(s))',
      ],
      total: '2 imported · 0 revised · 0 unchanged · 2 failed',
    });
    if (database.kind === 'postgres') {
      const client = new Client({ connectionString: database.env.DATABASE_URL });
      await client.connect();
      const owners = await client.query(`SELECT o.name, count(*)::int AS items FROM action_item i JOIN owner o ON o.id = i.owner_id GROUP BY o.name ORDER BY o.name`);
      await client.end();
      expect(owners.rows).toEqual([
        { name: 'cart-team', items: 2 },
        { name: 'dana', items: 1 },
      ]);
    }
  });

  it('changes nothing the second time', async () => {
    const again = await runImport(join(folder, 'docs', 'cart.md'), join(folder, 'docs', 'nested', 'search.txt'));
    expect([again.exitCode, again.output.trim().split('\n').at(-1)]).toEqual([0, '0 imported · 0 revised · 2 unchanged · 0 failed']);
  });
});
