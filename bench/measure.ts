/** Per-engine measurement: warm-up, repeated runs, median; shared by every engine the bench drives. */
import type { QueryOutcome } from './engine-protocol.js';
import { median } from './files.js';
import type { BenchQuery } from './queries.js';

export interface QueryStat {
  medianMs: number | null;
  /** Mean CPU time of the engine process (all threads) per timed run. */
  cpuMs?: number;
  runs: number;
  rows?: number;
  fingerprint?: string;
  /** The query did not finish within the cap: reported as "> cap". */
  timeout?: boolean;
  error?: string;
}

export interface EngineResult {
  engine: string;
  loadMs?: number;
  /** osce-kg only: ms from `serve` to listening, and to the first answered query (restart of a loaded store). */
  restartMs?: number;
  firstAnswerMs?: number;
  quads?: number;
  rssMb?: number;
  queries: Record<string, QueryStat>;
  throughput?: Record<string, import('./throughput.js').Throughput>;
  notes?: string[];
}

export type RunQuery = (q: BenchQuery) => Promise<QueryOutcome>;

/** How many times each query runs: at least `reps` timed runs, more for a fast query until `minMs` have passed. */
export interface Repetitions {
  reps: number;
  /** Timed runs continue (up to 1,000) until they took this long in all: a 1 ms median from 5 runs is noise. */
  minMs?: number;
  /** Untimed warm-up runs before them continue (up to 5,000) until they took this long in all. */
  warmupMs?: number;
}

const MAX_RUNS = 1000;
const MAX_WARMUP_RUNS = 5000;

/**
 * Warm-up runs, then the timed runs. Every engine is measured in its steady state: the first ~3,000 runs of a 1 ms
 * request are up to 2-3× slower than later, for the bare server as for osce-kg, while V8 compiles the request path of
 * the engine and of the client (measured: ~0.5 ms of compiler-thread CPU per request over the first 1,200 lookups,
 * some functions compiled three times). A timeout or error stops the repetitions (a query that takes more
 * than the cap once would take it again), so a slow engine costs at most one cap per query. The CPU figure is the
 * engine's CPU over all timed runs divided by their number, read once before and once after them: reading it around
 * every run (a /proc file per thread of the engine: 11 for the bare server, 14-20 for osce-kg) put client work
 * between requests that slowed every engine's next answer (measured, lookups at 10k: bare 0.66 → 0.82 ms, osce-kg
 * 1.17 → 1.42 ms).
 */
export async function measureQueries(queries: BenchQuery[], repetitions: Repetitions, runOnce: RunQuery,
  log: (line: string) => void, cpuOf?: () => number | undefined): Promise<Record<string, QueryStat>> {
  const out: Record<string, QueryStat> = {};
  const { reps, minMs = 0, warmupMs = 0 } = repetitions;
  for (const q of queries) {
    const first = await runOnce(q);
    let last = first.timeout || first.error ? first : await warmUp(runOnce, q, first, warmupMs);
    if (last.timeout || last.error) {
      out[q.id] = { medianMs: null, runs: 0, timeout: last.timeout, error: last.error?.slice(0, 300) };
      log(`  ${q.id}: ${last.timeout ? 'timeout' : `error ${last.error?.slice(0, 120)}`}`);
      continue;
    }
    const times: number[] = [];
    const cpu: number[] = []; // reported by the engine itself (in-process engines)
    let spent = 0;
    const cpu0 = cpuOf?.();
    for (let i = 0; i < reps || (spent < minMs && i < MAX_RUNS); i++) {
      last = await runOnce(q);
      if (last.timeout || last.error) break;
      times.push(last.ms);
      spent += last.ms;
      if (last.cpuMs !== undefined) cpu.push(last.cpuMs);
    }
    const cpu1 = cpuOf?.();
    const stat: QueryStat = { medianMs: round(median(times)), runs: times.length, rows: first.rows, fingerprint: first.fingerprint };
    if (cpu0 !== undefined && cpu1 !== undefined && times.length > 0) stat.cpuMs = round((cpu1 - cpu0) / times.length);
    else if (cpu.length > 0) stat.cpuMs = round(cpu.reduce((a, b) => a + b, 0) / cpu.length);
    if (last.timeout) stat.timeout = true;
    out[q.id] = stat;
    log(`  ${q.id}: ${stat.medianMs} ms, cpu ${stat.cpuMs ?? '?'} ms (${stat.rows} rows, ${stat.runs} runs)`);
  }
  return out;
}

/** Untimed runs after the first until `forMs` have passed; returns the last outcome (a timeout or error ends it). */
async function warmUp(run: RunQuery, q: BenchQuery, first: QueryOutcome, forMs: number): Promise<QueryOutcome> {
  let last = first;
  let spent = first.ms;
  for (let i = 0; i < MAX_WARMUP_RUNS && spent < forMs && !last.timeout && !last.error; i++) {
    last = await run(q);
    spent += last.ms;
  }
  return last;
}

export function round(ms: number): number {
  return ms < 10 ? Math.round(ms * 100) / 100 : ms < 100 ? Math.round(ms * 10) / 10 : Math.round(ms);
}
