import { issuesByIdJql, jqlDateTime, reconcileJql, reconcileWindowStart } from './jql';

describe('jqlDateTime', () => {
  it.each([
    ['2026-11-21T02:30:45.999Z', 'UTC', '2026/11/21 02:30'],
    ['2026-11-21T00:05:00.000Z', 'UTC', '2026/11/21 00:05'],
    ['2026-11-21T02:30:45.000Z', 'America/Sao_Paulo', '2026/11/20 23:30'],
    ['2026-11-21T18:45:00.000Z', 'Asia/Kolkata', '2026/11/22 00:15'],
    ['2026-11-21T18:29:59.000Z', 'Asia/Kolkata', '2026/11/21 23:59'],
    ['2026-07-01T10:00:00.000Z', 'Europe/Warsaw', '2026/07/01 12:00'],
    ['2026-12-31T23:00:00.000Z', 'Europe/Warsaw', '2027/01/01 00:00'],
  ])('%s in %s → %s', (instant, zone, expected) => {
    expect(jqlDateTime(new Date(instant), zone)).toBe(expected);
  });
});

describe('reconcileWindowStart', () => {
  const FIVE_MINUTES = 5 * 60_000;

  it('is null without a cursor: the first reconcile reads everything', () => {
    expect(reconcileWindowStart(null, FIVE_MINUTES)).toBeNull();
  });

  it('starts the overlap before the cursor, truncated to the minute', () => {
    expect(reconcileWindowStart(new Date('2026-11-21T08:07:42.123Z'), FIVE_MINUTES)).toEqual(new Date('2026-11-21T08:02:00.000Z'));
    expect(reconcileWindowStart(new Date('2026-11-21T08:01:10.000Z'), 2 * 60_000)).toEqual(new Date('2026-11-21T07:59:00.000Z'));
  });

  it('keeps a cursor already on the minute when there is no overlap', () => {
    expect(reconcileWindowStart(new Date('2026-11-21T08:07:00.000Z'), 0)).toEqual(new Date('2026-11-21T08:07:00.000Z'));
    expect(reconcileWindowStart(new Date('2026-11-21T08:07:59.999Z'), 0)).toEqual(new Date('2026-11-21T08:07:00.000Z'));
  });

  it('does not change the cursor it was given', () => {
    const cursor = new Date('2026-11-21T08:07:42.123Z');
    reconcileWindowStart(cursor, FIVE_MINUTES);
    expect(cursor.toISOString()).toBe('2026-11-21T08:07:42.123Z');
  });
});

describe('reconcileJql', () => {
  it('searches the label, oldest change first, without a window on the first run', () => {
    expect(reconcileJql('followthrough', null, 'UTC')).toBe('labels = "followthrough" ORDER BY updated ASC, key ASC');
  });

  it('bounds the search by a date in the Jira user\'s zone', () => {
    const since = new Date('2026-11-21T02:30:00.000Z');
    expect(reconcileJql('followthrough', since, 'UTC')).toBe('labels = "followthrough" AND updated >= "2026/11/21 02:30" ORDER BY updated ASC, key ASC');
    expect(reconcileJql('pm-action', since, 'America/Sao_Paulo')).toBe('labels = "pm-action" AND updated >= "2026/11/20 23:30" ORDER BY updated ASC, key ASC');
  });
});

describe('issuesByIdJql', () => {
  it('searches issues adopted without overwrite (none of our labels) by id, in the same window and order', () => {
    expect(issuesByIdJql(['10001', '10007'], null, 'UTC')).toBe('id in (10001, 10007) ORDER BY updated ASC, key ASC');
    expect(issuesByIdJql(['10001'], new Date('2026-11-21T02:30:00.000Z'), 'UTC')).toBe('id in (10001) AND updated >= "2026/11/21 02:30" ORDER BY updated ASC, key ASC');
  });
});
