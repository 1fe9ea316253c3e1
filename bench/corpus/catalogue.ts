/**
 * The vocabulary of a synthetic organisation: services, teams, people, and what their postmortems say. The
 * wording is chosen so the real parser reads what we mean (failure modes, components, owners, due dates), and
 * varied enough that measures group the way they would in a real corpus: some promised in many postmortems,
 * most in a few.
 */
import type { Random } from './random';

export const SERVICE_BASES = [
  'checkout', 'payments ledger', 'inventory', 'search', 'billing', 'notifications', 'catalog', 'shipping', 'identity',
  'reporting', 'recommender', 'pricing', 'orders', 'shopping cart', 'media upload', 'messaging', 'analytics',
  'fraud scoring', 'loyalty', 'gift card', 'returns', 'tax', 'invoicing', 'warehouse', 'delivery tracking',
  'customer profile', 'session', 'feature toggle', 'image resizer', 'email', 'sms', 'push', 'webhook', 'audit log',
  'data export', 'scheduler', 'geolocation', 'currency', 'coupon', 'reviews', 'subscriptions', 'onboarding',
];
export const REGIONS = ['eu', 'us', 'apac', 'latam', 'uk', 'ca', 'jp', 'in'];

export const TEAM_AREAS = [
  'payments', 'checkout', 'platform', 'search', 'growth', 'fulfilment', 'identity', 'data', 'messaging', 'storefront',
  'mobile', 'billing', 'logistics', 'trust', 'catalog', 'insights', 'commerce', 'partner', 'media', 'core',
];
export const TEAM_SUFFIXES = ['team', 'squad', 'sre', 'crew', 'team'];

// People are written "@first.last": names chosen so none reads as a team to the importer.
export const FIRST_NAMES = [
  'alice', 'bruno', 'chen', 'dana', 'elif', 'farid', 'grace', 'hannah', 'ivan', 'jana', 'kofi', 'lena', 'mateo', 'nadia',
  'omar', 'priya', 'quentin', 'rosa', 'sven', 'tariq', 'uma', 'viktor', 'wen', 'ximena', 'yusuf', 'zoe', 'amir', 'bea',
  'carlos', 'dmitri', 'emma', 'felix', 'gita', 'hugo', 'ines', 'jonas', 'kira', 'liam', 'maya', 'noah',
];
export const LAST_NAMES = [
  'smith', 'ortiz', 'nguyen', 'kowalski', 'haddad', 'okafor', 'tanaka', 'larsen', 'silva', 'novak', 'rossi', 'dubois',
  'yilmaz', 'kim', 'patel', 'garcia', 'schmidt', 'ivanova', 'mensah', 'costa', 'fischer', 'moreau', 'sato', 'reyes',
  'berg', 'petrov', 'ali', 'wright', 'murphy', 'chandra', 'lindqvist', 'abebe', 'romero', 'weber', 'kaur', 'hughes',
];

export type FailureModeKey =
  | 'security-attack' | 'certificate-expiry' | 'memory-leak' | 'network-dns' | 'hardware-failure' | 'dependency-failure'
  | 'resource-exhaustion' | 'capacity-overload' | 'database' | 'configuration-error' | 'deployment-regression'
  | 'software-bug' | 'human-error' | 'data-corruption';

export const FAILURE_MODE_KEYS: FailureModeKey[] = [
  'security-attack', 'certificate-expiry', 'memory-leak', 'network-dns', 'hardware-failure', 'dependency-failure',
  'resource-exhaustion', 'capacity-overload', 'database', 'configuration-error', 'deployment-regression', 'software-bug',
  'human-error', 'data-corruption',
];

/** How often each failure mode occurs across the fleet (deploys and config changes dominate, as in real data). */
export const FAILURE_MODE_WEIGHTS: Record<FailureModeKey, number> = {
  'security-attack': 2, 'certificate-expiry': 3, 'memory-leak': 6, 'network-dns': 4, 'hardware-failure': 2, 'dependency-failure': 7,
  'resource-exhaustion': 8, 'capacity-overload': 7, database: 9, 'configuration-error': 12, 'deployment-regression': 15,
  'software-bug': 12, 'human-error': 5, 'data-corruption': 2,
};

interface ModeText {
  /** Incident titles; {svc} is the service as people say it. */
  titles: string[];
  /** Root-cause statements: each names the failure mode's cue and the component ("the {svc} service"). */
  causes: string[];
  resolutions: string[];
  /** Measures typical of this failure mode; {svc} as above, {n} a number. */
  measures: string[];
}

export const MODE_TEXT: Record<FailureModeKey, ModeText> = {
  'security-attack': {
    titles: ['DDoS attack degrades the {svc}', 'Credential stuffing against {svc} logins', 'Malicious traffic floods the {svc}'],
    causes: [
      'A DDoS attack on the {svc} service from a botnet of about {n} thousand hosts saturated its ingress.',
      'The {svc} service was hit by a credential stuffing attack that our rate limits did not catch.',
    ],
    resolutions: ['We blocked the offending networks at the edge and enabled bot protection.', 'Rate limits per client were lowered until the attack stopped.'],
    measures: [
      'Add per-client rate limits to the {svc} API',
      'Alert when {svc} login failures exceed {n} per minute',
      'Run a DDoS game day against the {svc} every quarter',
      'Enable the WAF bot protection rules for the {svc}',
      'Write a runbook for blocking abusive networks at the edge',
    ],
  },
  'certificate-expiry': {
    titles: ['Expired certificate breaks {svc} TLS', '{svc} unreachable after certificate expiry'],
    causes: [
      'The TLS certificate of the {svc} service expired because its renewal was still a manual step.',
      'The {svc} service kept serving an expired certificate: the renewal job had silently failed for weeks.',
    ],
    resolutions: ['We issued a new certificate and restarted the proxies.', 'The certificate was renewed by hand and the renewal job fixed.'],
    measures: [
      'Automate certificate renewal for the {svc}',
      'Alert {n} days before any {svc} certificate expires',
      'Add certificate expiry to the weekly operations review',
      'Inventory every certificate the {svc} depends on',
      'Monitor the certificate renewal job and page on failure',
    ],
  },
  'memory-leak': {
    titles: ['{svc} pods killed by a memory leak', 'Memory leak takes down the {svc}', 'Slow memory leak in {svc} causes restarts'],
    causes: [
      'A memory leak in the {svc} service: an in-process cache had no expiry and no size limit.',
      'A memory leak in the {svc} service kept every request context alive after the client disconnected.',
      'The {svc} service leaked memory through an unbounded listener list, so the heap grew until the pods were killed.',
    ],
    resolutions: ['A hotfix capped the cache and the pods were rolled.', 'We restarted the pods on a schedule until the fix shipped.'],
    measures: [
      'Add memory usage alerts for the {svc}',
      'Alert when {svc} heap usage stays above {n}% for 15 minutes',
      'Load test the {svc} for memory growth before each major release',
      'Cap every in-process cache in the {svc} at {n} thousand entries',
      'Add a heap dashboard for the {svc}',
      'Review how the {svc} handles memory',
      'Take heap dumps automatically when {svc} pods are OOMKilled',
    ],
  },
  'network-dns': {
    titles: ['DNS change makes {svc} unreachable', '{svc} lookups fail after DNS migration'],
    causes: [
      'A DNS record change for the {svc} service had a long TTL, so lookups kept returning the old address.',
      'The {svc} service failed name resolution after a nameserver change dropped its private zone.',
    ],
    resolutions: ['We restored the old records and flushed resolver caches.', 'The zone was re-created and the TTL lowered.'],
    measures: [
      'Lower the TTL of {svc} DNS records to {n} seconds before changes',
      'Add a synthetic DNS check for the {svc}',
      'Review DNS changes with a second engineer',
      'Document the DNS change procedure for the {svc}',
      'Alert on NXDOMAIN rates for the {svc}',
    ],
  },
  'hardware-failure': {
    titles: ['Disk failure degrades the {svc}', 'Hardware fault on a {svc} node'],
    causes: [
      'A failed disk in a storage node of the {svc} database degraded the RAID controller and stalled writes.',
      'Faulty RAM on a host of the {svc} cluster caused repeated kernel panics.',
    ],
    resolutions: ['The node was drained and the disk replaced.', 'We moved the workload off the faulty host.'],
    measures: [
      'Alert on SMART disk errors for {svc} hosts',
      'Add a spare node to the {svc} cluster',
      'Test failover of the {svc} database every quarter',
      'Replace {svc} hosts older than {n} years',
    ],
  },
  'dependency-failure': {
    titles: ['{svc} errors during third-party outage', 'Upstream provider outage breaks the {svc}'],
    causes: [
      'The {svc} service failed because its third-party address API had an outage and every call waited {n} seconds.',
      'The {svc} service depends on an external API whose provider had an outage, and we had no fallback.',
    ],
    resolutions: ['We switched to the fallback provider by hand.', 'Calls were disabled with a feature flag until the provider recovered.'],
    measures: [
      'Add a circuit breaker around {svc} calls to the provider',
      'Set a {n} second timeout on calls from the {svc} to the vendor',
      'Add a fallback provider for the {svc}',
      'Alert on the vendor error rate seen by the {svc}',
      'Agree an escalation contact with the vendor',
      'Subscribe the on-call channel to the vendor status page',
    ],
  },
  'resource-exhaustion': {
    titles: ['{svc} runs out of disk space', 'Connection pool exhaustion in {svc}', '{svc} stalls after running out of file descriptors'],
    causes: [
      'The {svc} service ran out of disk space because old logs were never rotated.',
      'The {svc} service exhausted its database connection pool when a slow call held connections open.',
      'The {svc} service ran out of file descriptors under a burst of open sockets.',
    ],
    resolutions: ['Old files were deleted and rotation enabled.', 'We raised the pool size and restarted the pods.'],
    measures: [
      'Alert when {svc} disk usage exceeds {n}%',
      'Rotate and compress {svc} logs daily',
      'Raise the {svc} connection pool limit to {n}',
      'Alert on {svc} connection pool saturation',
      'Add a dashboard of file descriptors per {svc} pod',
      'Improve capacity planning for the {svc}',
    ],
  },
  'capacity-overload': {
    titles: ['Traffic spike overloads the {svc}', '{svc} degraded during flash sale'],
    causes: [
      'The {svc} service was overloaded by a traffic spike from a flash sale, about {n} times normal load.',
      'A marketing campaign sent a surge in traffic to the {svc} service beyond its capacity.',
    ],
    resolutions: ['We scaled out by hand and shed non-essential traffic.', 'Autoscaling caught up after twenty minutes.'],
    measures: [
      'Add autoscaling for the {svc} workers',
      'Load test the {svc} at {n} times peak traffic before big campaigns',
      'Add load shedding to the {svc}',
      'Ask marketing to announce campaigns to the {svc} team',
      'Review capacity of the {svc} every quarter',
    ],
  },
  database: {
    titles: ['Slow queries take down the {svc}', 'Schema migration locks the {svc} tables', '{svc} database deadlocks'],
    causes: [
      'A schema migration in the {svc} service locked the orders table for {n} minutes.',
      'A slow query in the {svc} service was missing an index and saturated the database.',
      'Deadlocks between two batch jobs of the {svc} service stalled all writes.',
    ],
    resolutions: ['The migration was cancelled and rerun in batches.', 'We added the missing index and killed the long queries.'],
    measures: [
      'Add the missing index to the {svc} orders table',
      'Set a statement_timeout of {n} seconds for the {svc}',
      'Run schema migrations of the {svc} in batches with lock_timeout',
      'Alert on slow queries in the {svc} database',
      'Review every {svc} migration with a DBA',
      'Add a query plan check to {svc} CI',
    ],
  },
  'configuration-error': {
    titles: ['Bad config change breaks the {svc}', '{svc} outage after misconfiguration', 'Config push takes the {svc} down'],
    causes: [
      'A misconfigured timeout in the {svc} service: a config change set it to {n} milliseconds.',
      'A configuration change to the {svc} service pointed it at the staging database.',
      'The {svc} service read a wrong environment variable after a config refactor.',
    ],
    resolutions: ['The change was reverted.', 'We restored the previous configuration from version control.'],
    measures: [
      'Validate {svc} configuration changes in CI',
      'Roll out {svc} config changes behind a canary',
      'Require a second reviewer for {svc} configuration changes',
      'Add a config diff to the {svc} deploy pipeline',
      'Alert on {svc} error rate within {n} minutes of a config change',
      'Better config management',
    ],
  },
  'deployment-regression': {
    titles: ['Release of the {svc} causes errors', 'Regression after {svc} deploy', 'Bad deploy breaks the {svc}'],
    causes: [
      'A bad deploy of the {svc} service: the new version broke request validation.',
      'A regression in the {svc} service release changed the default page size.',
      'The {svc} service was upgraded to a new version that dropped a header clients relied on.',
    ],
    resolutions: ['We rolled back to the previous release.', 'A fix-forward shipped within the hour.'],
    measures: [
      'Add an automated rollback to the {svc} pipeline',
      'Deploy the {svc} with a canary at {n}% of traffic',
      'Add a smoke test to the {svc} deploy pipeline',
      'Add an integration test for the {svc} request validation',
      'Freeze {svc} deploys on Fridays after 3 pm',
      'Improve release notes for the {svc}',
      'Review the deployment process',
    ],
  },
  'software-bug': {
    titles: ['Bug in the {svc} drops requests', 'Race condition in {svc}', '{svc} crash loop after edge case'],
    causes: [
      'A race condition in the {svc} service made retries run twice.',
      'A bug in the {svc} service did not handle empty responses and crashed the worker.',
      'An off-by-one error in the {svc} service skipped the last page of results.',
    ],
    resolutions: ['A patch was deployed.', 'We fixed the bug and replayed the lost messages.'],
    measures: [
      'Add a unit test for the {svc} retry path',
      'Fix the race condition in the {svc} retry handler',
      'Add property-based tests for the {svc} paging code',
      'Alert on {svc} crash loops',
      'Code review',
      'Improve error handling in the {svc}',
      'Investigate other uses of the same pattern',
    ],
  },
  'human-error': {
    titles: ['Manual mistake deletes {svc} data', 'Operator error takes down the {svc}'],
    causes: [
      'In the {svc} service, an engineer ran a cleanup script against the wrong cluster by mistake.',
      'In the {svc} service, an operator mistakenly deleted the production queue during maintenance.',
    ],
    resolutions: ['We restored from the last backup.', 'The queue was re-created and producers restarted.'],
    measures: [
      'Require confirmation before {svc} scripts touch production',
      'Restrict production access for the {svc} to the on-call engineer',
      'Test {svc} backup restores every month',
      'Write a runbook for {svc} maintenance',
      'Training on production access for new engineers',
    ],
  },
  'data-corruption': {
    titles: ['Corrupted records in the {svc}', 'Data corruption in {svc} exports'],
    causes: [
      'Data corruption in the {svc} service: a partial write left invalid records.',
      'The {svc} service corrupted exported files when two jobs wrote the same object.',
    ],
    resolutions: ['We restored the records from the event log.', 'The bad exports were regenerated.'],
    measures: [
      'Add checksums to {svc} exports',
      'Add a nightly consistency check for the {svc} records',
      'Test {svc} backup restores every month',
      'Make {svc} writes transactional',
    ],
  },
};

/** Measures any postmortem may carry, whatever its cause. */
export const GENERIC_MEASURES = [
  'Update the {svc} runbook with the steps from this incident',
  'Add the {svc} to the status page',
  'Improve communication with support during incidents',
  'Review the on-call handover process',
  'Page the {svc} on-call within {n} minutes of the first alert',
  'Add an SLO for {svc} availability',
  'Share this postmortem in the engineering all-hands',
  'Better monitoring',
  'Document the {svc} architecture',
  'Run a game day for the {svc} team',
  'Add a dashboard for {svc} error rates',
  'Alert when {svc} p99 latency exceeds {n} ms',
];

export const IMPACT_EFFECTS = ['requests failed', 'checkouts failed', 'users saw errors', 'pages loaded slowly', 'orders were delayed', 'logins failed'];
export const SUMMARY_OPENERS = [
  'For {d} minutes the {svc} answered with errors.',
  'Customers could not use the {svc} for about {d} minutes.',
  'The {svc} was degraded for {d} minutes during peak hours.',
];
export const WONT_DO_REASONS = ['Superseded by the platform migration.', 'Not worth the cost after review.', 'The service is being retired.', 'Covered by another measure.'];
export const BLOCK_REASONS = ['Waiting for the vendor.', 'Needs a platform change first.', 'Blocked on budget approval.', 'Waiting for the database upgrade.'];

/** Fills {svc} and {n}. */
export function fill(template: string, service: string, random: Random): string {
  return template.replace(/\{svc\}/g, service).replace(/\{n\}/g, () => String(random.pick([2, 3, 5, 10, 15, 20, 30, 50, 80, 90, 100, 200, 500])));
}
