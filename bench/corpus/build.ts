/**
 * Builds a corpus's rows in memory, table by table, in the shape the import path and the API write them. The
 * decisions are the application's own pure functions — the parser, the service resolver's matchers, the owner
 * and due-date assignment, the root-cause suggestion, the measure matcher, revision matching — applied in import
 * order; only the database round trips are replaced by in-memory indexes that mirror their queries. After the
 * imports, people work the items: transitions, reassignments and reschedules, each audited and queued for Jira.
 */
import { createHash } from 'node:crypto';
import { ACTIVE_STATUSES, ActionItemStatus, AssignmentOrigin } from '../../src/action-items/action-item-enums';
import { applyTransition, type LifecycleState } from '../../src/action-items/action-item-lifecycle';
import { calendarDateIn } from '../../src/common/calendar';
import { JiraSyncState } from '../../src/jira/jira-sync-state';
import type { RemoteIssue } from '../../src/jira/remote-issue';
import { OwnerKind } from '../../src/owners/owner-kind';
import { resolveService } from '../../src/ownership/ownership-map';
import { parsePostmortem } from '../../src/parser/parse-postmortem';
import type { ParsedPostmortem } from '../../src/parser/parsed-postmortem';
import { failureModeCue } from '../../src/parser/root-cause';
import { detectFormat } from '../../src/parser/source-text';
import { DEFAULT_DUE_POLICY } from '../../src/postmortems/due-policy';
import { importActor } from '../../src/postmortems/import-actor';
import { assignItem, looksLikeTeam, priorityFor } from '../../src/postmortems/item-assignment';
import { matchRevisionItems } from '../../src/postmortems/revision-matching';
import { componentTerms } from '../../src/recurrence/component-terms';
import { bestMeasure, measureSignature, type MeasureCandidate } from '../../src/recurrence/measure-match';
import { suggestRootCause } from '../../src/recurrence/root-cause-suggestion';
import { matchService } from '../../src/recurrence/service-match';
import { wordsOf } from '../../src/recurrence/words';
import { LinkStatus } from '../../src/root-causes/link-status';
import { serviceMatchTerms } from '../../src/services/service-match-terms';
import { BLOCK_REASONS, WONT_DO_REASONS } from './catalogue';
import { Table, type Cell } from './copy';
import { ParsePipeline } from './parse-pipeline';
import { Random } from './random';
import { buildWorld, DAY_MS, planIncident, postmortemText, type IncidentPlan, type World } from './world';

export interface CorpusOptions {
  /** Target number of action items (incidents follow, 3–10 items each); or give `incidents`. */
  items?: number;
  incidents?: number;
  seed?: number;
  /** The clock the corpus is relative to (due dates, ages); the real time by default, as the server's flags use it. */
  now?: Date;
}

export interface CorpusStats {
  incidents: number;
  items: number;
  events: number;
  services: number;
  owners: number;
  measures: number;
  rootCauses: number;
  recurringRootCauses: number;
  postmortems: number;
  statuses: Record<string, number>;
  /** Active items due before today (UTC): what the dashboard's totalCount should say. */
  overdue: number;
  dueInFuture: number;
  unowned: number;
  largestMeasure: number;
  measuresRepeated: number;
  parseMismatches: number;
  servicesAddedByImport: number;
}

export interface Corpus {
  world: World;
  tables: Table[];
  stats: CorpusStats;
}

/** The import's actor: the CLI or API token that ran the imports. */
const IMPORTER = importActor('wiki-sync');

interface ServiceRow {
  id: string;
  name: string;
  aliases: string[];
  matchTerms: string[];
  teamId: string | null;
  order: number;
}

interface OwnerRow {
  id: string;
  name: string;
  kind: OwnerKind;
  jiraAccountId: string | null;
}

interface ItemState {
  row: Record<string, Cell>;
  id: string;
  title: string;
  status: ActionItemStatus;
  completedAt: Date | null;
  evidenceUrl: string | null;
  wontDoReason: string | null;
  ownerId: string | null;
  dueOn: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  /** Pushes queued for Jira: one per committed change. */
  changes: number;
  /** People may act on it from this instant (after the last revision of its postmortem). */
  workFrom: Date;
  priority: string;
}

interface MeasureRow {
  id: string;
  category: string | null;
  subject: string | null;
  terms: string[];
  serviceId: string | null;
  createdAt: Date;
  order: number;
  size: number;
}

const TABLE_COLUMNS: Record<string, string[]> = {
  owner: ['id', 'kind', 'name', 'email', 'jira_account_id', 'created_at'],
  service: ['id', 'name', 'aliases', 'owning_team_id', 'created_at', 'match_terms'],
  incident: [
    'id', 'title', 'summary', 'started_at', 'ended_at', 'duration_minutes', 'impact_percent', 'impact', 'severity', 'created_at', 'updated_at',
    'root_cause_summary', 'failure_mode', 'component', 'resolution', 'service_id', 'service_confidence', 'service_evidence', 'service_decided_by',
  ],
  postmortem: ['id', 'incident_id', 'raw_text', 'format', 'sha256', 'source_uri', 'imported_at', 'revision', 'parsed'],
  measure: ['id', 'title', 'category', 'subject', 'match_terms', 'service_id', 'accepts_matches', 'created_at'],
  action_item: [
    'id', 'incident_id', 'title', 'description', 'kind', 'priority', 'status', 'owner_id', 'service_id', 'due_on', 'completed_at', 'evidence_url',
    'wont_do_reason', 'postmortem_id', 'source_section', 'source_line_start', 'source_line_end', 'version', 'created_at', 'updated_at', 'category',
    'source_text', 'removed_from_source_at', 'owner_origin', 'due_origin', 'measure_id', 'match_terms', 'subject', 'measure_evidence', 'measure_decided_by',
  ],
  // "sequence" is left to its BIGSERIAL default: rows are written in the order they happened.
  action_item_event: ['id', 'action_item_id', 'actor', 'at', 'field', 'from_value', 'to_value', 'reason'],
  root_cause: ['id', 'failure_mode', 'service_id', 'created_at'],
  root_cause_link: ['id', 'incident_id', 'root_cause_id', 'status', 'confidence', 'evidence', 'decided_by', 'decided_at', 'created_at'],
  jira_sync: [
    'action_item_id', 'state', 'issue_id', 'issue_key', 'issue_url', 'adopt_key', 'change_seq', 'attempts', 'next_attempt_at', 'locked_by', 'locked_until',
    'create_attempted_at', 'remote', 'remote_updated_at', 'last_synced_at', 'error', 'warning', 'updated_at',
  ],
};

/** Foreign keys first: the order COPY must fill them in. */
export const TABLE_ORDER = ['owner', 'service', 'incident', 'postmortem', 'measure', 'action_item', 'action_item_event', 'root_cause', 'root_cause_link', 'jira_sync'];

const AVERAGE_ITEMS = 6.5;
const MAX_MEASURE_CANDIDATES = 30;
const MAX_SERVICE_CANDIDATES = 20;
const JIRA_SITE = 'https://acme.atlassian.net';
const JIRA_STATUS: Record<ActionItemStatus, [string, string]> = {
  OPEN: ['To Do', 'new'],
  IN_PROGRESS: ['In Progress', 'indeterminate'],
  BLOCKED: ['Blocked', 'indeterminate'],
  DONE: ['Done', 'done'],
  WONT_DO: ["Won't Do", 'done'],
};
const JIRA_PRIORITY: Record<string, string> = { P1: 'Highest', P2: 'High', P3: 'Medium', P4: 'Low' };

export async function buildCorpus(options: CorpusOptions): Promise<Corpus> {
  const seed = options.seed ?? 1;
  const now = options.now ?? new Date();
  const targetItems = options.items ?? null;
  const targetIncidents = options.incidents ?? Math.ceil((targetItems ?? 1000) / AVERAGE_ITEMS);
  const world = buildWorld(targetIncidents, seed, now);
  const random = new Random(seed * 7919 + 17);
  const ids = new Random(seed * 104729 + 3);
  const tables = Object.fromEntries(Object.entries(TABLE_COLUMNS).map(([name, columns]) => [name, new Table(name, columns)]));
  const events: Record<string, Cell>[] = [];
  const today = calendarDateIn(now, 'UTC');

  // The ownership map and the people created through the API exist before the first import.
  const owners = new Map<string, OwnerRow>();
  for (const team of world.teams) {
    owners.set(team.name, { id: team.id, name: team.name, kind: OwnerKind.TEAM, jiraAccountId: null });
    tables.owner.add({ id: team.id, kind: OwnerKind.TEAM, name: team.name, created_at: world.setupAt });
  }
  for (const person of world.people.filter((p) => p.email)) {
    owners.set(person.name, { id: person.id, name: person.name, kind: OwnerKind.PERSON, jiraAccountId: person.jiraAccountId });
    tables.owner.add({ id: person.id, kind: OwnerKind.PERSON, name: person.name, email: person.email, jira_account_id: person.jiraAccountId, created_at: world.setupAt });
  }
  const ownerIdFor = (written: string, at: Date): string => {
    const name = written.slice(0, 200);
    let owner = owners.get(name);
    if (!owner) {
      owner = { id: ids.uuid(), name, kind: looksLikeTeam(name) ? OwnerKind.TEAM : OwnerKind.PERSON, jiraAccountId: null };
      owners.set(name, owner);
      tables.owner.add({ id: owner.id, kind: owner.kind, name, created_at: at });
    }
    return owner.id;
  };
  const teamName = new Map(world.teams.map((team) => [team.id, team.name]));

  const services: ServiceRow[] = [];
  const servicesByName = new Map<string, ServiceRow>();
  const servicesByTerm = new Map<string, ServiceRow[]>();
  const addService = (row: ServiceRow, at: Date) => {
    services.push(row);
    servicesByName.set(row.name, row);
    for (const term of row.matchTerms) servicesByTerm.set(term, [...(servicesByTerm.get(term) ?? []), row]);
    tables.service.add({ id: row.id, name: row.name, aliases: row.aliases, owning_team_id: row.teamId, created_at: at, match_terms: row.matchTerms });
  };
  for (const spec of world.services) {
    addService({ id: spec.id, name: spec.name, aliases: spec.aliases, matchTerms: spec.matchTerms, teamId: spec.team === null ? null : world.teams[spec.team].id, order: services.length }, world.setupAt);
  }
  let servicesAddedByImport = 0;

  // ServiceResolver.resolve, with the GIN lookups (match_terms && words) done on an in-memory index.
  const sharing = (words: string[]): Map<ServiceRow, number> => {
    const found = new Map<ServiceRow, number>();
    for (const word of new Set(words)) for (const row of servicesByTerm.get(word) ?? []) found.set(row, (found.get(row) ?? 0) + 1);
    return found;
  };
  const resolveServiceOf = (parsed: ParsedPostmortem, at: Date): { row: ServiceRow; confidence: number; evidence: string } | null => {
    const component = parsed.rootCause.component?.trim() || null;
    const texts = [component, parsed.rootCause.summary, parsed.title];
    const named = [...sharing(texts.flatMap((text) => (text ? wordsOf(text) : []))).keys()].sort((a, b) => a.order - b.order);
    const known = resolveService(texts, named);
    if (known) return { row: known, confidence: 1, evidence: `"${component ?? known.name}" names the service "${known.name}" or one of its aliases.` };
    if (!component) return null;
    const candidates = [...sharing(componentTerms(component)).entries()]
      .sort((a, b) => b[1] - a[1] || (a[0].name < b[0].name ? -1 : 1))
      .slice(0, MAX_SERVICE_CANDIDATES)
      .map(([row]) => row);
    const match = matchService(component, candidates);
    if (match) return { row: candidates.find((row) => row.id === match.serviceId)!, confidence: match.confidence, evidence: match.evidence };
    const name = component.slice(0, 200);
    let row = servicesByName.get(name);
    if (!row) {
      row = { id: ids.uuid(), name, aliases: [], matchTerms: serviceMatchTerms(name, []), teamId: null, order: services.length };
      addService(row, at);
      servicesAddedByImport++;
    }
    return { row, confidence: 1, evidence: `"${component}" is the service named in the postmortem (no known service matched, so it was added).` };
  };

  // MeasureLinker.assign: candidates share the category and a word or the subject, ranked as its SQL ranks them.
  const measures: MeasureRow[] = [];
  const measuresById = new Map<string, MeasureRow>();
  const measuresByKey = new Map<string, MeasureRow[]>();
  const index = (key: string, row: MeasureRow) => {
    const list = measuresByKey.get(key);
    if (list) list.push(row);
    else measuresByKey.set(key, [row]);
  };
  // -1: not a candidate of the item being matched. Grows with the measures (at most one per item).
  let sharedCount = new Int32Array(1024).fill(-1);
  const assignMeasure = (item: ItemState, text: string, category: string | null, serviceId: string | null) => {
    const signature = measureSignature(text, category);
    let candidates: MeasureCandidate[] = [];
    if (category && (signature.terms.length > 0 || signature.subject)) {
      // Shared-word counts in a flat array indexed by measure order, and a top-30 selection rather than a sort:
      // the candidate lists of common words run to hundreds of measures.
      const touched: MeasureRow[] = [];
      const touch = (row: MeasureRow, by: number) => {
        if (sharedCount[row.order] < 0) {
          sharedCount[row.order] = 0;
          touched.push(row);
        }
        sharedCount[row.order] += by;
      };
      for (const term of signature.terms) for (const row of measuresByKey.get(`${category}\u0000t\u0000${term}`) ?? []) touch(row, 1);
      if (signature.subject) for (const row of measuresByKey.get(`${category}\u0000s\u0000${signature.subject}`) ?? []) touch(row, 0);
      const rank = (row: MeasureRow) => (row.subject === signature.subject ? 1_000_000 : 0) + sharedCount[row.order] * 1000;
      const best: MeasureRow[] = [];
      for (const row of touched) {
        const score = rank(row);
        // Same rank: the older measure first (created_at, then creation order), as the SQL orders them.
        const better = (other: MeasureRow) => score > rank(other) || (score === rank(other) && row.order < other.order);
        if (best.length === MAX_MEASURE_CANDIDATES && !better(best[best.length - 1])) continue;
        let at = best.length;
        while (at > 0 && better(best[at - 1])) at--;
        best.splice(at, 0, row);
        if (best.length > MAX_MEASURE_CANDIDATES) best.pop();
      }
      for (const row of touched) sharedCount[row.order] = -1;
      candidates = best.map((row) => ({ measureId: row.id, serviceId: row.serviceId, signature: { category: row.category, subject: row.subject, terms: row.terms } }));
    }
    const match = bestMeasure({ serviceId, signature }, candidates);
    let measure = match ? measuresById.get(match.measureId) : undefined;
    if (!measure) {
      measure = { id: ids.uuid(), category, subject: signature.subject, terms: signature.terms, serviceId, createdAt: item.createdAt, order: measures.length, size: 0 };
      measures.push(measure);
      measuresById.set(measure.id, measure);
      if (measure.order >= sharedCount.length) {
        const grown = new Int32Array(sharedCount.length * 2).fill(-1);
        grown.set(sharedCount);
        sharedCount = grown;
      }
      for (const term of signature.terms) index(`${category}\u0000t\u0000${term}`, measure);
      if (signature.subject) index(`${category}\u0000s\u0000${signature.subject}`, measure);
      tables.measure.add({ id: measure.id, title: item.title, category, subject: signature.subject, match_terms: signature.terms, service_id: serviceId, accepts_matches: true, created_at: item.createdAt });
    }
    measure.size++;
    Object.assign(item.row, { measure_id: measure.id, measure_evidence: match?.evidence ?? null, match_terms: signature.terms, subject: signature.subject });
  };

  const rootCauses = new Map<string, { id: string; incidents: number }>();
  const items: ItemState[] = [];
  const record = (item: ItemState, actor: string, at: Date, changes: { field: string; from: string | null; to: string | null }[], reason: string | null = null) => {
    for (const change of changes) events.push({ id: ids.uuid(), action_item_id: item.id, actor, at, field: change.field, from_value: change.from, to_value: change.to, reason });
    item.changes++;
  };

  // Plan the incidents, then import them in the order they were imported.
  const plans: IncidentPlan[] = [];
  let plannedItems = 0;
  while (targetItems !== null ? plannedItems < targetItems : plans.length < targetIncidents) {
    const left = targetItems !== null ? targetItems - plannedItems : 10;
    const count = Math.min(random.int(3, 10), Math.max(3, left));
    plans.push(planIncident(world, random, plans.length, count));
    plannedItems += count;
  }
  plans.sort((a, b) => a.importedAt.getTime() - b.importedAt.getTime());

  let parseMismatches = 0;
  let postmortems = 0;
  const incidents: Record<string, Cell>[] = [];
  const texts = plans.map((plan) => postmortemText(plan));
  const parses = new ParsePipeline(texts);
  for (const [planIndex, plan] of plans.entries()) {
    const at = plan.importedAt;
    const text = texts[planIndex];
    const parsed = await parses.get(planIndex);
    if (parsed.actionItems.length !== plan.measures.length) parseMismatches++;
    const service = resolveServiceOf(parsed, at);
    const incidentId = ids.uuid();
    const startedAt = parsed.startedAt ? new Date(parsed.startedAt) : null;
    const incident: Record<string, Cell> = { id: incidentId, created_at: at, updated_at: at, ...incidentFields(parsed, service) };
    // Written once the imports are done: a revision updates the row.
    incidents.push(incident);
    const sourceUri = `https://wiki.example.com/postmortems/INC-${10_000 + plan.index}`;
    const postmortemId = ids.uuid();
    addPostmortem(tables.postmortem, postmortemId, incidentId, text, parsed, sourceUri, at, 1);
    postmortems++;

    const team = service?.row.teamId ? (teamName.get(service.row.teamId) ?? null) : null;
    const incidentItems: ItemState[] = [];
    for (const parsedItem of parsed.actionItems) {
      const assignment = assignItem(parsedItem, parsed.severity, team, DEFAULT_DUE_POLICY, startedAt ?? at);
      const id = ids.uuid();
      const done = parsedItem.doneInSource;
      const title = parsedItem.title.slice(0, 300);
      const row: Record<string, Cell> = {
        id,
        incident_id: incidentId,
        title,
        description: parsedItem.text,
        kind: parsedItem.kind.toUpperCase(),
        priority: priorityFor(parsed.severity),
        status: done ? ActionItemStatus.DONE : ActionItemStatus.OPEN,
        owner_id: assignment.ownerName ? ownerIdFor(assignment.ownerName, at) : null,
        service_id: service?.row.id ?? null,
        due_on: assignment.dueOn,
        completed_at: done ? at : null,
        postmortem_id: postmortemId,
        source_section: parsedItem.section?.slice(0, 300) ?? null,
        source_line_start: parsedItem.lines.start,
        source_line_end: parsedItem.lines.end,
        version: 1,
        created_at: at,
        updated_at: at,
        category: parsedItem.category,
        source_text: parsedItem.text,
        owner_origin: assignment.ownerOrigin,
        due_origin: assignment.dueOrigin,
      };
      const item: ItemState = {
        row, id, title, status: row.status as ActionItemStatus, completedAt: done ? at : null, evidenceUrl: null, wontDoReason: null,
        ownerId: row.owner_id as string | null, dueOn: assignment.dueOn, createdAt: at, updatedAt: at, version: 1, changes: 0, workFrom: at,
        priority: row.priority as string,
      };
      record(item, IMPORTER, at, [{ field: 'created', from: null, to: title }]);
      incidentItems.push(item);
      items.push(item);
    }

    // RootCauseLinker.link
    const suggestion = suggestRootCause({
      failureMode: parsed.rootCause.category,
      serviceId: service?.row.id ?? null,
      serviceName: service?.row.name ?? null,
      serviceConfidence: service?.confidence ?? null,
      serviceEvidence: service?.evidence ?? null,
      failureModeCue: parsed.rootCause.summary ? failureModeCue(parsed.rootCause.summary, parsed.rootCause.category) : null,
    });
    if (suggestion) {
      const key = `${suggestion.failureMode}\u0000${suggestion.serviceId}`;
      let rootCause = rootCauses.get(key);
      if (!rootCause) {
        rootCause = { id: ids.uuid(), incidents: 0 };
        rootCauses.set(key, rootCause);
        tables.root_cause.add({ id: rootCause.id, failure_mode: suggestion.failureMode, service_id: suggestion.serviceId, created_at: at });
      }
      rootCause.incidents++;
      // People confirm most suggestions they look at, and reject a few.
      const decision = random.next();
      const status = decision < 0.25 ? LinkStatus.CONFIRMED : decision < 0.29 ? LinkStatus.REJECTED : LinkStatus.SUGGESTED;
      const decidedAt = status === LinkStatus.SUGGESTED ? null : new Date(Math.min(at.getTime() + random.int(1, 30) * DAY_MS, now.getTime() - 60_000));
      tables.root_cause_link.add({
        id: ids.uuid(), incident_id: incidentId, root_cause_id: rootCause.id, status, confidence: suggestion.confidence, evidence: suggestion.evidence,
        decided_by: decidedAt ? random.pick(world.people).name : null, decided_at: decidedAt, created_at: at,
      });
    }
    for (const item of incidentItems) assignMeasure(item, item.row.source_text as string, item.row.category as string | null, item.row.service_id as string | null);

    // A later revision drops the last measure: the matched items move to it silently, the dropped one is marked.
    if (plan.revisionAfterMs !== null && at.getTime() + plan.revisionAfterMs < now.getTime() - 3_600_000) {
      const revisedAt = new Date(at.getTime() + plan.revisionAfterMs);
      const revisedText = postmortemText(plan, 2);
      const revised = parsePostmortem(revisedText);
      const revisionId = ids.uuid();
      addPostmortem(tables.postmortem, revisionId, incidentId, revisedText, revised, sourceUri, revisedAt, 2);
      postmortems++;
      // Like saveIncident on a revision: every field read again from the new text, the service resolved again.
      Object.assign(incident, incidentFields(revised, resolveServiceOf(revised, revisedAt)), { updated_at: revisedAt });
      const match = matchRevisionItems(revised.actionItems.map((p) => p.text), incidentItems.map((item) => ({ id: item.id, text: item.row.source_text as string })));
      // A revision only drops a measure; one the parser reads as new would be a mismatch with the plan.
      if (match.added.length > 0) parseMismatches++;
      for (const [i, id] of match.matched) {
        const item = incidentItems.find((candidate) => candidate.id === id)!;
        const source = revised.actionItems[i];
        Object.assign(item.row, { postmortem_id: revisionId, source_section: source.section?.slice(0, 300) ?? null, source_line_start: source.lines.start, source_line_end: source.lines.end });
        item.workFrom = revisedAt;
      }
      for (const id of match.dropped) {
        const item = incidentItems.find((candidate) => candidate.id === id)!;
        item.workFrom = revisedAt;
        if (!ACTIVE_STATUSES.includes(item.status)) continue;
        item.row.removed_from_source_at = revisedAt;
        item.version++;
        item.updatedAt = revisedAt;
        record(item, IMPORTER, revisedAt, [{ field: 'removedFromSource', from: null, to: 'revision 2' }]);
      }
    }
  }

  await parses.close();
  for (const row of incidents) tables.incident.add(row);

  // People work the items: older ones are more often closed; some get a new owner or a new date first.
  const people = world.people;
  // Reassigning through the API names an existing owner: one of the people created there.
  const apiPeople = people.filter((person) => person.email);
  const ownersById = new Map([...owners.values()].map((owner) => [owner.id, owner]));
  for (const item of items) {
    const start = item.workFrom.getTime();
    const span = now.getTime() - 60_000 - start;
    if (span <= 0) continue;
    const times = Array.from({ length: 4 }, () => start + random.next() * span).sort((a, b) => a - b);
    let step = 0;
    const nextAt = () => new Date(Math.floor(times[Math.min(step++, times.length - 1)]));
    // Owners mostly move their own items; a team's items are moved by one of its people.
    const actorOf = () => {
      const owner = item.ownerId ? ownersById.get(item.ownerId) : undefined;
      return owner?.kind === OwnerKind.PERSON && random.chance(0.8) ? owner.name : random.pick(people).name;
    };
    const save = (at: Date, patch: Partial<LifecycleState> & { ownerId?: string | null; dueOn?: string | null }, changes: { field: string; from: string | null; to: string | null }[], reason: string | null = null) => {
      if (changes.length === 0) return;
      Object.assign(item, patch);
      item.version++;
      item.updatedAt = at;
      record(item, actorOf(), at, changes, reason);
    };
    if (random.chance(0.05)) {
      const at = nextAt();
      const toId = random.pick(apiPeople).id;
      if (toId !== item.ownerId) {
        save(at, { ownerId: toId }, [{ field: 'ownerId', from: item.ownerId, to: toId }]);
        item.row.owner_origin = AssignmentOrigin.MANUAL;
      }
    }
    if (item.dueOn && ACTIVE_STATUSES.includes(item.status) && random.chance(0.08)) {
      const at = nextAt();
      const to = calendarDateIn(new Date(Date.parse(item.dueOn) + random.int(14, 60) * DAY_MS), 'UTC');
      save(at, { dueOn: to }, [{ field: 'dueOn', from: item.dueOn, to }]);
      item.row.due_origin = AssignmentOrigin.MANUAL;
    }
    if (item.status === ActionItemStatus.OPEN) {
      for (const to of lifecyclePath(random, (now.getTime() - item.createdAt.getTime()) / DAY_MS)) {
        const at = nextAt();
        const reason = to === ActionItemStatus.WONT_DO ? random.pick(WONT_DO_REASONS) : to === ActionItemStatus.BLOCKED ? random.pick(BLOCK_REASONS) : null;
        const evidenceUrl = to === ActionItemStatus.DONE && random.chance(0.6) ? `https://git.example.com/ops/pull/${random.int(100, 99_999)}` : null;
        const current: LifecycleState = { status: item.status, completedAt: item.completedAt, evidenceUrl: item.evidenceUrl, wontDoReason: item.wontDoReason };
        const next = applyTransition(current, { to, reason, evidenceUrl, at });
        const changes = (['status', 'completedAt', 'evidenceUrl', 'wontDoReason'] as const)
          .map((field) => ({ field, from: show(current[field]), to: show(next[field]) }))
          .filter((change) => change.from !== change.to);
        save(at, next, changes, reason);
      }
    }
  }

  const statuses: Record<string, number> = {};
  let overdue = 0;
  let dueInFuture = 0;
  let unowned = 0;
  let issueNumber = 0;
  for (const item of items) {
    Object.assign(item.row, {
      status: item.status, completed_at: item.completedAt, evidence_url: item.evidenceUrl, wont_do_reason: item.wontDoReason, owner_id: item.ownerId,
      due_on: item.dueOn, version: item.version, updated_at: item.updatedAt,
    });
    tables.action_item.add(item.row);
    statuses[item.status] = (statuses[item.status] ?? 0) + 1;
    const active = ACTIVE_STATUSES.includes(item.status);
    if (active && item.dueOn !== null && item.dueOn < today) overdue++;
    if (item.dueOn !== null && item.dueOn >= today) dueInFuture++;
    if (active && !item.ownerId) unowned++;
    tables.jira_sync.add(jiraRow(item, random, now, ++issueNumber, ownersById));
  }
  events.sort((a, b) => (a.at as Date).getTime() - (b.at as Date).getTime());
  for (const event of events) tables.action_item_event.add(event);

  const sizes = measures.map((measure) => measure.size);
  const stats: CorpusStats = {
    incidents: plans.length,
    items: items.length,
    events: events.length,
    services: services.length,
    owners: owners.size,
    measures: measures.length,
    rootCauses: rootCauses.size,
    recurringRootCauses: [...rootCauses.values()].filter((rootCause) => rootCause.incidents > 1).length,
    postmortems,
    statuses,
    overdue,
    dueInFuture,
    unowned,
    largestMeasure: Math.max(0, ...sizes),
    measuresRepeated: sizes.filter((size) => size > 1).length,
    parseMismatches,
    servicesAddedByImport,
  };
  return { world, tables: TABLE_ORDER.map((name) => tables[name]), stats };
}

/** The incident's columns as PostmortemImportService.saveIncident writes them from a parse. */
function incidentFields(parsed: ParsedPostmortem, service: { row: { id: string }; confidence: number; evidence: string } | null): Record<string, Cell> {
  return {
    title: (parsed.title ?? 'Untitled postmortem').slice(0, 500),
    summary: parsed.summary,
    started_at: parsed.startedAt ? new Date(parsed.startedAt) : null,
    ended_at: parsed.endedAt ? new Date(parsed.endedAt) : null,
    duration_minutes: parsed.durationMinutes,
    impact_percent: parsed.impactPercent,
    impact: parsed.impact?.slice(0, 5000) ?? null,
    severity: parsed.severity,
    root_cause_summary: parsed.rootCause.summary,
    failure_mode: parsed.rootCause.category,
    component: parsed.rootCause.component?.slice(0, 300) ?? null,
    resolution: parsed.resolution,
    service_id: service?.row.id ?? null,
    service_confidence: service?.confidence ?? null,
    service_evidence: service?.evidence ?? null,
  };
}

function addPostmortem(table: Table, id: string, incidentId: string, text: string, parsed: ParsedPostmortem, sourceUri: string, at: Date, revision: number): void {
  table.add({
    id, incident_id: incidentId, raw_text: text, format: detectFormat(text) === 'markdown' ? 'MARKDOWN' : 'TEXT', sha256: createHash('sha256').update(text).digest('hex'),
    source_uri: sourceUri, imported_at: at, revision, parsed: { json: parsed },
  });
}

/** The statuses an open item moves through, by its age in days: young items are mostly open or in progress. */
function lifecyclePath(random: Random, ageDays: number): ActionItemStatus[] {
  const { OPEN, IN_PROGRESS, BLOCKED, DONE, WONT_DO } = ActionItemStatus;
  const f = Math.min(1, ageDays / 365);
  const final = [OPEN, IN_PROGRESS, BLOCKED, DONE, WONT_DO][random.weighted([60 - 45 * f, 24 - 17 * f, 6, 8 + 58 * f, 2 + 6 * f])];
  if (final === OPEN) return [];
  if (final === WONT_DO) return [WONT_DO];
  const started = random.chance(0.6);
  if (final === IN_PROGRESS) return [IN_PROGRESS];
  if (final === BLOCKED) return started ? [IN_PROGRESS, BLOCKED] : [BLOCKED];
  return started ? [IN_PROGRESS, DONE] : [DONE];
}

function show(value: string | Date | null): string | null {
  return value instanceof Date ? value.toISOString() : value;
}

/** The item's outbox row: most pushed and in sync, recent changes still pending, a few failed for good. */
function jiraRow(item: ItemState, random: Random, now: Date, issueNumber: number, ownersById: Map<string, OwnerRow>): Record<string, Cell> {
  const lastChange = item.updatedAt;
  const draw = random.next();
  const recent = now.getTime() - lastChange.getTime() < 3_600_000;
  const state = recent || draw < 0.06 ? JiraSyncState.PENDING : draw < 0.08 ? JiraSyncState.FAILED : JiraSyncState.SYNCED;
  const base = { action_item_id: item.id, change_seq: item.changes, next_attempt_at: lastChange, updated_at: lastChange, attempts: 0 };
  if (state === JiraSyncState.PENDING) return { ...base, state };
  if (state === JiraSyncState.FAILED) {
    return { ...base, state, attempts: 8, error: 'Jira answered 400: Field \'duedate\' cannot be set. It is not on the appropriate screen, or unknown.' };
  }
  const syncedAt = new Date(lastChange.getTime() + random.int(2, 90) * 1000);
  const key = `OPS-${issueNumber}`;
  const owner = item.ownerId ? ownersById.get(item.ownerId) : undefined;
  const [statusName, statusCategory] = JIRA_STATUS[item.status];
  const remote: RemoteIssue = {
    id: String(10_000 + issueNumber), key, summary: item.title, statusName, statusCategory, dueOn: item.dueOn, assigneeAccountId: owner?.jiraAccountId ?? null,
    priorityName: JIRA_PRIORITY[item.priority], labels: ['followthrough', `followthrough-${item.id}`],
    descriptionHash: random.uuid().replace(/-/g, ''), syncedItemStatus: item.status, updated: syncedAt.toISOString(),
  };
  return {
    ...base, state, issue_id: remote.id, issue_key: key, issue_url: `${JIRA_SITE}/browse/${key}`, remote: { json: remote }, remote_updated_at: syncedAt,
    last_synced_at: syncedAt, updated_at: syncedAt,
  };
}
