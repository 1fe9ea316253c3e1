import { vaguenessOf } from './vagueness';

const ASK = 'add the deliverable (an alert, a test, a limit …) or a number to verify.';

describe('vaguenessOf', () => {
  describe('a bare label of at most 3 words', () => {
    it.each([['Resilience work'], ['Better alerting'], ['Incident communication'], ['Stronger peer review.']])('calls "%s" vague', (text) => {
      expect(vaguenessOf(text)).toMatch(/is only a label and names nothing checkable/);
    });

    it('quotes the label in the reason', () => {
      expect(vaguenessOf('  Deployment hygiene. ')).toBe(`"Deployment hygiene" is only a label and names nothing checkable: ${ASK}`);
    });

    it('accepts a short label that names a deliverable, a number or a checkable change', () => {
      expect(vaguenessOf('Queue depth alarm')).toBeNull();
      expect(vaguenessOf('Search latency SLO')).toBeNull();
      expect(vaguenessOf('Retry budget 3')).toBeNull();
      expect(vaguenessOf('Rotate signing keys')).toBeNull();
    });

    it('looks at 4 words as more than a label', () => {
      expect(vaguenessOf('Talk to the vendor')).toBeNull();
    });

    it('calls empty wording vague', () => {
      expect(vaguenessOf('  ')).toBe(`It has no wording at all, so nothing is checkable: ${ASK}`);
    });
  });

  describe('only an intention', () => {
    it('quotes the intention words in order, each once', () => {
      expect(vaguenessOf('Improve how we review changes to the session store and improve handover')).toBe(
        `It says "improve … review" but names nothing checkable: ${ASK}`,
      );
    });

    it.each([
      ['Look into why the nightly export keeps stalling', 'look into'],
      ['Investigate the flaky behaviour of the search cluster', 'investigate'],
      ['Consider moving the image service closer to its storage', 'consider'],
      ['Strengthen ownership of shared infrastructure components', 'strengthen'],
      ['Revisit the escalation path for weekend incidents', 'revisit'],
      ['Explore options for isolating noisy tenants', 'explore'],
      ['Ensure that the billing service degrades gracefully', 'ensure'],
      ['Enhanced visibility into message broker health going forward', 'enhanced'],
    ])('calls "%s" vague', (text, word) => {
      expect(vaguenessOf(text)).toBe(`It says "${word}" but names nothing checkable: ${ASK}`);
    });

    it('quotes at most three intention words', () => {
      expect(vaguenessOf('Review, investigate, consider and explore the storage layer')).toBe(
        `It says "review … investigate … consider" but names nothing checkable: ${ASK}`,
      );
    });

    it.each([
      ['a deliverable noun', 'Improve visibility with a dashboard for broker lag'],
      ['an alert', 'Investigate the stall and add alerts on export duration'],
      ['a timeout', 'Review the client settings and set a sane timeout'],
      ['a lint rule', 'Ensure no one reaches the database from handlers by a lint rule'],
      ['a runbook', 'Strengthen the on-call handover with a runbook'],
      ['a canary', 'Ensure risky changes go out behind a canary'],
      ['a number', 'Improve cache hit rate to at least 95'],
      ['a percentage', 'Improve cache hit rate by ten percent'],
      ['a date', 'Review the failover design before the end of March'],
      ['a checkable change', 'Review the driver and upgrade it to the supported release'],
      ['the description', 'Improve broker visibility\nAdd a consumer lag metric per partition'],
    ])('accepts an intention made concrete by %s', (_why, text) => {
      expect(vaguenessOf(text)).toBeNull();
    });

    it('does not count a gerund as the deliverable noun ("alerting" is not "an alert")', () => {
      expect(vaguenessOf('Improve alerting for the payments backend')).toBe(`It says "improve" but names nothing checkable: ${ASK}`);
    });
  });

  it('accepts concrete wording without intention words', () => {
    expect(vaguenessOf('Cap each tenant at 200 concurrent connections in the pooler')).toBeNull();
    expect(vaguenessOf('Write the procedure for restoring a single tenant from snapshots')).toBeNull();
  });
});
