/** Reading the server's memory (the kernel's view and V8's own) and the statistics the soak reports. */
import { readFile } from 'node:fs/promises';

export interface Sample {
  /** Seconds since traffic started. */
  seconds: number;
  /** VmRSS from /proc/<pid>/status; null without a pid. */
  rssBytes: number | null;
  /** process_resident_memory_bytes as the server reports it on /metrics. */
  metricsRssBytes: number | null;
  heapUsedBytes: number | null;
  heapTotalBytes: number | null;
  externalBytes: number | null;
  requests: number;
  errors: number;
}

export async function procRss(pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : null;
  } catch {
    return null;
  }
}

/** prom-client's default metrics, with or without the service's `followthrough_` prefix. */
export function memoryFromMetrics(text: string): Pick<Sample, 'metricsRssBytes' | 'heapUsedBytes' | 'heapTotalBytes' | 'externalBytes'> {
  const value = (name: string): number | null => {
    const match = new RegExp(`^(?:followthrough_)?${name}(?:\\{[^}]*\\})? (\\S+)`, 'm').exec(text);
    return match ? Number(match[1]) : null;
  };
  return {
    metricsRssBytes: value('process_resident_memory_bytes'),
    heapUsedBytes: value('nodejs_heap_size_used_bytes'),
    heapTotalBytes: value('nodejs_heap_size_total_bytes'),
    externalBytes: value('nodejs_external_memory_bytes'),
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Least-squares slope of y over x. */
export function slope(points: [number, number][]): number {
  const n = points.length;
  if (n < 2) return 0;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / n;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / n;
  let numerator = 0;
  let denominator = 0;
  for (const [x, y] of points) {
    numerator += (x - meanX) * (y - meanY);
    denominator += (x - meanX) ** 2;
  }
  return denominator === 0 ? 0 : numerator / denominator;
}

export const MB = 1024 * 1024;

export function mb(bytes: number | null): string {
  return bytes === null ? '?' : `${(bytes / MB).toFixed(1)} MB`;
}

export function samplesCsv(samples: Sample[]): string {
  const header = 'seconds,rss_bytes,metrics_rss_bytes,heap_used_bytes,heap_total_bytes,external_bytes,requests,errors';
  const rows = samples.map((s) =>
    [s.seconds.toFixed(1), s.rssBytes, s.metricsRssBytes, s.heapUsedBytes, s.heapTotalBytes, s.externalBytes, s.requests, s.errors].map((v) => v ?? '').join(','),
  );
  return [header, ...rows].join('\n') + '\n';
}
