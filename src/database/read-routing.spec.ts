import { isPlainRead, readFromReplicas, replicaScope } from './read-routing';

describe('read routing', () => {
  it('opts in only inside readFromReplicas, across awaits, with one scope per call', async () => {
    expect(replicaScope()).toBeUndefined();
    const scopes = await Promise.all(
      [1, 2].map((n) =>
        readFromReplicas(async () => {
          await new Promise((resolve) => setImmediate(resolve));
          const scope = replicaScope();
          if (scope) scope.pinned = n;
          await Promise.resolve();
          return replicaScope();
        }),
      ),
    );
    expect(scopes).toEqual([{ pinned: 1 }, { pinned: 2 }]);
    expect(replicaScope()).toBeUndefined();
  });

  it.each([
    'SELECT id, updated_at FROM action_item WHERE status = $1',
    '  select count(*) from owner',
    `WITH open AS (SELECT id FROM action_item WHERE status <> 'WONT_DO') SELECT count(*) FROM open`,
  ])('a plain read: %s', (sql) => {
    expect(isPlainRead(sql)).toBe(true);
  });

  it.each([
    'INSERT INTO owner (name) VALUES ($1)',
    'WITH claimed AS (UPDATE jira_sync SET locked_by = $1 RETURNING *) SELECT * FROM claimed',
    'SELECT * FROM jira_sync FOR UPDATE SKIP LOCKED',
    'SELECT * FROM jira_sync FOR KEY SHARE',
    'SELECT pg_advisory_xact_lock(hashtext($1))',
    "SELECT nextval('seq')",
    'START TRANSACTION',
    'DELETE FROM measure WHERE id = $1',
  ])('not a plain read: %s', (sql) => {
    expect(isPlainRead(sql)).toBe(false);
  });
});
