import { Module } from '@nestjs/common';
import { ActionItemsModule } from './action-items/action-items.module';
import { AuthModule } from './auth/auth.module';
import { ClockModule } from './common/clock.module';
import { LoggingModule } from './common/logging.module';
import { ConfigModule } from './config/config.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { DatabaseModule } from './database/database.module';
import { GraphQLRequestGuardModule } from './graphql/request-guard';
import { ApiGraphQLModule } from './graphql/graphql.module';
import { HealthModule } from './health/health.module';
import { JiraApiModule } from './jira/jira-api.module';
import { IncidentsModule } from './incidents/incidents.module';
import { OwnersModule } from './owners/owners.module';
import { OwnershipModule } from './ownership/ownership.module';
import { MeasuresModule } from './measures/measures.module';
import { MetricsModule } from './metrics/metrics.module';
import { RootCausesModule } from './root-causes/root-causes.module';
import { PostmortemsModule } from './postmortems/postmortems.module';
import { ReviewsModule } from './reviews/reviews.module';
import { ServicesModule } from './services/services.module';

@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    ClockModule,
    DatabaseModule,
    AuthModule,
    ApiGraphQLModule,
    GraphQLRequestGuardModule,
    HealthModule,
    DashboardModule,
    OwnersModule,
    ServicesModule,
    IncidentsModule,
    ActionItemsModule,
    OwnershipModule,
    PostmortemsModule,
    RootCausesModule,
    MeasuresModule,
    JiraApiModule,
    MetricsModule,
    ReviewsModule,
  ],
})
export class AppModule {}
