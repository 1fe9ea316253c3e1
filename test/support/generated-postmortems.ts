/**
 * Many distinct postmortems for the bulk and crash specs: varied services, failure modes, dates, severities,
 * owners, due dates and done marks, in the markdown shape the parser reads. Deterministic for a given count.
 */

const SERVICES = ['payment gateway', 'shopping cart', 'search api', 'image workers', 'order service', 'login service', 'email sender', 'inventory sync', 'price engine', 'report builder'];

interface Cause {
  headline: string;
  rootCause: (service: string) => string;
  measures: ((service: string) => string)[];
}

const CAUSES: Cause[] = [
  {
    headline: 'memory leak',
    rootCause: (s) => `A memory leak in the ${s} exhausted its heap until the pods were killed.`,
    measures: [(s) => `Add heap usage alerts for the ${s}`, (s) => `Cap the in-process cache of the ${s}`, (s) => `Run a soak test of the ${s} before each release`],
  },
  {
    headline: 'bad configuration push',
    rootCause: (s) => `A configuration change with a wrong timeout was pushed to every ${s} instance at once.`,
    measures: [(s) => `Validate ${s} configuration in CI before it is pushed`, (s) => `Roll out ${s} configuration to one zone first`, () => `Document the configuration rollback procedure`],
  },
  {
    headline: 'expired certificate',
    rootCause: (s) => `The TLS certificate of the ${s} expired and clients refused to connect.`,
    measures: [(s) => `Alert 30 days before the ${s} certificate expires`, (s) => `Automate certificate renewal for the ${s}`, () => `Add certificate owners to the service catalogue`],
  },
  {
    headline: 'DNS record removed',
    rootCause: (s) => `A DNS record for the ${s} was deleted during a zone cleanup.`,
    measures: [(s) => `Protect the ${s} DNS records from deletion`, () => `Review DNS changes with a second person`, (s) => `Probe the ${s} hostname from outside every minute`],
  },
  {
    headline: 'deploy regression',
    rootCause: (s) => `A deploy of the ${s} shipped a regression in request parsing.`,
    measures: [(s) => `Add a canary stage to the ${s} deploy pipeline`, (s) => `Write regression tests for the ${s} request parser`, () => `Make rollbacks one command`],
  },
  {
    headline: 'connection pool exhaustion',
    rootCause: (s) => `The database connection pool of the ${s} was exhausted by slow queries.`,
    measures: [(s) => `Add a statement timeout to the ${s} queries`, (s) => `Alert on ${s} connection pool saturation`, (s) => `Load test the ${s} at twice the peak traffic`],
  },
];

const PEOPLE = ['dana', 'li.wei', 'omar', 'priya', 'sam'];
const SEVERITIES = ['SEV-1', 'SEV-2', 'SEV-3', 'SEV-4'];

export interface GeneratedPostmortem {
  /** File name, sortable in generation order. */
  name: string;
  text: string;
}

export function generatePostmortems(count: number): GeneratedPostmortem[] {
  return Array.from({ length: count }, (_, index) => ({ name: `pm-${String(index).padStart(4, '0')}.md`, text: postmortem(index) }));
}

function postmortem(index: number): string {
  const service = SERVICES[index % SERVICES.length];
  const cause = CAUSES[Math.floor(index / SERVICES.length) % CAUSES.length];
  const day = new Date(Date.UTC(2023, 0, 2) + index * 3 * 86_400_000);
  const date = day.toISOString().slice(0, 10);
  const startHour = 6 + (index % 12);
  const minutes = 15 + ((index * 7) % 180);
  const end = new Date(day.getTime() + startHour * 3_600_000 + minutes * 60_000);
  const measures = [...cause.measures.map((measure) => measure(service)), `Write a runbook entry for incident ${index + 1} on the ${service}`].slice(0, 2 + (index % 3));
  const lines = measures.map((measure, m) => {
    const done = (index + m) % 7 === 0 ? '[x]' : '[ ]';
    const owner = (index + m) % 3 === 0 ? ` (owner: @${PEOPLE[(index + m) % PEOPLE.length]})` : '';
    const due = (index + m) % 4 === 1 ? ` by ${new Date(day.getTime() + (20 + m) * 86_400_000).toISOString().slice(0, 10)}` : '';
    return `- ${done} ${measure}${owner}${due}`;
  });
  return `# Incident ${index + 1}: ${service} outage after a ${cause.headline}

Date: ${date}
Start: ${date} ${String(startHour).padStart(2, '0')}:00 UTC
End: ${end.toISOString().slice(0, 16).replace('T', ' ')} UTC
Severity: ${SEVERITIES[index % SEVERITIES.length]}
Impact: About ${5 + (index % 60)}% of requests to the ${service} failed.
Root Cause: ${cause.rootCause(service)}

## What happened

Requests to the ${service} began failing at ${String(startHour).padStart(2, '0')}:00 and recovered ${minutes} minutes later.

## Action items

${lines.join('\n')}
`;
}
