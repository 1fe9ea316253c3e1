import { Module } from '@nestjs/common';
import { TokenAdminModule } from './auth/token-admin.module';
import { ClockModule } from './common/clock.module';
import { LoggingModule } from './common/logging.module';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { JiraModule } from './jira/jira.module';
import { MetricsModule } from './metrics/metrics.module';
import { ReviewsModule } from './reviews/reviews.module';
import { OwnershipModule } from './ownership/ownership.module';
import { PostmortemsModule } from './postmortems/postmortems.module';

/** What the command line needs: the database, the import services and the Jira sync, without the HTTP server. */
@Module({ imports: [ConfigModule, LoggingModule, ClockModule, DatabaseModule, OwnershipModule, PostmortemsModule, JiraModule, MetricsModule, ReviewsModule, TokenAdminModule] })
export class CliModule {}
