/** Small wire-format helpers shared by the fake's modules. */

/** Jira's timestamp shape: milliseconds and an offset without a colon, e.g. `2026-11-21T08:00:00.000+0000`. The fake's site runs in UTC. */
export function jiraTimestamp(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}

export function deepCopy<T>(value: T): T {
  return structuredClone(value);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Avatar URLs in the shape Jira sends; they only need to be absolute URIs. */
export function avatarUrls(base: string, kind: 'user' | 'project', id: string): Record<string, string> {
  const path = kind === 'user' ? `${base}/avatar/user/${id}` : `${base}/secure/projectavatar?pid=${id}`;
  const join = path.includes('?') ? '&' : '?';
  return Object.fromEntries(['16x16', '24x24', '32x32', '48x48'].map((size) => [size, `${path}${join}size=${size.split('x')[0]}`]));
}

export const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date in YYYY-MM-DD (rejects 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  const m = DATE_ONLY.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === value;
}
