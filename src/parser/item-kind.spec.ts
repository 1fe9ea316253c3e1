import { classifyCategory, classifyKind, kindFromLabel, leadInOf } from './item-kind';

describe('classifyKind', () => {
  it.each([
    ['Fix the off-by-one error in the pagination query.', 'corrective'],
    ['Patch the retry loop so it backs off.', 'corrective'],
    ['Revert the cache eviction change.', 'corrective'],
    ['Add unit tests for the price formatter.', 'preventive'],
    ['Validate configuration files in the CI pipeline before they are pushed.', 'preventive'],
    ['Introduce staged rollouts with a canary for the gateway.', 'preventive'],
    ['Add an alert when the disk usage exceeds 80%.', 'detective'],
    ['Set up monitoring dashboards for queue depth.', 'detective'],
    ['Add health checks to the load balancer.', 'detective'],
    ['Write a runbook for restoring the session store.', 'mitigative'],
    ['Add automatic failover to the secondary region.', 'mitigative'],
    ['Publish updates on the status page within 15 minutes.', 'mitigative'],
    ['Train the on-call engineers on the new deploy tool.', 'process'],
    ['Document the migration procedure in the wiki.', 'process'],
    ['Require a second reviewer for database migrations.', 'process'],
  ])('reads %j as %s', (text, kind) => {
    expect(classifyKind(text, null)).toBe(kind);
  });

  it('lets the cues that open the measure outweigh the same cues later on', () => {
    expect([classifyKind('Add monitoring for the test suite', null), classifyKind('Add tests that check the alert fires', null)]).toEqual(['detective', 'preventive']);
  });

  it('reads the measure after a lead-in label, not the label', () => {
    expect(classifyKind('Code Review: Add an alert for certificate expiry.', null)).toBe('detective');
  });

  it('takes the kind a section or column gives over the cues', () => {
    expect([classifyKind('Add an alert on queue depth.', 'process'), classifyKind('Write a runbook for cache restarts.', 'preventive')]).toEqual(['process', 'preventive']);
  });

  it('calls a measure with no cues preventive', () => {
    expect(classifyKind('Improve caching.', null)).toBe('preventive');
  });
});

describe('kindFromLabel', () => {
  it('reads the kind written in a Type column', () => {
    expect(['Prevent', 'Detection', 'Fix', 'Mitigation', 'Process', 'Docs', 'Response', 'Repair', 'Remediation'].map(kindFromLabel)).toEqual([
      'preventive',
      'detective',
      'corrective',
      'mitigative',
      'process',
      'process',
      'mitigative',
      'corrective',
      'corrective',
    ]);
  });

  it('reads no kind from an empty or unknown label', () => {
    expect([kindFromLabel(undefined), kindFromLabel(''), kindFromLabel('Other')]).toEqual([null, null, null]);
  });
});

describe('classifyCategory', () => {
  it('names what a measure is about, the first matching area winning', () => {
    expect(
      [
        'Make code review mandatory for migrations',
        'Train support on the new status page',
        'Add load tests for checkout',
        'Add an alert on replica lag',
        'Write a runbook for cache restarts',
        'Document the failover steps in the wiki',
        'Ask the vendor for an outage feed',
        'Add a canary stage to the deploy pipeline',
        'Raise the memory limit of the worker',
        'Move the timeout into the config file',
        'Hold a monthly review meeting',
        'Patch the retry loop',
        'Rename the queue',
      ].map(classifyCategory),
    ).toEqual(['code-review', 'training', 'testing', 'monitoring', 'incident-response', 'documentation', 'vendor', 'deployment', 'capacity', 'configuration', 'process', 'fix', 'other']);
  });
});

describe('leadInOf', () => {
  it('returns a short label before a colon, and nothing for long or missing labels', () => {
    expect([
      leadInOf('Improved Monitoring: Implement alerts on queue depth'),
      leadInOf('This label is far too long to be a label at all: the colon comes late'),
      leadInOf('No colon here'),
      leadInOf(': a leading colon'),
    ]).toEqual(['Improved Monitoring', null, null, null]);
  });
});
