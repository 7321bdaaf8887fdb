/**
 * Prometheus metrics (prom-client), one registry per app so that several apps in one process (tests) do not collide.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { StoreSaturation, WorkerMemory } from '../store/types.js';

export interface Metrics {
  readonly registry: Registry;
  readonly requests: Counter<'method' | 'route' | 'status'>;
  readonly requestSeconds: Histogram<'method' | 'route' | 'status'>;
  readonly queries: Counter<'kind' | 'outcome'>;
  readonly querySeconds: Histogram<'kind'>;
}

/** What keeping the statistics current costs the writes: the deltas applied and their time (read at scrape time). */
export function statsMetrics(metrics: Metrics, stats: { applied: { writes: number; seconds: number }; builds: { restored: number; rebuilt: number }; answers: { made: number } }): void {
  new Gauge({
    name: 'osce_kg_stats_builds',
    help: 'Times the release statistics were made since start: restored from their checkpoint, or rebuilt by reading the store.',
    labelNames: ['how'],
    registers: [metrics.registry],
    collect() {
      this.set({ how: 'restored' }, stats.builds.restored);
      this.set({ how: 'rebuilt' }, stats.builds.rebuilt);
    },
  });
  new Gauge({
    name: 'osce_kg_stats_answers_made',
    help: 'Statistics answers computed from the statistics since start (a repeat at the same dataset version is a result-cache hit, not counted here).',
    registers: [metrics.registry],
    collect() {
      this.set(stats.answers.made);
    },
  });
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

/**
 * How saturated the store's worker pools are (its /health "saturation", read at scrape time): per pool (query, write)
 * workers, jobs running, jobs queued and the oldest one's wait; and since start, queries that expired in the queue,
 * were stopped at their timeout, and query workers and writers recycled for memory. A store without worker pools (the external
 * store, `workers: 0`) reports none: the metrics then have no samples.
 */
export function saturationMetrics(metrics: Metrics, saturation: () => StoreSaturation | undefined): void {
  const registers = [metrics.registry];
  const pools = ['query', 'write'] as const;
  const perPool = (name: string, help: string, value: (s: StoreSaturation, pool: (typeof pools)[number]) => number) =>
    new Gauge({
      name, help, labelNames: ['pool'] as const, registers,
      collect() {
        const s = saturation();
        if (s) for (const pool of pools) this.set({ pool }, value(s, pool));
      },
    });
  perPool('osce_kg_store_workers', 'Worker threads of each pool (query workers; the writer).', (s, p) => s[p].workers);
  perPool('osce_kg_store_jobs_running', 'Jobs running on a worker now, per pool.', (s, p) => s[p].running);
  perPool('osce_kg_store_jobs_queued', 'Jobs waiting for a worker now, per pool.', (s, p) => s[p].queued);
  perPool('osce_kg_store_oldest_wait_seconds', 'How long the oldest queued job has waited, per pool.', (s, p) => s[p].oldestWaitMs / 1000);
  // counters kept by the pool: each scrape adds what was counted since the last one
  const since = (name: string, help: string, value: (s: StoreSaturation) => number) => {
    let last = 0;
    new Counter({
      name, help, registers,
      collect() {
        const s = saturation();
        if (!s) return;
        this.inc(Math.max(0, value(s) - last));
        last = value(s);
      },
    });
  };
  since('osce_kg_store_queries_expired_in_queue_total', 'Queries answered 503 QUERY_TIMEOUT while still waiting for a worker.', (s) => s.expiredInQueue);
  since('osce_kg_store_queries_timed_out_total', 'Queries stopped on a worker at their timeout (the worker rebuilt).', (s) => s.timedOut);
  since('osce_kg_store_workers_recycled_total', 'Query workers replaced because their memory grew past OSCE_KG_WORKER_RECYCLE_MB.', (s) => s.recycled);
  since('osce_kg_store_writer_recycled_total', 'Writers replaced between two writes because their memory grew past OSCE_KG_WORKER_RECYCLE_MB.', (s) => s.writerRecycled);
}

/** Pause lengths the HTTP thread's garbage collections are counted over (ms). */
const GC_OVER_MS = [1, 5, 10, 50] as const;
/** The HTTP thread's GC pauses since start: one observer for the process (apps in tests share it), read at scrape time. */
let gcPauses: { seconds: number; over: number[] } | undefined;
function httpThreadGc(): { seconds: number; over: number[] } {
  if (gcPauses) return gcPauses;
  const pauses = (gcPauses = { seconds: 0, over: GC_OVER_MS.map(() => 0) });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      pauses.seconds += e.duration / 1000;
      GC_OVER_MS.forEach((ms, i) => void (e.duration > ms && pauses.over[i]!++));
    }
  }).observe({ entryTypes: ['gc'] });
  return pauses;
}

/**
 * Memory by thread, read at scrape time: each worker thread's WebAssembly (external) memory and JS heap (by pool and
 * worker number), and this (HTTP) thread's heap and the process's RSS. Their difference from RSS is the search
 * worker, the dump worker and what the allocator keeps.
 */
export function memoryMetrics(metrics: Metrics, workers: () => readonly WorkerMemory[]): void {
  const registers = [metrics.registry];
  const perWorker = (name: string, help: string, value: (w: WorkerMemory) => number) =>
    new Gauge({
      name, help, labelNames: ['pool', 'worker'] as const, registers,
      collect() {
        this.reset();
        const n = { query: 0, write: 0 };
        for (const w of workers()) this.set({ pool: w.pool, worker: String(n[w.pool]++) }, value(w));
      },
    });
  perWorker('osce_kg_worker_external_bytes', 'A worker thread\'s memory outside its JS heap (its replica\'s WebAssembly memory), as of its last reply.', (w) => w.externalBytes);
  perWorker('osce_kg_worker_heap_bytes', 'A worker thread\'s JS heap in use, as of its last reply.', (w) => w.heapBytes);
  const own = (name: string, help: string, value: (m: NodeJS.MemoryUsage) => number) =>
    new Gauge({ name, help, registers, collect() { this.set(value(process.memoryUsage())); } });
  own('osce_kg_main_heap_bytes', 'The HTTP thread\'s JS heap in use.', (m) => m.heapUsed);
  own('osce_kg_main_external_bytes', 'The HTTP thread\'s memory outside its JS heap (buffers).', (m) => m.external);
  own('osce_kg_process_rss_bytes', 'The process\'s resident memory, every thread included.', (m) => m.rss);
  // a request that waits for a collection on the HTTP thread waits before its Server-Timing starts: these tell
  // whether a slow answer at the client was one (the bench reads them around its timed runs)
  const gc = httpThreadGc();
  new Gauge({
    name: 'osce_kg_main_gc_seconds_total', help: 'Time the HTTP thread spent in garbage collection since start.', registers,
    collect() { this.set(gc.seconds); },
  });
  new Gauge({
    name: 'osce_kg_main_gc_pauses_total', help: 'Garbage collections of the HTTP thread since start longer than `over`.', labelNames: ['over'] as const, registers,
    collect() { GC_OVER_MS.forEach((ms, i) => this.set({ over: `${ms}ms` }, gc.over[i]!)); },
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
