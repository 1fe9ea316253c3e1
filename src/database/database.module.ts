import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Env } from '../config/env';
import { ROOT_LOGGER } from '../common/logging.module';
import type { Logger as PinoLogger } from 'pino';
import { openDatabase, type Database } from './database';

export const DATABASE = Symbol('DATABASE');

@Global()
@Module({
  providers: [
    {
      provide: DATABASE,
      inject: [Env, ROOT_LOGGER],
      useFactory: async (env: Env, log: PinoLogger): Promise<Database> => {
        const database = await openDatabase(env, log);
        const replicas = database.replicas.length > 0 ? `; list and dashboard reads from the replica(s) ${database.replicas.join(', ')}` : '';
        new Logger('Database').log(`Using ${database.kind === 'pglite' ? 'embedded PGlite' : 'PostgreSQL'} at ${database.location}${replicas}`);
        return database;
      },
    },
    { provide: DataSource, inject: [DATABASE], useFactory: (database: Database) => database.dataSource },
  ],
  exports: [DATABASE, DataSource],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  // Runs after the HTTP server has drained, so in-flight requests still had their connections.
  async onApplicationShutdown(signal?: string): Promise<void> {
    await this.database.close();
    new Logger('Database').log(`Closed the database${signal ? ` on ${signal}` : ''}`);
  }
}
