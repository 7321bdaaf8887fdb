/**
 * Prometheus metrics (prom-client), one registry per app so that several apps in one process (tests) do not collide.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface Metrics {
  readonly registry: Registry;
  readonly requests: Counter<'method' | 'route' | 'status'>;
  readonly requestSeconds: Histogram<'method' | 'route' | 'status'>;
  readonly queries: Counter<'kind' | 'outcome'>;
  readonly querySeconds: Histogram<'kind'>;
}

/** What keeping the statistics current costs the writes: the deltas applied and their time (read at scrape time). */
export function statsMetrics(metrics: Metrics, stats: { applied: { writes: number; seconds: number } }): void {
  new Gauge({
    name: 'osce_kg_stats_applied_writes',
    help: 'Committed writes whose delta the release statistics applied.',
    registers: [metrics.registry],
    collect() {
      this.set(stats.applied.writes);
    },
  });
  new Gauge({
    name: 'osce_kg_stats_apply_seconds',
    help: 'Total time spent applying committed deltas to the release statistics (part of each write).',
    registers: [metrics.registry],
    collect() {
      this.set(stats.applied.seconds);
    },
  });
}

/** Creates the registry; `storeSize` is read at scrape time. */
export function createMetrics(storeSize: () => Promise<number>): Metrics {
  const registry = new Registry();
  const requests = new Counter({
    name: 'osce_kg_http_requests_total',
    help: 'HTTP requests by method, route and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const requestSeconds = new Histogram({
    name: 'osce_kg_http_request_duration_seconds',
    help: 'HTTP request latency by method, route and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const queries = new Counter({
    name: 'osce_kg_sparql_operations_total',
    help: 'SPARQL queries and updates by kind (query, federated, update) and outcome (ok, error, timeout).',
    labelNames: ['kind', 'outcome'] as const,
    registers: [registry],
  });
  const querySeconds = new Histogram({
    name: 'osce_kg_sparql_operation_duration_seconds',
    help: 'SPARQL query and update durations.',
    labelNames: ['kind'] as const,
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60],
    registers: [registry],
  });
  new Gauge({
    name: 'osce_kg_store_quads',
    help: 'Number of quads in the store.',
    registers: [registry],
    async collect() {
      this.set(await storeSize());
    },
  });
  return { registry, requests, requestSeconds, queries, querySeconds };
}
