import { readBlocks } from './markdown-blocks';
import { buildOutline } from './outline';
import { FAILURE_MODES, type FailureMode } from './parsed-postmortem';
import { classifyCause, readRootCause } from './root-cause';
import { normalizeSource } from './source-text';

const entriesOf = (text: string) => buildOutline(readBlocks(normalizeSource(text)));

const ONE_PER_MODE: [string, FailureMode][] = [
  ['A botnet ran a credential stuffing attack against the login endpoint.', 'security-attack'],
  ['The TLS certificate for the partner API expired on Sunday.', 'certificate-expiry'],
  ['A memory leak in the image resizer grew until the pods were killed.', 'memory-leak'],
  ['The DNS record for the shipping API pointed at a decommissioned load balancer.', 'network-dns'],
  ['A failing RAID controller dropped writes on the warehouse host.', 'hardware-failure'],
  ['Our third-party SMS provider had an outage in its US routing cluster.', 'dependency-failure'],
  ['The worker ran out of disk space because logs were never rotated.', 'resource-exhaustion'],
  ['A TV campaign sent a traffic spike far beyond capacity to the search cluster.', 'capacity-overload'],
  ['A missing index made the report query scan the whole orders table.', 'database'],
  ['A misconfigured rate limit in the gateway rejected valid requests.', 'configuration-error'],
  ['The release of version 4.2 shipped a regression in the price formatter.', 'deployment-regression'],
  ['A typo in the retry loop made the worker spin forever.', 'software-bug'],
  ['An engineer ran the cleanup script against the wrong cluster.', 'human-error'],
  ['The ledger rows were corrupted during the batch import.', 'data-corruption'],
  ['Nobody knows yet why the pods stopped.', 'unknown'],
];

describe('classifyCause', () => {
  it.each(ONE_PER_MODE)('reads %j as %s', (text, mode) => {
    expect(classifyCause(text)).toBe(mode);
  });

  it('has a case above for every failure mode', () => {
    expect(ONE_PER_MODE.map(([, mode]) => mode).sort()).toEqual([...FAILURE_MODES].sort());
  });

  it('takes the mode that comes first in precedence when a cause fits two', () => {
    expect([
      classifyCause('An attacker exploited a misconfigured firewall rule.'),
      classifyCause('The certificate rotation job was misconfigured, so the cert expired.'),
      classifyCause('A new deployment of the api introduced a bug.'),
      classifyCause('The connection pool was exhausted after a deploy.'),
    ]).toEqual(['security-attack', 'certificate-expiry', 'deployment-regression', 'resource-exhaustion']);
  });

  it('judges the cause, not the effects it led to', () => {
    expect([
      classifyCause('A configuration push to the gateway, which caused a memory leak in the workers.'),
      classifyCause('The deploy went out, resulting in exhausted database connections.'),
      classifyCause('A typo in the retry loop, leading to a traffic spike on the replicas.'),
    ]).toEqual(['configuration-error', 'deployment-regression', 'software-bug']);
  });

  it('ignores cues the text denies', () => {
    expect([
      classifyCause('There was no attack; the cache was misconfigured.'),
      classifyCause('It was not a bug in the code: a bad config file disabled the cache.'),
      classifyCause('There was no deploy and no config change that day.'),
    ]).toEqual(['configuration-error', 'configuration-error', 'unknown']);
  });
});

describe('readRootCause', () => {
  it('reads a "Root cause:" line: its statement, mode and failing component', () => {
    expect(readRootCause(entriesOf('# X\n\nRoot cause: A memory leak in the billing worker held every invoice in memory.\n'), [])).toEqual({
      summary: 'A memory leak in the billing worker held every invoice in memory.',
      category: 'memory-leak',
      component: 'billing worker',
    });
  });

  it('follows a category the authors state explicitly', () => {
    expect(readRootCause(entriesOf('# X\n\n## Root cause\n\nThe nightly job in the billing service locked rows. Root cause category: human error\n'), []).category).toBe('human-error');
  });

  it('classifies from the fallback texts when the document has no root-cause statement', () => {
    expect(readRootCause(entriesOf('# X\n\nNothing about causes here.\n'), ['The redis cache ran out of memory.'])).toEqual({
      summary: null,
      category: 'resource-exhaustion',
      component: 'redis cache',
    });
  });
});
