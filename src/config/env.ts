import { plainToInstance, Transform } from 'class-transformer';
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

  /** Folder of the embedded database, or `memory://` for a throw-away one. */
  @IsString()
  DATA_DIR = './.data';

  /** Loopback port on which the embedded database is served to the `pg` driver; 0 picks a free one. */
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

  /** IANA zone whose calendar decides what "today" is for due dates. */
  @IsString()
  DUE_DATE_TIME_ZONE = 'UTC';

  /** Largest postmortem accepted for import, in bytes. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  IMPORT_MAX_BYTES = 1024 * 1024;

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

  /** Serve the GraphiQL IDE at /graphiql (its assets come from a CDN, so it needs internet access). */
  @Transform(toBoolean)
  @IsBoolean()
  GRAPHIQL = false;
}

export class InvalidEnvironmentError extends Error {}

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const known = new Set([...Object.keys(new Env()), 'DATABASE_URL', 'OWNERSHIP_FILE', 'DUE_POLICY_FILE']);
  // An empty variable means "not set", so `DATABASE_URL= npm start` falls back to the embedded database.
  const picked = Object.fromEntries(Object.entries(source).filter(([key, value]) => known.has(key) && value !== undefined && value !== ''));
  const env = plainToInstance(Env, picked);
  const errors = validateSync(env);
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new InvalidEnvironmentError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  if (!isValidTimeZone(env.DUE_DATE_TIME_ZONE)) {
    throw new InvalidEnvironmentError(`Invalid configuration:\n  DUE_DATE_TIME_ZONE: unknown time zone "${env.DUE_DATE_TIME_ZONE}"`);
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
