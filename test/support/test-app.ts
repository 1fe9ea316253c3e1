import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AddressInfo } from 'node:net';
import type { Writable } from 'node:stream';
import { Test } from '@nestjs/testing';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { hashTokenSecret, secretHint } from '../../src/auth/token-secret';
import { Role } from '../../src/auth/role';
import { APP_OPTIONS, configureApp, createHttpAdapter } from '../../src/bootstrap';
import { Clock, FixedClock } from '../../src/common/clock';
import { createRootLogger, JsonLogger } from '../../src/common/logger';
import { ROOT_LOGGER } from '../../src/common/logging.module';
import { Env, loadEnv } from '../../src/config/env';
import { DATABASE } from '../../src/database/database.module';
import type { Database } from '../../src/database/database';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data: T | null;
  errors?: { message: string; path?: string[]; extensions: { code: string; [key: string]: unknown } }[];
}

export interface TestApp {
  app: NestFastifyApplication;
  clock: FixedClock;
  database: Database;
  testDatabase: TestDatabase;
  /** The settings another client (an in-process CLI command, a second connection) reaches this app's database with: on embedded PGlite, its socket. */
  databaseEnv: Record<string, string>;
  dataSource: DataSource;
  /** The server's base URL when started with `listen: true` (for callers outside the process, e.g. fake Jira's webhooks). */
  url: string | null;
  /** A bearer secret per role; `gql` sends the admin one (named "tester", the actor in histories) unless told otherwise. */
  tokens: Record<Role, string>;
  /** `Authorization` header value for a role. */
  bearer(role: Role): string;
  /** Sends a GraphQL request through the real HTTP stack (in-process, no socket); `{ authorization: '' }` sends no token. */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** Like gql, but fails the test with the server's errors if there are any. */
  gqlData<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

export const TEST_NOW = new Date('2024-07-01T12:00:00Z');

export interface TestAppOptions {
  now?: Date;
  env?: Record<string, string>;
  testDatabase?: TestDatabase;
  listen?: boolean;
  /** Receives every log line, as production writes them (request lines, errors, framework logs), at LOG_LEVEL. */
  logStream?: Writable;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const testDatabase = options.testDatabase ?? (await createTestDatabase());
  const env = loadEnv({ NODE_ENV: 'test', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', RATE_LIMIT_PER_MINUTE: '100000', ...testDatabase.env, ...options.env });
  const clock = new FixedClock(options.now ?? TEST_NOW);
  const log = options.logStream ? createRootLogger(env, { destination: options.logStream }) : undefined;
  let testingModule = Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(Env)
    .useValue(env)
    .overrideProvider(Clock)
    .useValue(clock);
  if (log) testingModule = testingModule.overrideProvider(ROOT_LOGGER).useValue(log);
  const moduleRef = await testingModule.compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createHttpAdapter(env, log), { ...APP_OPTIONS, logger: log ? new JsonLogger(log) : false });
  await configureApp(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  let url: string | null = null;
  if (options.listen) {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.getHttpServer().address() as AddressInfo;
    url = `http://127.0.0.1:${address.port}`;
  }

  const tokens = await ensureTestTokens(app.get(DataSource));
  const bearer = (role: Role) => `Bearer ${tokens[role]}`;

  const gql = async <T>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) => {
    const response = await app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', authorization: bearer(Role.ADMIN), ...headers },
      payload: JSON.stringify({ query, variables }),
    });
    return { ...response.json<object>(), status: response.statusCode } as GraphQLResponse<T>;
  };
  return {
    app,
    clock,
    testDatabase,
    url,
    tokens,
    bearer,
    database: app.get<Database>(DATABASE),
    databaseEnv: testDatabase.kind === 'postgres' ? testDatabase.env : { DATABASE_URL: String((app.get(DataSource).options as { url?: string }).url), RUN_MIGRATIONS: 'false' },
    dataSource: app.get(DataSource),
    gql,
    async gqlData<T>(query: string, variables?: Record<string, unknown>) {
      const response = await gql<T>(query, variables);
      if (response.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors, null, 2)}`);
      return response.data as T;
    },
    async close() {
      await app.close();
      if (!options.testDatabase) await testDatabase.drop();
    },
  };
}

const TEST_TOKEN_NAMES: Record<Role, string> = { [Role.ADMIN]: 'tester', [Role.EDITOR]: 'test-editor', [Role.VIEWER]: 'test-viewer' };

/**
 * One token per role, stored the way the service stores them. The secrets derive from the database's name, so
 * a second app on the same database (a restart, a second worker) gets the same tokens instead of a clash.
 */
async function ensureTestTokens(dataSource: DataSource): Promise<Record<Role, string>> {
  const [{ name: databaseName }] = await dataSource.query<{ name: string }[]>('SELECT current_database() AS name');
  const tokens = {} as Record<Role, string>;
  for (const role of Object.values(Role)) {
    const secret = `ft_${createHash('sha256').update(`${databaseName}/${role}`).digest('base64url')}`;
    await dataSource.query(
      `INSERT INTO api_token (name, role, secret_hash, secret_hint, created_by) VALUES ($1, $2, $3, $4, 'test') ON CONFLICT DO NOTHING`,
      [TEST_TOKEN_NAMES[role], role, hashTokenSecret(secret), secretHint(secret)],
    );
    tokens[role] = secret;
  }
  return tokens;
}
