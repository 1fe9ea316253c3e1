import { Global, Module } from '@nestjs/common';
import { ActionItemsModule } from '../action-items/action-items.module';
import { ActionItemGauges } from './action-item-gauges';
import { JiraSyncGauge } from './jira-sync-gauge';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

/** Prometheus metrics at GET /metrics. Global, so the services that count events inject MetricsService without importing it. */
@Global()
@Module({
  imports: [ActionItemsModule],
  controllers: [MetricsController],
  providers: [MetricsService, ActionItemGauges, JiraSyncGauge],
  exports: [MetricsService],
})
export class MetricsModule {}
