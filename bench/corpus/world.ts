/**
 * The synthetic organisation a corpus is about: services with owning teams, teams, people, and for each
 * incident what happened (service, failure mode, dates, measures). Everything derives from (incidents, seed,
 * now), so the import benchmark can write new postmortems about the same services as a stored corpus.
 */
import { serviceMatchTerms } from '../../src/services/service-match-terms';
import {
  FAILURE_MODE_KEYS, FAILURE_MODE_WEIGHTS, FIRST_NAMES, GENERIC_MEASURES, IMPACT_EFFECTS, LAST_NAMES, MODE_TEXT, REGIONS, SERVICE_BASES,
  SUMMARY_OPENERS, TEAM_AREAS, TEAM_SUFFIXES, fill, type FailureModeKey,
} from './catalogue';
import { Random, zipfWeights } from './random';

export const DAY_MS = 86_400_000;

export interface ServiceSpec {
  id: string;
  name: string;
  /** How people write it in a postmortem ("payments ledger eu"). */
  display: string;
  aliases: string[];
  matchTerms: string[];
  /** Index into World.teams; null for a service nobody mapped to a team. */
  team: number | null;
  /** The failure modes this service tends to have, so root causes recur. */
  modes: FailureModeKey[];
}

export interface TeamSpec {
  id: string;
  name: string;
}

export interface PersonSpec {
  id: string;
  /** As the importer stores a written "@first.last". */
  name: string;
  email: string | null;
  jiraAccountId: string | null;
}

export interface World {
  now: Date;
  /** When the ownership map and the first people were loaded, before the first postmortem. */
  setupAt: Date;
  /** Incidents start within this many days before `now`. */
  spanDays: number;
  services: ServiceSpec[];
  serviceWeights: number[];
  teams: TeamSpec[];
  people: PersonSpec[];
}

export interface MeasurePlan {
  text: string;
  /** Written as "(owner: …)": "@first.last" or a team name. */
  owner: string | null;
  /** Written due date (YYYY-MM-DD). */
  due: string | null;
  done: boolean;
}

export interface IncidentPlan {
  index: number;
  service: ServiceSpec;
  mode: FailureModeKey;
  severity: 1 | 2 | 3 | 4 | null;
  /** Null: the postmortem gives no start date. */
  startedAt: Date | null;
  durationMinutes: number;
  importedAt: Date;
  /** Half the documents are markdown with headings, half plain text with labels, as in real wikis. */
  shape: 'markdown' | 'text';
  title: string;
  summary: string;
  impactPercent: number;
  cause: string;
  resolution: string;
  author: string;
  measures: MeasurePlan[];
  /** A later revision that drops the last measure, imported this long after the first. */
  revisionAfterMs: number | null;
}

const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(max, value));

export function buildWorld(incidents: number, seed: number, now: Date): World {
  const random = new Random(seed);
  const serviceCount = clamp(Math.round(Math.sqrt(incidents) * 1.6), 12, SERVICE_BASES.length * (REGIONS.length + 1));
  const teamCount = clamp(Math.round(serviceCount / 5), 4, TEAM_AREAS.length * TEAM_SUFFIXES.length);
  const peopleCount = clamp(Math.round(incidents / 25), 20, FIRST_NAMES.length * LAST_NAMES.length);
  const spanDays = 3 * 365;

  const teams: TeamSpec[] = [];
  for (let i = 0; i < teamCount; i++) {
    const area = TEAM_AREAS[i % TEAM_AREAS.length];
    const suffix = TEAM_SUFFIXES[Math.floor(i / TEAM_AREAS.length) % TEAM_SUFFIXES.length];
    const round = Math.floor(i / (TEAM_AREAS.length * TEAM_SUFFIXES.length));
    teams.push({ id: random.uuid(), name: `${area}-${suffix}${round ? `-${round + 1}` : ''}` });
  }
  // Unique by construction: names are taken in order from a shuffled grid.
  const people: PersonSpec[] = [];
  const grid = FIRST_NAMES.flatMap((first) => LAST_NAMES.map((last) => `${first}.${last}`));
  for (let i = grid.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [grid[i], grid[j]] = [grid[j], grid[i]];
  }
  for (let i = 0; i < peopleCount; i++) {
    const name = grid[i];
    // About half were created through the API with an email (and so a Jira account); the rest by imports.
    const known = random.chance(0.5);
    people.push({ id: random.uuid(), name, email: known ? `${name}@example.com` : null, jiraAccountId: known ? `5f${random.uuid().replace(/-/g, '').slice(0, 22)}` : null });
  }

  const services: ServiceSpec[] = [];
  for (let i = 0; i < serviceCount; i++) {
    const base = SERVICE_BASES[i % SERVICE_BASES.length];
    const region = i < SERVICE_BASES.length ? null : REGIONS[Math.floor(i / SERVICE_BASES.length) - 1];
    const display = region ? `${base} ${region}` : base;
    const name = display.replace(/ /g, '-');
    const aliases = [`${display} service`, `${display} api`];
    const modes: FailureModeKey[] = [];
    while (modes.length < 3) {
      const mode = FAILURE_MODE_KEYS[random.weighted(FAILURE_MODE_KEYS.map((key) => FAILURE_MODE_WEIGHTS[key]))];
      if (!modes.includes(mode)) modes.push(mode);
    }
    services.push({ id: random.uuid(), name, display, aliases, matchTerms: serviceMatchTerms(name, aliases), team: random.chance(0.08) ? null : i % teamCount, modes });
  }
  // Which services have the most incidents is not tied to their position in the list.
  const weights = zipfWeights(serviceCount);
  for (let i = weights.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [weights[i], weights[j]] = [weights[j], weights[i]];
  }
  const setupAt = new Date(now.getTime() - (spanDays + 30) * DAY_MS);
  return { now, setupAt, spanDays, services, serviceWeights: weights, teams, people };
}

/**
 * What happened in incident `index`, with `itemCount` measures. Starts lean towards recent months (the
 * organisation grows), imports follow the start by a few days, a few postmortems give no date.
 */
export function planIncident(world: World, random: Random, index: number, itemCount: number): IncidentPlan {
  const service = world.services[random.weighted(world.serviceWeights)];
  // Mostly one of the service's usual failure modes: that is what makes root causes recur.
  const mode = random.chance(0.85) ? service.modes[random.weighted([50, 30, 20])] : FAILURE_MODE_KEYS[random.weighted(FAILURE_MODE_KEYS.map((key) => FAILURE_MODE_WEIGHTS[key]))];
  const text = MODE_TEXT[mode];
  const ageDays = world.spanDays * Math.pow(random.next(), 1.5) + 1;
  const start = new Date(world.now.getTime() - ageDays * DAY_MS);
  start.setUTCSeconds(0, 0);
  const dated = random.chance(0.95);
  const importedAt = new Date(Math.min(start.getTime() + random.int(1, 10 * 24) * 3_600_000 + random.int(0, 3_599) * 1000, world.now.getTime() - 3_600_000));
  const severity = random.chance(0.05) ? null : ((random.weighted([8, 25, 45, 22]) + 1) as 1 | 2 | 3 | 4);
  const durationMinutes = random.int(8, 300);
  const svc = service.display;
  const ownerTeam = service.team !== null ? world.teams[service.team].name : null;

  const pool = [...text.measures, ...text.measures, ...GENERIC_MEASURES];
  const measures: MeasurePlan[] = [];
  const used = new Set<string>();
  for (let attempt = 0; measures.length < itemCount && attempt < itemCount * 10; attempt++) {
    const template = random.pick(pool);
    if (used.has(template)) continue;
    used.add(template);
    const ownerDraw = random.next();
    // Most measures name an owner; the rest go to the service's team through the ownership map (or to nobody).
    const owner = ownerDraw < 0.45 ? `@${random.pick(world.people).name}` : ownerDraw < 0.6 ? (ownerTeam ?? random.pick(world.teams).name) : null;
    const due = random.chance(0.2) ? isoDate(new Date(start.getTime() + random.int(7, 120) * DAY_MS)) : null;
    measures.push({ text: fill(template, svc, random), owner, due, done: random.chance(0.06) });
  }
  // A pool smaller than itemCount (never with the current catalogue) would give fewer measures; fill with generic ones.
  while (measures.length < itemCount) measures.push({ text: `${fill(random.pick(GENERIC_MEASURES), svc, random)} (${measures.length + 1})`, owner: null, due: null, done: false });

  return {
    index,
    service,
    mode,
    severity,
    startedAt: dated ? start : null,
    durationMinutes,
    importedAt,
    shape: random.chance(0.5) ? 'markdown' : 'text',
    title: capitalise(fill(random.pick(text.titles), svc, random)),
    summary: fill(random.pick(SUMMARY_OPENERS), svc, random).replace('{d}', String(durationMinutes)),
    impactPercent: random.int(1, 80),
    cause: fill(random.pick(text.causes), svc, random),
    resolution: random.pick(text.resolutions),
    author: random.pick(world.people).name,
    measures,
    revisionAfterMs: random.chance(0.03) && itemCount > 3 ? random.int(1, 20) * DAY_MS : null,
  };
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const hhmm = (date: Date) => `${String(date.getUTCHours()).padStart(2, '0')}:${String(date.getUTCMinutes()).padStart(2, '0')}`;

/** One line per measure, with its owner and due date written the ways postmortems write them. */
function measureLine(measure: MeasurePlan, index: number, shape: IncidentPlan['shape']): string {
  const notes = [measure.owner ? `owner: ${measure.owner}` : null, measure.due ? `due: ${measure.due}` : null].filter(Boolean);
  const text = `${measure.text}${notes.length ? ` (${notes.join(', ')})` : ''}`;
  if (shape === 'markdown') return `- [${measure.done ? 'x' : ' '}] ${text}`;
  return `${index + 1}. ${text}${measure.done ? ' (DONE)' : ''}`;
}

/** The postmortem as a team would write it; `revision` 2 drops the last measure and says it was updated. */
export function postmortemText(plan: IncidentPlan, revision = 1): string {
  const measures = revision > 1 ? plan.measures.slice(0, -1) : plan.measures;
  const start = plan.startedAt;
  const end = start ? new Date(start.getTime() + plan.durationMinutes * 60_000) : null;
  const severity = plan.severity ? `SEV${plan.severity}` : null;
  const impact = `About ${plan.impactPercent}% of ${IMPACT_EFFECTS[plan.index % IMPACT_EFFECTS.length]}.`;
  const dateLines = start
    ? [`Date: ${start.getUTCDate()} ${MONTHS[start.getUTCMonth()]} ${start.getUTCFullYear()}`, `Start: ${hhmm(start)} UTC`, `End: ${hhmm(end!)} UTC`]
    : [];
  const meta = [
    ...dateLines, ...(severity ? [`Severity: ${severity}`] : []), `Impact: ${impact}`, `Author: ${plan.author}`, `Incident: INC-${10_000 + plan.index}`,
    ...(revision > 1 ? [`Revision: ${revision} (one measure dropped after review)`] : []),
  ];
  const items = measures.map((measure, i) => measureLine(measure, i, plan.shape));
  if (plan.shape === 'markdown') {
    return [`# ${plan.title}`, '', ...meta, '', '## Summary', '', plan.summary, '', '## Root cause', '', plan.cause, '', '## Resolution', '', plan.resolution, '', '## Action items', '', ...items, ''].join('\n');
  }
  return [`Postmortem: ${plan.title}`, '', ...meta, `Root Cause: ${plan.cause}`, '', 'Summary', '', plan.summary, '', 'Resolution', '', plan.resolution, '', 'Action items', '', ...items, ''].join('\n');
}
