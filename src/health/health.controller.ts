import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { databaseFailureReason } from '../common/database-errors';
import { DATABASE } from '../database/database.module';
import type { Database } from '../database/database';
import { PublicRoute } from '../auth/access.decorators';

// Load balancers and orchestrators probe without credentials.
@PublicRoute()
@Controller('health')
export class HealthController {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /** 200 when the database answers, 503 otherwise: for load balancers and compose health checks. */
  @Get()
  async check(@Res() reply: FastifyReply): Promise<void> {
    const database = { kind: this.database.kind, ok: true as boolean, error: undefined as string | undefined };
    try {
      await this.database.dataSource.query('SELECT 1');
    } catch (error) {
      database.ok = false;
      database.error = databaseFailureReason(error, this.database.kind === 'pglite' ? 'The embedded database' : 'PostgreSQL');
    }
    await reply.status(database.ok ? 200 : 503).send({ status: database.ok ? 'ok' : 'unavailable', database });
  }
}
