import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ActionItemStatus } from '../src/action-items/action-item-enums';
import { FLAG_CODES } from '../src/flags/action-item-flags';
import { JiraSyncState } from '../src/jira/jira-sync-state';
import { createActionItem, createIncident, createOwner } from './support/factories';
import { scrape } from './support/metrics-scrape';
import { startTestApp, type TestApp } from './support/test-app';

interface Panel {
  id: number;
  type: string;
  title: string;
  datasource?: { type: string; uid: string };
  targets?: { expr: string }[];
  panels?: Panel[];
}
interface Variable {
  name: string;
  type: string;
  query: string | { query: string };
}
interface Dashboard {
  schemaVersion: number;
  uid: string;
  panels: Panel[];
  templating: { list: Variable[] };
}

const dashboard = JSON.parse(readFileSync(join(__dirname, '..', 'deploy', 'grafana', 'followthrough.json'), 'utf8')) as Dashboard;
const panels = dashboard.panels.flatMap((panel) => [panel, ...(panel.panels ?? [])]);
const variables = new Map(dashboard.templating.list.map((variable) => [variable.name, variable]));
const queryOf = (variable: Variable | undefined) => (typeof variable?.query === 'string' ? variable.query : variable?.query.query);
const expressions = [...panels.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr)), queryOf(variables.get('team'))!];
// Labels Prometheus adds to every scraped series.
const TARGET_LABELS = ['instance', 'job'];
// Label values an expression may name literally, by label.
const KNOWN_VALUES: Record<string, readonly string[]> = { flag: FLAG_CODES, status: Object.values(ActionItemStatus), state: Object.values(JiraSyncState) };

describe('the Grafana dashboard (deploy/grafana/followthrough.json)', () => {
  it('has a Prometheus data source variable, a team variable, and every panel querying through them', () => {
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(39);
    expect([variables.get('datasource')?.type, queryOf(variables.get('datasource'))]).toEqual(['datasource', 'prometheus']);
    expect([variables.get('team')?.type, queryOf(variables.get('team'))]).toEqual(['query', 'label_values(followthrough_action_items, team)']);
    const queried = panels.filter((panel) => panel.type !== 'row');
    expect(queried.filter((panel) => !panel.targets?.length || panel.datasource?.uid !== '${datasource}').map((panel) => panel.title)).toEqual([]);
    expect(new Set(panels.map((panel) => panel.id)).size).toBe(panels.length);
  });

  it('names the broken-promise flags, and only label values the service uses', () => {
    const named = (label: string) => expressions.flatMap((expr) => [...expr.matchAll(new RegExp(`\\b${label}=~?"([^"$]*)"`, 'g'))].flatMap((match) => match[1].split('|')));
    expect(new Set(named('flag'))).toEqual(new Set(['PROMISED_AGAIN', 'RECURRED_WHILE_OPEN', 'INEFFECTIVE']));
    for (const [label, known] of Object.entries(KNOWN_VALUES)) expect({ label, unknown: named(label).filter((value) => !known.includes(value)) }).toEqual({ label, unknown: [] });
  });

  describe('against a scrape of the service', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
      const team = await createOwner(t);
      await createActionItem(t, { incidentId: (await createIncident(t)).id, ownerId: team.id, dueOn: '2024-06-01' });
    });
    afterAll(() => t.close());

    it('uses only metrics the service exports, with labels they carry', async () => {
      const { samples, families } = await scrape(t);
      const labelsOf = new Map<string, Set<string>>();
      const exported = (name: string, labels: string[]) => labelsOf.set(name, new Set([...(labelsOf.get(name) ?? []), ...labels, ...TARGET_LABELS]));
      for (const sample of samples) exported(sample.name, Object.keys(sample.labels));
      // A histogram's series exist before its first observation: name them from its # TYPE line.
      for (const family of families.values()) if (family.type === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) exported(`${family.name}${suffix}`, []);

      for (const expr of expressions) {
        const used = [...new Set(expr.match(/\bfollowthrough_[a-zA-Z0-9_:]*/g) ?? [])];
        expect({ expr, metrics: used.length > 0, unknown: used.filter((name) => !labelsOf.has(name)) }).toEqual({ expr, metrics: true, unknown: [] });
        const available = new Set(used.flatMap((name) => [...labelsOf.get(name)!]));
        const matched = [...expr.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)\s*"/g)].map((match) => match[1]);
        const grouped = [...expr.matchAll(/\b(?:by|without)\s*\(([^)]*)\)/g)].flatMap((match) => match[1].split(',').map((label) => label.trim()));
        const labelArguments = [...expr.matchAll(/label_values\([^,]+,\s*([a-zA-Z_][a-zA-Z0-9_]*)\)/g)].map((match) => match[1]);
        expect({ expr, unknownLabels: [...matched, ...grouped, ...labelArguments].filter((label) => !available.has(label)) }).toEqual({ expr, unknownLabels: [] });
      }
    });
  });
});
