import { parseExposition, type Exposition } from './prometheus-exposition';
import { Role } from '../../src/auth/role';
import type { TestApp } from './test-app';

/** GET /metrics through the real HTTP stack, read strictly. */
export async function scrape(t: TestApp): Promise<Exposition> {
  const response = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: t.bearer(Role.VIEWER) } });
  if (response.statusCode !== 200) throw new Error(`/metrics answered ${response.statusCode}: ${response.body}`);
  return parseExposition(response.body);
}

/** One metric's samples as `{ "label values, space-separated, in exposition order": value }`, sorted by key. */
export function seriesOf(exposition: Exposition, name: string): Record<string, number> {
  const entries = exposition.samples.filter((sample) => sample.name === name).map((sample) => [Object.values(sample.labels).join(' '), sample.value] as const);
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
