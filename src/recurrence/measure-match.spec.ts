import { bestMeasure, MEASURE_MATCH_THRESHOLD, measureSignature, minSharedTerms, type MeasureCandidate } from './measure-match';

const candidate = (measureId: string, text: string, category: string | null, serviceId: string | null = null): MeasureCandidate => ({
  measureId,
  serviceId,
  signature: measureSignature(text, category),
});
const item = (text: string, category: string | null, serviceId: string | null = null) => ({ serviceId, signature: measureSignature(text, category) });
const matches = (left: [string, string | null], right: [string, string | null]) => bestMeasure(item(...left), [candidate('m', ...right)]) !== null;

// Pairs that should (or should not) match, both ways round, reported by text so a failure names the pair.
function pairsThatDisagree(texts: [string, string | null][], expected: boolean): string[] {
  const wrong: string[] = [];
  texts.forEach((left, i) =>
    texts.forEach((right, j) => {
      if (i !== j && matches(left, right) !== expected) wrong.push(`${left[0]} / ${right[0]}`);
    }),
  );
  return wrong;
}

const MEMORY_MONITORING: [string, string][] = [
  ['Richer monitoring: finer-grained memory consumption metrics per pod, with alerts when usage climbs abnormally', 'monitoring'],
  ['Better dashboards and alerting for heap usage', 'monitoring'],
  ['Memory alerts: page the on-call when resident memory grows steadily for an hour', 'monitoring'],
  ['Extend our monitoring so leaks are caught before the pods restart', 'monitoring'],
  ['Track RAM on every host in the monitoring stack', 'monitoring'],
];
const LOAD_TESTING: [string, string][] = [
  ['Load testing before each seasonal peak', 'testing'],
  ['Run stress tests against checkout at twice the expected traffic', 'testing'],
  ['Performance test suite: simulate heavy traffic focused on memory growth', 'testing'],
];

describe('measureSignature', () => {
  it('keeps the words that say what is done, singular and sorted, and names the subject', () => {
    expect(measureSignature('Implement better, more granular alerts on Redis memory usage for all of our services', 'monitoring')).toEqual({
      category: 'monitoring',
      subject: 'memory',
      terms: ['alert', 'memory', 'redis', 'service', 'usage'],
    });
  });

  it('keeps at most 24 terms, the first ones in reading order', () => {
    const words = Array.from({ length: 30 }, (_, i) => `k${i}`);
    expect(measureSignature(words.join(' '), null).terms).toEqual(words.slice(0, 24).sort());
  });
});

describe('bestMeasure', () => {
  it('groups differently worded memory-monitoring measures', () => {
    expect(pairsThatDisagree(MEMORY_MONITORING, true)).toEqual([]);
  });

  it('groups load tests but keeps a unit test about memory out of that group', () => {
    const unitTest = item('Unit tests covering the buffer allocator’s memory footprint', 'testing');
    expect(pairsThatDisagree(LOAD_TESTING, true)).toEqual([]);
    expect(bestMeasure(unitTest, LOAD_TESTING.map(([text, category], i) => candidate(`load-${i}`, text, category)))).toBeNull();
  });

  it('does not match measures about different subjects, categories, or no category', () => {
    const memory: [string, string] = ['Alert on memory usage per container', 'monitoring'];
    expect([
      matches(['Alert on free disk space per container', 'monitoring'], memory),
      matches(['Alert on memory usage per container', 'testing'], memory),
      matches(['Alert on memory usage per container', null], ['Alert on memory usage per container', null]),
    ]).toEqual([false, false, false]);
  });

  it('needs half the words in common when a measure has no subject', () => {
    expect([
      matches(['Write down the escalation path', 'documentation'], ['Runbook for restarting stuck workers', 'documentation']),
      matches(['Vendor outreach: a shared chat channel with the provider', 'vendor'], ['Keep an escalation contact list for the hosting vendor', 'vendor']),
      matches(['Runbook for restarting stuck workers', 'documentation'], ['Runbook: restarting workers', 'documentation']),
    ]).toEqual([false, false, true]);
  });

  it('counts the same service in, which can lift a near miss over the threshold', () => {
    // Terms {announce, customer, maintenance} and {customer, maintenance, page, status}: Jaccard 2/5.
    const notice = (serviceId: string | null) => item('Announce maintenance to customers', 'process', serviceId);
    const statusPage = [candidate('status', 'Status page for customers during maintenance', 'process', 'svc-1')];
    expect([bestMeasure(notice('svc-2'), statusPage), bestMeasure(notice(null), statusPage)]).toEqual([null, null]);
    expect(bestMeasure(notice('svc-1'), statusPage)).toEqual({
      measureId: 'status',
      score: 0.5,
      sharedTerms: ['customer', 'maintenance'],
      evidence: 'Both are process measures for the same service; shared words: customer, maintenance.',
    });
  });

  it('lets the best item decide among several items of several measures, and explains the match', () => {
    const candidates = [
      candidate('heap', 'Heap dashboards', 'monitoring'),
      candidate('memory', 'Track RAM on every host', 'monitoring'),
      candidate('memory', 'Alert on memory usage above 80%', 'monitoring', 'svc-1'),
      candidate('disk', 'Alert on disk usage above 80%', 'monitoring', 'svc-1'),
    ];
    expect(bestMeasure(item('Alerting on memory usage', 'monitoring', 'svc-1'), candidates)).toEqual({
      measureId: 'memory',
      score: 0.85,
      sharedTerms: ['memory', 'usage'],
      evidence: 'Both are monitoring measures about memory for the same service; shared words: memory, usage.',
    });
    expect(bestMeasure(item('Alerting on memory usage', 'monitoring'), [])).toBeNull();
    expect(MEASURE_MATCH_THRESHOLD).toBe(0.5);
  });
});

describe('minSharedTerms', () => {
  // Every pair of term sets up to the signature's 24 terms (and a longer measure), sharing any number of terms,
  // with and without the same service and a subject on one side: none matches sharing fewer, and some match
  // sharing exactly that many, so the candidate lookup may skip the rest and loses nothing.
  it('is the fewest shared terms any match without a common subject has', () => {
    const wrong: string[] = [];
    for (let mine = 0; mine <= 24; mine++) {
      let reached = mine === 0;
      for (let theirs = 0; theirs <= 30; theirs++) {
        for (let shared = 0; shared <= Math.min(mine, theirs); shared++) {
          const terms = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => (i < shared ? `s${i}` : `${prefix}${i}`)).sort();
          for (const [serviceId, subject] of [[null, null], ['svc', null], ['svc', 'memory']] as const) {
            const match = bestMeasure({ serviceId, signature: { category: 'monitoring', subject, terms: terms('m', mine) } }, [
              { measureId: 'x', serviceId: 'svc', signature: { category: 'monitoring', subject: null, terms: terms('t', theirs) } },
            ]);
            if (match && shared < minSharedTerms(mine)) wrong.push(`${mine}/${theirs} sharing ${shared}`);
            if (match && shared === minSharedTerms(mine)) reached = true;
          }
        }
      }
      if (!reached) wrong.push(`${mine}: no match shares exactly ${minSharedTerms(mine)}`);
    }
    expect(wrong).toEqual([]);
  });
});
