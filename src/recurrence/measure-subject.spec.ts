import { subjectOf } from './measure-subject';

describe('subjectOf', () => {
  it.each([
    ['Page the on-call when heap usage keeps climbing', 'monitoring', 'memory'],
    ['Alert when the log volume is 90% full', 'monitoring', 'disk'],
    ['Dashboards for p99 response time per endpoint', 'monitoring', 'latency'],
    ['Alert on a rising 5xx ratio at the edge', 'monitoring', 'error-rate'],
    ['Cap the connection pool per worker', 'configuration', 'connections'],
    ['Automate renewal of TLS certs', 'process', 'certificate'],
    ['Lower the TTL on DNS records before migrations', 'process', 'dns'],
    ['Review slow queries weekly', 'process', 'database'],
    ['Restore drills for the nightly backups', 'process', 'backup'],
    ['Scale out the worker pool automatically', 'capacity', null],
    ['Enable autoscaling for the image workers', 'monitoring', 'capacity'],
    ['Canary every release for an hour', 'deployment', null],
    ['Roll out config changes behind a canary', 'deployment', 'configuration'],
    ['Vendor review: quarterly check of the provider SLA', 'vendor', null],
    ['Ask the provider to warn us before certificates expire', 'vendor', 'certificate'],
    ['Announce maintenance windows to customers', 'process', null],
    ['Plan for traffic volume at launch', 'capacity', null],
  ])('reads %j (%s) as about %s', (text, category, subject) => {
    expect(subjectOf(text, category)).toBe(subject);
  });

  it('prefers kinds of test for testing measures and resources for the others', () => {
    expect([
      subjectOf('Load testing focused on memory growth', 'testing'),
      subjectOf('Unit tests for the memory pool allocator', 'testing'),
      subjectOf('Stress-test the cache tier', 'testing'),
      subjectOf('Chaos experiments that kill database replicas', 'testing'),
      subjectOf('Add linting to catch unused imports', 'code-review'),
      subjectOf('Watch memory during load tests', 'monitoring'),
    ]).toEqual(['load', 'unit', 'load', 'chaos', 'static-analysis', 'memory']);
  });

  it('looks in a short lead-in first, then in the rest', () => {
    expect([
      subjectOf('Disk alerts: also page on memory pressure', 'monitoring'),
      subjectOf('Better alerting: page on memory pressure and on disk usage', 'monitoring'),
      // A long text before the colon is no lead-in: the first clause is.
      subjectOf('Once the new collector is running on every single host, alert on CPU: memory can come later', 'monitoring'),
    ]).toEqual(['disk', 'memory', 'cpu']);
  });
});
