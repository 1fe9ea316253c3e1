/**
 * The dashboard query in SQL, for the two contenders that are not Followthrough: PostGraphile (views, a
 * computed column and a set-returning function in the schema `bench_postgraphile`) and the raw floor (one
 * statement). Both compute the flags with the same SQL, written after src/flags/action-item-flags.ts with the
 * server's defaults (DUE_DATE_TIME_ZONE=UTC, DUE_SOON_DAYS=7, STALE_AFTER_DAYS=30).
 *
 * What differs from the app's rules, precisely:
 * - VAGUE reuses the word lists of src/flags/vagueness.ts as PostgreSQL regular expressions (\y for \b, ~* for
 *   the i flag, [[:alnum:]] for \p{L}\p{N}); the bench checks both agree on every distinct wording of the corpus.
 * - The app reads "today" and "now" once per request in Node; the SQL reads now() once per statement.
 * - Flags come back as codes only (the query asks for `flags { code }`); reasons and evidence are not built.
 */

export const SCHEMA = 'bench_postgraphile';
const ACTIVE = `('OPEN', 'IN_PROGRESS', 'BLOCKED')`;
export const TODAY = `(now() AT TIME ZONE 'UTC')::date`;

// Copied from src/flags/vagueness.ts (not exported there); the bench verifies the SQL agrees with vaguenessOf.
const INTENTION = [
  'improv(?:e|es|ed|ing|ements?)', 'enhanc(?:e|es|ed|ing|ements?)', 'better', 'review(?:s|ed|ing)?', 'look(?:s|ed|ing)?\\s+into',
  'investigat(?:e|es|ed|ing|ions?)', '(?:re)?consider(?:s|ed|ing|ations?)?', 'strengthen(?:s|ed|ing)?', 'revisit(?:s|ed|ing)?',
  'explor(?:e|es|ed|ing|ations?)', 'ensur(?:e|es|ed|ing)', 'make\\s+sure', 'evaluat(?:e|es|ed|ing|ions?)', 'assess(?:es|ed|ing|ments?)?',
  'optimi[sz](?:e|es|ed|ing|ations?)', 'refin(?:e|es|ed|ing|ements?)', 'rethink(?:s|ing)?',
];
const MEASURABLE = [
  'two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|hundred|thousand|million',
  'half|twice|double|percent|per\\s+cent',
  'january|february|march|april|june|july|august|september|october|november|december',
  'monday|tuesday|wednesday|thursday|friday|saturday|sunday',
];
const DELIVERABLE = [
  'alerts?|alarms?|pages?|pager|dashboards?|tests?|runbooks?|playbooks?|checklists?|templates?',
  'limits?|timeouts?|thresholds?|quotas?|budgets?|canary|canaries|rollbacks?|failover|backups?|replicas?|autoscalers?',
  'scripts?|pipelines?|jobs?|cron(?:jobs?)?|hooks?|gates?|lint|linters?|checks|health[\\s-]?checks?|probes?',
  'retry|retries|backoff|circuit[\\s-]?breakers?|feature[\\s-]?flags?|kill[\\s-]?switch(?:es)?|index|indexes|indices',
  'SLOs?|SLIs?|SLAs?|metrics?',
];
const CHECKABLE_CHANGE = [
  'upgrad(?:e|es|ed|ing)|downgrad(?:e|es|ed|ing)|migrat(?:e|es|ed|ing)|rotat(?:e|es|ed|ing)',
  'pin(?:s|ned|ning)?|patch(?:es|ed|ing)?|revert(?:s|ed|ing)?|roll(?:s|ed|ing)?\\s+back',
  'replac(?:e|es|ed|ing)|remov(?:e|es|ed|ing)|delet(?:e|es|ed|ing)|disabl(?:e|es|ed|ing)|renam(?:e|es|ed|ing)',
];
const words = (alternatives: string[]) => `\\y(?:${alternatives.join('|')})\\y`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;
const WORD = literal("[[:alnum:]][[:alnum:]'’_-]*");

/** vaguenessOf(text) !== null, as a SQL expression over `text`. */
export function vagueSql(text: string): string {
  return `(CASE WHEN regexp_count(${text}, ${WORD}) = 0 THEN true
    WHEN ${text} ~* ${literal(`\\d|%|${words(MEASURABLE)}`)} OR ${text} ~* ${literal(words(DELIVERABLE))} OR ${text} ~* ${literal(words(CHECKABLE_CHANGE))} THEN false
    WHEN regexp_count(${text}, ${WORD}) <= 3 THEN true
    ELSE ${text} ~* ${literal(words(INTENTION))} END)`;
}

/** The item's title and description as the flag rules read them (measureText in action-item-flags.ts). */
function measureText(a: string): string {
  return `(CASE WHEN coalesce(btrim(${a}.description), '') = '' OR lower(btrim(${a}.description)) = lower(btrim(${a}.title)) THEN ${a}.title
    ELSE ${a}.title || E'\\n' || ${a}.description END)`;
}

/** Another incident with the item's root cause (links not rejected) that started strictly between two instants. */
function recurredBetween(a: string, from: string, until: string | null): string {
  return `EXISTS (SELECT 1 FROM public.root_cause_link mine
      JOIN public.root_cause_link other ON other.root_cause_id = mine.root_cause_id AND other.incident_id <> mine.incident_id AND other.status <> 'REJECTED'
      JOIN public.incident oi ON oi.id = other.incident_id
      WHERE mine.incident_id = ${a}.incident_id AND mine.status <> 'REJECTED' AND oi.started_at > ${from}${until ? ` AND oi.started_at < ${until}` : ''})`;
}

/** The item's flag codes in FLAG_CODES order, as a text[] SQL expression over the action_item row `a`. */
export function flagsSql(a: string): string {
  const active = `${a}.status IN ${ACTIVE}`;
  const done = `${a}.status = 'DONE'`;
  const promised = `EXISTS (SELECT 1 FROM public.action_item same JOIN public.incident si ON si.id = same.incident_id JOIN public.incident mi ON mi.id = ${a}.incident_id
      WHERE same.measure_id = ${a}.measure_id AND same.id <> ${a}.id AND same.incident_id <> ${a}.incident_id AND same.status <> 'DONE'
        AND coalesce(si.started_at, si.created_at) < coalesce(mi.started_at, mi.created_at))`;
  return `array_remove(ARRAY[
    CASE WHEN ${active} AND ${a}.due_on < ${TODAY} THEN 'OVERDUE' END,
    CASE WHEN ${active} AND ${a}.due_on >= ${TODAY} AND ${a}.due_on <= ${TODAY} + 7 THEN 'DUE_SOON' END,
    CASE WHEN ${active} AND ${a}.owner_id IS NULL THEN 'UNOWNED' END,
    CASE WHEN ${active} AND ${a}.due_on IS NULL THEN 'NO_DUE_DATE' END,
    CASE WHEN ${active} AND now() - ${a}.updated_at >= interval '30 days' THEN 'STALE' END,
    CASE WHEN ${active} AND ${promised} THEN 'PROMISED_AGAIN' END,
    CASE WHEN (${active} AND ${recurredBetween(a, `${a}.created_at`, null)}) OR (${done} AND ${a}.completed_at IS NOT NULL AND ${recurredBetween(a, `${a}.created_at`, `${a}.completed_at`)}) THEN 'RECURRED_WHILE_OPEN' END,
    CASE WHEN ${done} AND ${a}.completed_at IS NOT NULL AND ${recurredBetween(a, `${a}.completed_at`, null)} THEN 'INEFFECTIVE' END,
    CASE WHEN ${active} AND ${a}.removed_from_source_at IS NOT NULL THEN 'REMOVED_FROM_SOURCE' END,
    CASE WHEN ${active} AND ${vagueSql(measureText(a))} THEN 'VAGUE' END
  ]::text[], NULL)`;
}

const OVERDUE = (a: string) => `${a}.status IN ${ACTIVE} AND ${a}.due_on < ${TODAY}`;

/**
 * PostGraphile 4 serves `bench_postgraphile`: pass-through views of the four tables (PostgreSQL inlines them,
 * so the tables' indexes serve), with smart comments for their keys and relations, the flags as a computed
 * column (which must live in the schema of the table type it extends), and the overdue list as a function.
 */
export function postgraphileSchemaSql(): string[] {
  return [
    `DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`,
    `CREATE SCHEMA ${SCHEMA}`,
    ...['action_item', 'owner', 'incident', 'service'].map((table) => `CREATE VIEW ${SCHEMA}.${table} AS SELECT * FROM public.${table}`),
    `COMMENT ON VIEW ${SCHEMA}.owner IS '@primaryKey id'`,
    `COMMENT ON VIEW ${SCHEMA}.incident IS '@primaryKey id'`,
    `COMMENT ON VIEW ${SCHEMA}.service IS '@primaryKey id'`,
    `COMMENT ON VIEW ${SCHEMA}.action_item IS E'@primaryKey id\\n@foreignKey (owner_id) references ${SCHEMA}.owner (id)\\n@foreignKey (incident_id) references ${SCHEMA}.incident (id)\\n@foreignKey (service_id) references ${SCHEMA}.service (id)'`,
    `CREATE FUNCTION ${SCHEMA}.action_item_flags(a ${SCHEMA}.action_item) RETURNS text[] LANGUAGE sql STABLE AS $$ SELECT ${flagsSql('a')} $$`,
    `CREATE FUNCTION ${SCHEMA}.overdue_action_items() RETURNS SETOF ${SCHEMA}.action_item LANGUAGE sql STABLE AS $$
       SELECT * FROM ${SCHEMA}.action_item a WHERE ${OVERDUE('a')} ORDER BY a.due_on, a.id $$`,
    `COMMENT ON FUNCTION ${SCHEMA}.overdue_action_items() IS 'Open items due before today (UTC), most overdue first.'`,
  ];
}

export const POSTGRAPHILE_QUERY =
  '{ overdueActionItems(first: 50) { totalCount nodes { id title dueOn status ownerByOwnerId { name } incidentByIncidentId { title } serviceByServiceId { name } flags } } }';

export const FOLLOWTHROUGH_QUERY =
  '{ actionItems(first: 50, filter: { overdue: true }, orderBy: { field: DUE_ON }) { totalCount nodes { id title dueOn status owner { name } incident { title } service { name } flags { code } } } }';

/** The raw floor: the whole answer, shaped like Followthrough's, built by PostgreSQL in one statement. */
export const RAW_STATEMENT = `SELECT json_build_object('data', json_build_object('actionItems', json_build_object(
  'totalCount', (SELECT count(*) FROM public.action_item a WHERE ${OVERDUE('a')}),
  'nodes', coalesce((
    SELECT json_agg(json_build_object(
      'id', a.id, 'title', a.title, 'dueOn', a.due_on, 'status', a.status,
      'owner', CASE WHEN o.id IS NULL THEN NULL ELSE json_build_object('name', o.name) END,
      'incident', json_build_object('title', i.title),
      'service', CASE WHEN s.id IS NULL THEN NULL ELSE json_build_object('name', s.name) END,
      'flags', (SELECT coalesce(json_agg(json_build_object('code', code)), '[]'::json) FROM unnest(${flagsSql('a')}) AS code)
    ) ORDER BY a.due_on, a.id)
    FROM (SELECT * FROM public.action_item a WHERE ${OVERDUE('a')} ORDER BY a.due_on, a.id LIMIT 50) a
    JOIN public.incident i ON i.id = a.incident_id
    LEFT JOIN public.owner o ON o.id = a.owner_id
    LEFT JOIN public.service s ON s.id = a.service_id), '[]'::json)
)))::text AS body`;
