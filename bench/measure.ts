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
  /**
   * Timed runs continue (up to 1,000) until they took this long in all: a 1 ms median from 5 runs is noise. Before
   * them, untimed warm-up runs continue (up to 200) for a fifth of it.
   */
  minMs?: number;
}

const MAX_RUNS = 1000;
const MAX_WARMUP_RUNS = 200;

/**
 * Warm-up runs, then the timed runs. A fast query is warmed up for a fifth of `minMs`: the first few hundred runs of a
 * 1 ms request include the JIT compiling the request path of the engine (and of the client) and the engine's first
 * garbage collections after its load, which no steady-state client sees and which made a 200-run median swing by 2×. A timeout or error stops the repetitions (a query that takes more than
 * the cap once would take it again), so a slow engine costs at most one cap per query. The CPU figure is the mean per
 * run (the engine's CPU clock ticks in 10 ms steps: only a sum over many runs resolves a 1 ms query).
 */
export async function measureQueries(queries: BenchQuery[], repetitions: Repetitions, runOnce: RunQuery,
  log: (line: string) => void, cpuOf?: () => number | undefined): Promise<Record<string, QueryStat>> {
  const out: Record<string, QueryStat> = {};
  const run = cpuOf ? withCpu(runOnce, cpuOf) : runOnce;
  const { reps, minMs = 0 } = repetitions;
  for (const q of queries) {
    const first = await run(q);
    let last = first.timeout || first.error ? first : await warmUp(run, q, first, minMs / 5);
    if (last.timeout || last.error) {
      out[q.id] = { medianMs: null, runs: 0, timeout: last.timeout, error: last.error?.slice(0, 300) };
      log(`  ${q.id}: ${last.timeout ? 'timeout' : `error ${last.error?.slice(0, 120)}`}`);
      continue;
    }
    const times: number[] = [];
    const cpu: number[] = [];
    let spent = 0;
    for (let i = 0; i < reps || (spent < minMs && i < MAX_RUNS); i++) {
      last = await run(q);
      if (last.timeout || last.error) break;
      times.push(last.ms);
      spent += last.ms;
      if (last.cpuMs !== undefined) cpu.push(last.cpuMs);
    }
    const stat: QueryStat = { medianMs: round(median(times)), runs: times.length, rows: first.rows, fingerprint: first.fingerprint };
    if (cpu.length > 0) stat.cpuMs = round(cpu.reduce((a, b) => a + b, 0) / cpu.length);
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

/** Adds the server process's CPU time (sampled before and after) to each outcome. */
function withCpu(run: RunQuery, cpuOf: () => number | undefined): RunQuery {
  return async (q) => {
    const c0 = cpuOf();
    const outcome = await run(q);
    const c1 = cpuOf();
    return c0 !== undefined && c1 !== undefined ? { ...outcome, cpuMs: c1 - c0 } : outcome;
  };
}

export function round(ms: number): number {
  return ms < 10 ? Math.round(ms * 100) / 100 : ms < 100 ? Math.round(ms * 10) / 10 : Math.round(ms);
}
