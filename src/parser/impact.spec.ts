import { deriveSeverity, readImpact } from './impact';
import { readBlocks } from './markdown-blocks';
import { buildOutline, type Entry } from './outline';
import { normalizeSource } from './source-text';

const entriesOf = (text: string): Entry[] => buildOutline(readBlocks(normalizeSource(text)));
const impactOf = (text: string) => readImpact(entriesOf(text));
const severityOf = (text: string, durationMinutes: number | null = null) => {
  const entries = entriesOf(text);
  return deriveSeverity(entries, readImpact(entries), durationMinutes);
};

describe('readImpact', () => {
  it('reads the share of users or requests affected, with the impact as written', () => {
    expect([
      impactOf('## Impact\n\nAbout 35% of users could not log in.'),
      impactOf('Impact: 12% of checkout requests failed.'),
      impactOf('## Impact\n\nThe outage affected roughly 40% of our traffic.'),
      impactOf('## Impact\n\nThe API returned errors for 7.5% of requests.'),
    ]).toEqual([
      { impact: 'About 35% of users could not log in.', impactPercent: 35 },
      { impact: '12% of checkout requests failed.', impactPercent: 12 },
      { impact: 'The outage affected roughly 40% of our traffic.', impactPercent: 40 },
      { impact: 'The API returned errors for 7.5% of requests.', impactPercent: 7.5 },
    ]);
  });

  it('reads "all users" and "everyone" as 100', () => {
    expect([impactOf('## Impact\n\nAll users were unable to check out.').impactPercent, impactOf('## Impact\n\nEveryone was logged out for ten minutes.').impactPercent]).toEqual([100, 100]);
  });

  it('reads no share from a change in a metric, a resource level or counts only', () => {
    expect([
      impactOf('## Impact\n\nThere was a 30% decrease in engagement.'),
      impactOf('## Impact\n\nLatency went up 50 percent.'),
      impactOf('## Impact\n\nCPU rose to 95% of capacity and 80% of disk was used.'),
      impactOf('## Impact\n\n1,200 customers saw errors and 3,400 orders failed.'),
    ]).toEqual([
      { impact: 'There was a 30% decrease in engagement.', impactPercent: null },
      { impact: 'Latency went up 50 percent.', impactPercent: null },
      { impact: 'CPU rose to 95% of capacity and 80% of disk was used.', impactPercent: null },
      { impact: '1,200 customers saw errors and 3,400 orders failed.', impactPercent: null },
    ]);
  });

  it('falls back to a share named outside the impact section, but not in the timeline', () => {
    expect([impactOf('## Summary\n\nThe outage affected 25% of API calls.'), impactOf('## Timeline\n\n- 10:00 60% of users affected')]).toEqual([
      { impact: null, impactPercent: 25 },
      { impact: null, impactPercent: null },
    ]);
  });

  // "of revenue was": the optional filler words in the "of <plural>" pattern let it take the verb "was" for the population.
  it('reads no share from a share of money', () => {
    expect(impactOf('## Impact\n\n10% of revenue was lost.').impactPercent).toBeNull();
  });
});

describe('deriveSeverity', () => {
  it('takes a severity as written over anything derived', () => {
    expect([
      severityOf('# X\n\nSeverity: SEV2\n\n## Impact\n\n60% of users could not pay.'),
      severityOf('# X\n\nImpact: Critical - all payments failed.'),
      severityOf('# X\n\nSeverity: high'),
      severityOf('# X\n\nSeverity: Sev-3', 600),
      severityOf('# X\n\nPriority: P0'),
      severityOf('# X\n\nSeverity: minor'),
    ]).toEqual(['SEV2', 'SEV1', 'SEV2', 'SEV3', 'SEV1', 'SEV4']);
  });

  it('derives SEV1 from half the users, SEV2 from a fifth, SEV3 from any share', () => {
    const share = (percent: number) => deriveSeverity([], { impact: `${percent}% of users`, impactPercent: percent }, null);
    expect([share(50), share(49), share(20), share(19), share(1)]).toEqual(['SEV1', 'SEV2', 'SEV2', 'SEV3', 'SEV3']);
  });

  it('derives SEV2 from two hours, SEV3 from half an hour, SEV4 below, and nothing without any evidence', () => {
    const lasting = (minutes: number | null) => deriveSeverity([], { impact: null, impactPercent: null }, minutes);
    expect([lasting(120), lasting(119), lasting(30), lasting(29), lasting(null)]).toEqual(['SEV2', 'SEV3', 'SEV3', 'SEV4', null]);
  });

  it('rates any written impact at least SEV3', () => {
    expect(deriveSeverity([], { impact: 'Some customers saw slow pages.', impactPercent: null }, 5)).toBe('SEV3');
  });
});
