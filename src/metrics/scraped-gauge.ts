import { Logger } from '@nestjs/common';
import { Gauge } from 'prom-client';
import type { DataSource } from 'typeorm';
import { METRIC_PREFIX, type MetricsService } from './metrics.service';

export interface GaugeSample<L extends string> {
  labels: Record<L, string>;
  value: number;
}

export interface ScrapedGaugeConfig<L extends string> {
  /** Without the `followthrough_` prefix. */
  name: string;
  help: string;
  labelNames: readonly L[];
  read: () => Promise<GaugeSample<L>[]>;
}

const log = new Logger('Metrics');

/**
 * A gauge whose samples are read when Prometheus scrapes. A failed read (the database is down) leaves the gauge
 * out of that scrape, logged and counted, so the process metrics are still served.
 */
export function registerScrapedGauge<L extends string>(metrics: MetricsService, config: ScrapedGaugeConfig<L>): Gauge<L> {
  metrics.trackCollectFailures(config.name);
  const gauge: Gauge<L> = new Gauge<L>({
    name: `${METRIC_PREFIX}${config.name}`,
    help: config.help,
    labelNames: config.labelNames,
    registers: [metrics.registry],
    collect: async () => {
      let samples: GaugeSample<L>[] = [];
      try {
        samples = await config.read();
      } catch (error) {
        log.warn(`Could not read ${config.name} for /metrics: ${error instanceof Error ? error.message : String(error)}`);
        metrics.countCollectFailure(config.name);
      }
      // Replaced in one synchronous step: a concurrent scrape sees the old samples or the new ones, never a mix.
      gauge.reset();
      for (const sample of samples) gauge.set(sample.labels, sample.value);
    },
  });
  return gauge;
}

/** Samples from a query whose rows are the label columns and a `value`. */
export async function querySamples<L extends string>(dataSource: DataSource, sql: string, parameters: unknown[]): Promise<GaugeSample<L>[]> {
  const rows: Record<string, string | number>[] = await dataSource.query(sql, parameters);
  return rows.map(({ value, ...labels }) => ({ labels: labels as Record<L, string>, value: Number(value) }));
}
