import { Role } from '../src/auth/role';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OwnershipService } from '../src/ownership/ownership.service';
import { expositionProblems } from './support/exposition-rules';
import { createActionItem, createIncident, createOwner } from './support/factories';
import { parseExposition } from './support/prometheus-exposition';
import { startTestApp, type TestApp } from './support/test-app';

const EXAMPLES = join(__dirname, '..', 'examples');
const IMPORT = `mutation($input: ImportPostmortemInput!) { importPostmortem(input: $input) { outcome } }`;

const WELL_FORMED = `# HELP jobs_total Jobs done, with a \\\\ and a \\n in the help.
# TYPE jobs_total counter
jobs_total{queue="a \\"quoted\\" \\\\ name\\nwith a newline"} 3
jobs_total{queue="b"} 1e3 1700000000000
# HELP latency_seconds Latency.
# TYPE latency_seconds histogram
latency_seconds_bucket{le="0.1"} 1
latency_seconds_bucket{le="+Inf"} 2
latency_seconds_sum 0.3
latency_seconds_count 2
# HELP size_bytes Size.
# TYPE size_bytes summary
size_bytes{quantile="0.5"} NaN
size_bytes_sum 0
size_bytes_count 0
`;

describe('the /metrics exposition format', () => {
  it('accepts a well-formed exposition, and finds each kind of mistake promtool would', () => {
    expect(expositionProblems(WELL_FORMED)).toEqual([]);
    const mistakes: [string, string, RegExp][] = [
      ['a sample before its TYPE', 'up 1\n# HELP up Up.\n# TYPE up gauge\n', /no # TYPE line before it/],
      ['no HELP', '# TYPE up gauge\nup 1\n', /no # HELP line/],
      ['a bad metric name', '# HELP up Up.\n# TYPE up gauge\n1up 1\n', /bad metric name "1up"/],
      ['a blank metric name', '# HELP up Up.\n# TYPE up gauge\n{a="b"} 1\n', /blank metric name/],
      ['a bad label name', '# HELP up Up.\n# TYPE up gauge\nup{a-b="c"} 1\n', /unreadable labels|bad label name/],
      ['a reserved label name', '# HELP up Up.\n# TYPE up gauge\nup{__name__="c"} 1\n', /bad label name "__name__"/],
      ['a bad escape', '# HELP up Up.\n# TYPE up gauge\nup{a="\\q"} 1\n', /bad escape/],
      ['a value that is no float', '# HELP up Up.\n# TYPE up gauge\nup one\n', /is not a float/],
      ['a duplicate series', '# HELP up Up.\n# TYPE up gauge\nup{a="1",b="2"} 1\nup{b="2",a="1"} 1\n', /duplicate series/],
      ['a counter without _total', '# HELP jobs Jobs.\n# TYPE jobs counter\njobs 1\n', /should end in _total/],
      ['a gauge ending in _total', '# HELP open_total Open.\n# TYPE open_total gauge\nopen_total 1\n', /which is for counters/],
      ['a histogram without +Inf', '# HELP h H.\n# TYPE h histogram\nh_bucket{le="1"} 1\nh_sum 1\nh_count 1\n', /no \+Inf bucket/],
      ['a histogram whose count differs', '# HELP h H.\n# TYPE h histogram\nh_bucket{le="+Inf"} 2\nh_sum 1\nh_count 1\n', /_count differs/],
      ['a summary without _sum', '# HELP s S.\n# TYPE s summary\ns{quantile="0.5"} 1\ns_count 1\n', /lacks _sum or _count/],
      ['samples of one family apart', '# HELP a A.\n# TYPE a gauge\na 1\n# HELP b B.\n# TYPE b gauge\nb 1\na{x="y"} 1\n', /not grouped/],
    ];
    for (const [mistake, text, expected] of mistakes) expect({ mistake, problems: expositionProblems(text) }).toEqual({ mistake, problems: expect.arrayContaining([expect.stringMatching(expected)]) });
  });

  describe('served by the application', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ now: new Date('2025-06-01T12:00:00Z') });
    });
    afterAll(() => t.close());

    it('is well formed with every metric in use, a team name that needs escaping included', async () => {
      await t.app.get(OwnershipService).applyFile(join(EXAMPLES, 'ownership.yaml'));
      for (const name of ['2024-03-payment-gateway-leak.md', '2024-09-payment-gateway-api-leak.md', '2025-05-payment-processing-leak.md']) {
        await t.gqlData(IMPORT, { input: { text: readFileSync(join(EXAMPLES, name), 'utf8'), sourceUri: name } });
      }
      expect((await t.gql(IMPORT, { input: { text: '   ' } })).errors).toHaveLength(1);
      const team = await createOwner(t, { name: 'night "ops" \\ shift' });
      await createActionItem(t, { incidentId: (await createIncident(t)).id, ownerId: team.id, dueOn: '2025-01-01' });
      expect((await t.app.inject({ method: 'POST', url: '/webhooks/jira', payload: '{}', headers: { 'content-type': 'application/json' } })).statusCode).toBe(404);

      const response = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: t.bearer(Role.VIEWER) } });
      expect([response.statusCode, response.headers['content-type']]).toEqual([200, 'text/plain; version=0.0.4; charset=utf-8']);
      expect(expositionProblems(response.body)).toEqual([]);

      const { samples, families } = parseExposition(response.body);
      expect([...families.keys()].filter((name) => !name.startsWith('followthrough_'))).toEqual([]);
      expect(samples.find((sample) => sample.name === 'followthrough_action_items_overdue' && sample.labels.team === 'night "ops" \\ shift')?.value).toBe(1);
      expect(samples.filter((sample) => sample.name === 'followthrough_jira_webhooks_total' && sample.value > 0).map((sample) => sample.labels)).toEqual([{ outcome: 'rejected' }]);
    });
  });
});
