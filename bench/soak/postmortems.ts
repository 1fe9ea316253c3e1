/**
 * Postmortems for the soak: a deterministic document per (incident, revision), in the shapes people write
 * (markdown lists, tables, checkboxes, plain text with labels), of varied length. A revision rewords a measure,
 * swaps the extra one and marks one done, so re-imports exercise revision matching without the item count
 * running away: each revision adds at most one item (the dropped extra stays, flagged REMOVED_FROM_SOURCE).
 */
import { Random } from '../corpus/random';

export type Rng = () => number;

/** A seeded source (bench/corpus/random.ts), the same sequence for a seed on every machine. */
export function rng(seed: number): Rng {
  const random = new Random(seed);
  return () => random.next();
}

export function pick<T>(random: Rng, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)];
}

export function chance(random: Rng, probability: number): boolean {
  return random() < probability;
}

// Names as postmortems write them: some are aliases in examples/ownership.yaml, some are new services.
const COMPONENTS = [
  'payment gateway',
  'payment gateway API',
  'payment processing service',
  'shopping cart service',
  'cart service',
  'product catalog',
  'catalogue API',
  'storefront',
  'order service',
  'orders API',
  'search api',
  'image workers',
  'login service',
  'email sender',
  'inventory sync',
  'price engine',
  'report builder',
];

interface Cause {
  headline: string;
  rootCause: (component: string) => string;
}

const CAUSES: Cause[] = [
  { headline: 'memory leak', rootCause: (c) => `A memory leak in the ${c}: an in-process cache had no size limit, so the heap grew until the pods were OOMKilled.` },
  { headline: 'bad configuration push', rootCause: (c) => `A misconfigured timeout was pushed to every ${c} instance at once.` },
  { headline: 'expired certificate', rootCause: (c) => `The TLS certificate of the ${c} expired and clients refused to connect.` },
  { headline: 'DNS record removed', rootCause: (c) => `A DNS record for the ${c} was deleted during a zone cleanup.` },
  { headline: 'deploy regression', rootCause: (c) => `A bad deploy of the ${c} shipped a regression in request parsing.` },
  { headline: 'connection pool exhaustion', rootCause: (c) => `The database connection pool of the ${c} was exhausted by slow queries.` },
  { headline: 'disk full', rootCause: (c) => `Disk space ran out on the ${c} hosts because logs were never rotated.` },
  { headline: 'vendor outage', rootCause: (c) => `The ${c} depends on a third-party provider whose API was down for an hour.` },
];

const MEASURES: ((c: string) => string)[] = [
  (c) => `Add heap usage alerts for the ${c}`,
  (c) => `Cap the in-process cache of the ${c} at 50,000 entries`,
  (c) => `Run a load test of the ${c} before every release`,
  (c) => `Validate ${c} configuration in CI before it is pushed`,
  (c) => `Roll out ${c} configuration to one zone first`,
  (c) => `Alert 30 days before the ${c} certificate expires`,
  (c) => `Automate certificate renewal for the ${c}`,
  (c) => `Protect the ${c} DNS records from deletion`,
  (c) => `Probe the ${c} hostname from outside every minute`,
  (c) => `Add a canary stage to the ${c} deploy pipeline`,
  (c) => `Write regression tests for the ${c} request parser`,
  (c) => `Add a statement timeout to the ${c} queries`,
  (c) => `Alert on ${c} connection pool saturation`,
  (c) => `Rotate and compress the ${c} logs daily`,
  (c) => `Add disk usage alerts at 80% for the ${c} hosts`,
  (c) => `Ask the vendor behind the ${c} for a status feed and an SLA`,
  (c) => `Write a runbook for restarting the ${c}`,
  () => 'Review DNS changes with a second person',
  () => 'Make rollbacks one command',
  () => 'Train the on-call rotation on the new rollback tool',
];

const REWORDINGS: ((text: string) => string)[] = [
  (t) => `${t}, and add a dashboard for it`,
  (t) => t.replace(/^Add /, 'Set up ').replace(/^Run /, 'Schedule ').replace(/^Write /, 'Draft '),
  (t) => `${t} (see the timeline)`,
];

const PEOPLE = ['dana', 'li.wei', 'omar', 'priya', 'sam', 'hannah', 'tomasz', 'amara'];
const SEVERITIES = ['SEV-1', 'SEV-2', 'SEV-3', 'SEV-4', 'High', 'Medium'];
const FILLER = [
  'The on-call engineer was paged and joined the incident channel within five minutes.',
  'Dashboards showed the error rate climbing well before the first customer report arrived.',
  'A rollback was considered but the previous version had the same problem.',
  'Support received a burst of tickets, most of them about failed checkouts.',
  'We kept the status page updated every thirty minutes until the incident was resolved.',
  'Graphs for the affected pods showed a steady climb over several days that nobody was watching.',
];

export interface Postmortem {
  sourceUri: string;
  text: string;
}

/** The document of `incident` at `revision`; the same arguments always give the same text. */
export function postmortem(seed: number, incident: number, revision: number, today: Date): Postmortem {
  const random = rng(seed * 1_000_003 + incident);
  const component = pick(random, COMPONENTS);
  const cause = pick(random, CAUSES);
  // Incidents from the last five months, so items are overdue, due soon or far off in a realistic mix.
  const day = new Date(today.getTime() - Math.floor(random() * 150 + 1) * 86_400_000);
  const date = day.toISOString().slice(0, 10);
  const startHour = Math.floor(random() * 20);
  const minutes = 10 + Math.floor(random() * 240);
  const end = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), startHour) + minutes * 60_000);
  const count = 3 + Math.floor(random() * 4);
  const base = new Set<number>();
  while (base.size < count) base.add(Math.floor(random() * MEASURES.length));
  const owners = [...base].map(() => (chance(random, 0.4) ? pick(random, PEOPLE) : null));
  const dues = [...base].map(() => (chance(random, 0.5) ? new Date(day.getTime() + (14 + Math.floor(random() * 60)) * 86_400_000).toISOString().slice(0, 10) : null));
  const severity = pick(random, SEVERITIES);
  const share = 5 + Math.floor(random() * 60);
  const shape = Math.floor(random() * 4);
  const filler = Array.from({ length: Math.floor(random() * 12) }, () => pick(random, FILLER));

  const measures = [...base].map((index, m) => ({ text: MEASURES[index](component), owner: owners[m], due: dues[m], done: false }));
  if (revision > 0) {
    const revised = rng(seed * 7919 + incident * 104_729 + revision);
    const target = measures[revision % measures.length];
    target.text = pick(revised, REWORDINGS)(target.text);
    measures[(revision + 1) % measures.length].done = chance(revised, 0.3);
    measures.push({ text: `${pick(revised, MEASURES)(component)} (follow-up ${revision})`, owner: null, due: null, done: false });
  }

  const header = [
    `Date: ${date}`,
    `Start: ${date} ${String(startHour).padStart(2, '0')}:00 UTC`,
    `End: ${end.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    `Severity: ${severity}`,
    `Impact: About ${share}% of users saw errors from the ${component}.`,
    `Root Cause: ${cause.rootCause(component)}`,
  ];
  const title = `${component} outage after a ${cause.headline}`;
  const story = filler.join(' ');
  const timeline = [`${String(startHour).padStart(2, '0')}:05 Alerts fire for the ${component}.`, `${end.toISOString().slice(11, 16)} Service restored.`];
  let body: string;
  switch (shape) {
    case 0:
      body = [
        `# ${title[0].toUpperCase()}${title.slice(1)}`,
        header.join('\n'),
        '## Summary',
        story || `The ${component} failed.`,
        '## Timeline',
        timeline.map((line) => `- ${line}`).join('\n'),
        '## Action items',
        measures.map((m) => `- ${m.text}${m.owner ? ` (owner: @${m.owner})` : ''}${m.due ? ` by ${m.due}` : ''}${m.done ? ' (DONE)' : ''}`).join('\n'),
      ].join('\n\n');
      break;
    case 1:
      body = [
        `# Postmortem: ${title}`,
        header.join('\n'),
        story,
        '## Follow-ups',
        '| Action | Owner | Due |\n| --- | --- | --- |',
      ].join('\n\n');
      body += '\n' + measures.map((m) => `| ${m.text}${m.done ? ' (DONE)' : ''} | ${m.owner ? `@${m.owner}` : ''} | ${m.due ?? ''} |`).join('\n');
      break;
    case 2:
      body = [
        `## ${title}`,
        header.join('\n'),
        '### What happened',
        story,
        '### Corrective and preventive measures',
        measures.map((m) => `- [${m.done ? 'x' : ' '}] ${m.text}${m.owner ? ` (owner: @${m.owner})` : ''}${m.due ? ` (Due: ${m.due})` : ''}`).join('\n'),
      ].join('\n\n');
      break;
    default:
      body = [
        `Postmortem: ${title}`,
        header.join('\n'),
        'Timeline (UTC)',
        timeline.join('\n'),
        story,
        'Corrective and Preventive Measures',
        measures.map((m, i) => `Measure ${i + 1}: ${m.text}${m.owner ? `. Owner: @${m.owner}` : ''}${m.due ? `. Due ${m.due}` : ''}${m.done ? ' (DONE)' : ''}`).join('\n'),
      ].join('\n\n');
  }
  return { sourceUri: `soak://postmortems/${seed}/${incident}`, text: `${body}\n` };
}
