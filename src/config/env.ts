import { plainToInstance, Transform } from 'class-transformer';
import { readJiraSettings, JiraSettingsError } from '../jira/jira-settings';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

const toBoolean = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? ['1', 'true', 'yes', 'on'].includes(value.trim().toLowerCase()) : value;
const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value);

/** Every setting the service reads; `loadEnv` is the only reader of process.env. */
export class Env {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsString()
  HOST = '127.0.0.1';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 4000;

  /** PostgreSQL server; when unset, an embedded PGlite database in DATA_DIR is used. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must start with postgres:// or postgresql://' })
  DATABASE_URL?: string;

  /**
   * Read replicas of DATABASE_URL, comma-separated postgres:// URLs. Only the list and dashboard queries read
   * from them (see src/graphql/replica-reads.ts); writes, transactions and everything else use the primary.
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/[^\s,]+(\s*,\s*postgres(ql)?:\/\/[^\s,]+)*$/, { message: 'DATABASE_REPLICA_URLS must be postgres:// URLs separated by commas' })
  DATABASE_REPLICA_URLS?: string;

  /** How long reads keep off a replica that failed (they go to the primary meanwhile) before one read tries it again. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  DATABASE_REPLICA_RETRY_SECONDS = 5;

  /** Folder of the embedded database, or `memory://` for a throw-away one. */
  @IsString()
  DATA_DIR = './.data';

  /** The number in the embedded database's Unix socket name (DATA_DIR/.s.PGSQL.<n>); 0 means 5432. Nothing listens on TCP. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PGLITE_PORT = 0;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE = 10;

  /** How long to wait for a database connection (a new one, or a free one from a full pool). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  DB_CONNECT_TIMEOUT_MS = 5_000;

  /** A query the database has not answered in this time fails and its connection is dropped; 0 waits forever. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  DB_QUERY_TIMEOUT_MS = 30_000;

  @Transform(toBoolean)
  @IsBoolean()
  RUN_MIGRATIONS = true;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Largest accepted request body; larger ones get PAYLOAD_TOO_LARGE. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES = 2 * 1024 * 1024;

  /** A request whose headers have not all arrived in this time gets 408 and its connection is closed. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  HTTP_HEADERS_TIMEOUT_MS = 10_000;

  /** A request (headers and body) that has not all arrived in this time gets 408 and its connection is closed. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  HTTP_REQUEST_TIMEOUT_MS = 30_000;

  /** An idle keep-alive connection is closed after this time; keep it above a load balancer's idle timeout. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  HTTP_KEEP_ALIVE_TIMEOUT_MS = 72_000;

  /** Open connections one client address may hold; more are closed at once. 0 turns the cap off. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  HTTP_MAX_CONNECTIONS_PER_ADDRESS = 100;

  /** IANA zone whose calendar decides what "today" is for due dates. */
  @IsString()
  DUE_DATE_TIME_ZONE = 'UTC';

  /** Largest postmortem accepted for import, in bytes. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  IMPORT_MAX_BYTES = 1024 * 1024;

  /** Longest a postmortem over 16 KB may take to parse (on a worker thread); a longer parse is stopped with PARSE_TIMEOUT. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  PARSE_TIMEOUT_MS = 10_000;

  /** YAML ownership map (services, aliases, owning teams) applied at start; also `cli ownership load`. */
  @IsOptional()
  @IsString()
  OWNERSHIP_FILE?: string;

  /** YAML due-date policy (days by severity and kind); defaults are documented in the README. */
  @IsOptional()
  @IsString()
  DUE_POLICY_FILE?: string;

  /** Items due within this many days are flagged DUE_SOON. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(90)
  DUE_SOON_DAYS = 7;

  /** An open item with no change for this many days is flagged STALE. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  STALE_AFTER_DAYS = 30;

  /** How long /metrics reuses the flag counts (computing them reads every open item); 0 computes them on every scrape. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(86400)
  METRICS_FLAGS_TTL_SECONDS = 60;

  /**
   * How long a dashboard read's answer may be served again from memory. Any committed data change and the start
   * of a new day retire answers at once; within this time only flags that turn by the hour (STALE) can lag. 0 off.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3600)
  GRAPHQL_CACHE_SECONDS = 60;

  /** Memory the response cache may hold, in MB (least recently used answers go first). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(4096)
  GRAPHQL_CACHE_MAX_MB = 32;

  /** Where people reach this service; Jira issues link back to it. Defaults to http://HOST:PORT. */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'PUBLIC_URL must be an http(s) URL' })
  PUBLIC_URL?: string;

  /** Run the Jira sync worker inside the API process (`npm run worker` runs it alone). */
  @Transform(toBoolean)
  @IsBoolean()
  RUN_WORKER = true;

  /** Jira Cloud site, e.g. https://acme.atlassian.net. Sync is off while it is unset. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(:\d+)?(\/[^\s]*)?$/, { message: 'JIRA_BASE_URL must be an http(s) URL such as https://acme.atlassian.net' })
  JIRA_BASE_URL?: string;

  /** The site people open issues on, when JIRA_BASE_URL is the api.atlassian.com gateway (OAuth). */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'JIRA_SITE_URL must be an http(s) URL such as https://acme.atlassian.net' })
  JIRA_SITE_URL?: string;

  /** Basic auth: the Atlassian account's email, with JIRA_API_TOKEN. */
  @IsOptional()
  @IsString()
  JIRA_EMAIL?: string;

  @IsOptional()
  @IsString()
  JIRA_API_TOKEN?: string;

  /** Bearer auth (OAuth 2.0 access token), instead of email + API token. */
  @IsOptional()
  @IsString()
  JIRA_BEARER_TOKEN?: string;

  /** Project for items whose team has no project of its own in JIRA_TEAM_PROJECTS. */
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]+$/, { message: 'JIRA_PROJECT_KEY must be a Jira project key such as PM' })
  JIRA_PROJECT_KEY?: string;

  /** Owning team → project, e.g. "payments=PAY, checkout=CART". */
  @IsString()
  JIRA_TEAM_PROJECTS = '';

  @IsString()
  JIRA_ISSUE_TYPE = 'Task';

  /** Jira status (by name) or status category (category:new|indeterminate|done) → item status, read in order. */
  @IsString()
  JIRA_STATUS_MAP = 'category:new=OPEN, category:indeterminate=IN_PROGRESS, category:done=DONE';

  /** Item priority → Jira priority name. */
  @IsString()
  JIRA_PRIORITY_MAP = 'P1=Highest, P2=High, P3=Medium, P4=Low';

  /** Item fields written to Jira. */
  @IsString()
  JIRA_PUSH_FIELDS = 'summary, description, status, dueOn, priority, assignee';

  /** Jira fields that flow back onto the item; "none" for a one-way sync. */
  @IsString()
  JIRA_PULL_FIELDS = 'status, dueOn, assignee';

  /** Shared secret of the Jira admin webhook; deliveries without a valid X-Hub-Signature are refused. */
  @IsOptional()
  @IsString()
  JIRA_WEBHOOK_SECRET?: string;

  /** Largest Jira delivery accepted; a bigger one gets 413 unread (Jira does not retry it; the reconcile catches up). */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  JIRA_WEBHOOK_BODY_LIMIT_BYTES = 1024 * 1024;

  /** Jira deliveries a minute per sending address, then 429 (which Jira retries); 0 turns the limit off. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  JIRA_WEBHOOK_RATE_LIMIT_PER_MINUTE = 600;

  /** Label on every issue the service creates (plus a per-item label that makes creates idempotent). */
  @Matches(/^[^\s]+$/, { message: 'JIRA_LABEL must be one word: Jira labels cannot contain spaces' })
  JIRA_LABEL = 'followthrough';

  /** Zone in which Jira reads JQL dates: the time zone of the Jira user the service signs in as. */
  @IsString()
  JIRA_TIME_ZONE = 'UTC';

  @Transform(toInt)
  @IsInt()
  @Min(100)
  JIRA_TIMEOUT_MS = 10_000;

  /** Attempts of one sync before the item shows a sync error (retryJiraSync tries again). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  JIRA_MAX_ATTEMPTS = 8;

  /** First retry delay; it doubles per attempt, with jitter, up to JIRA_RETRY_MAX_MS. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  JIRA_RETRY_BASE_MS = 2_000;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  JIRA_RETRY_MAX_MS = 10 * 60_000;

  /** Gap between two writes to the same issue (Jira allows 20 writes per issue per 2 s). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  JIRA_WRITE_SPACING_MS = 150;

  /** How long Jira's search index may lag: a create whose answer was lost is only retried once a search this long after it finds nothing. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  JIRA_SEARCH_SETTLE_MS = 30_000;

  /** How often the worker looks for due sync jobs. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  JIRA_POLL_INTERVAL_MS = 1_000;

  /** How often the worker searches Jira for changes a dropped webhook missed; 0 turns the schedule off. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  JIRA_RECONCILE_INTERVAL_MINUTES = 10;

  /** Deepest field nesting a GraphQL operation may have. */
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(100)
  GRAPHQL_MAX_DEPTH = 12;

  /**
   * Most a GraphQL request (an operation, or a batch's operations together) may cost: about a value in the answer,
   * a point per field per row, lists at what they hold in a large deployment (see README and src/limits/list-lengths.ts).
   */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  GRAPHQL_MAX_COST = 100_000;

  /** Most operations in one batched request (a JSON array); 0 turns batching off. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(100)
  GRAPHQL_MAX_BATCH = 10;

  /** Schema introspection; on unless NODE_ENV=production. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  GRAPHQL_INTROSPECTION?: boolean;

  /** Largest `first` a paged list accepts. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  MAX_PAGE_SIZE = 100;

  /** Requests a minute per API token (per client address without one); 0 turns the limit off. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  RATE_LIMIT_PER_MINUTE = 600;

  /** What requests without a token may do: nothing (`none`) or read (`viewer`); mutations always need a token. */
  @IsIn(['none', 'viewer'])
  AUTH_ANONYMOUS_ROLE: 'none' | 'viewer' = 'none';

  /** Serve the GraphiQL IDE at /graphiql (its assets come from a CDN, so it needs internet access). */
  @Transform(toBoolean)
  @IsBoolean()
  GRAPHIQL = false;
}

export class InvalidEnvironmentError extends Error {}

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const optional = ['DATABASE_URL', 'DATABASE_REPLICA_URLS', 'OWNERSHIP_FILE', 'DUE_POLICY_FILE', 'PUBLIC_URL', 'JIRA_BASE_URL', 'JIRA_SITE_URL', 'JIRA_EMAIL', 'JIRA_API_TOKEN', 'JIRA_BEARER_TOKEN', 'JIRA_PROJECT_KEY', 'JIRA_WEBHOOK_SECRET'];
  const known = new Set([...Object.keys(new Env()), ...optional]);
  // An empty variable means "not set", so `DATABASE_URL= npm start` falls back to the embedded database.
  const picked = Object.fromEntries(Object.entries(source).filter(([key, value]) => known.has(key) && value !== undefined && value !== ''));
  const env = plainToInstance(Env, picked);
  const errors = validateSync(env);
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new InvalidEnvironmentError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  if (env.HTTP_HEADERS_TIMEOUT_MS > env.HTTP_REQUEST_TIMEOUT_MS) {
    throw new InvalidEnvironmentError(
      `Invalid configuration:\n  HTTP_HEADERS_TIMEOUT_MS: at most HTTP_REQUEST_TIMEOUT_MS (${env.HTTP_REQUEST_TIMEOUT_MS}): the headers are part of the request`,
    );
  }
  if (env.DATABASE_REPLICA_URLS && !env.DATABASE_URL) {
    throw new InvalidEnvironmentError('Invalid configuration:\n  DATABASE_REPLICA_URLS: needs DATABASE_URL, the primary they replicate (the embedded database has no replicas)');
  }
  for (const key of ['DUE_DATE_TIME_ZONE', 'JIRA_TIME_ZONE'] as const) {
    if (!isValidTimeZone(env[key])) throw new InvalidEnvironmentError(`Invalid configuration:\n  ${key}: unknown time zone "${env[key]}"`);
  }
  try {
    readJiraSettings(env);
  } catch (error) {
    if (error instanceof JiraSettingsError) throw new InvalidEnvironmentError(error.message);
    throw error;
  }
  return env;
}

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
