/** JQL for the reconcile search, and Jira's date literals ("yyyy/MM/dd HH:mm", read in the Jira user's zone). */
export function reconcileJql(label: string, since: Date | null, timeZone: string): string {
  const window = since ? ` AND updated >= "${jqlDateTime(since, timeZone)}"` : '';
  return `labels = "${label}"${window} ORDER BY updated ASC, key ASC`;
}

/** JQL for issues adopted without overwrite, which carry none of our labels: by their ids. */
export function issuesByIdJql(ids: readonly string[], since: Date | null, timeZone: string): string {
  const window = since ? ` AND updated >= "${jqlDateTime(since, timeZone)}"` : '';
  return `id in (${ids.join(', ')})${window} ORDER BY updated ASC, key ASC`;
}

/**
 * JQL dates have minute resolution, so the window starts at the minute before the cursor minus an overlap:
 * re-reading a few issues is harmless (stale ones are skipped), missing one is not.
 */
export function reconcileWindowStart(cursor: Date | null, overlapMs: number): Date | null {
  if (!cursor) return null;
  const start = new Date(cursor.getTime() - overlapMs);
  start.setUTCSeconds(0, 0);
  return start;
}

export function jqlDateTime(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}/${parts.month}/${parts.day} ${parts.hour}:${parts.minute}`;
}
