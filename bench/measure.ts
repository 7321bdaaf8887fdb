/** Per-engine measurement: warm-up, repeated runs, median; shared by every engine the bench drives. */
import type { QueryOutcome } from './engine-protocol.js';
import { median } from './files.js';
import type { BenchQuery } from './queries.js';

export interface QueryStat {
  medianMs: number | null;
  /** Median CPU time of the engine process (all threads) per run. */
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

/**
 * One warm-up run, then `reps` timed runs. A timeout or error stops the repetitions (a query that takes more than the
 * cap once would take it again), so a slow engine costs at most one cap per query.
 */
export async function measureQueries(queries: BenchQuery[], reps: number, runOnce: RunQuery,
  log: (line: string) => void, cpuOf?: () => number | undefined): Promise<Record<string, QueryStat>> {
  const out: Record<string, QueryStat> = {};
  const run = cpuOf ? withCpu(runOnce, cpuOf) : runOnce;
  for (const q of queries) {
    const first = await run(q);
    if (first.timeout || first.error) {
      out[q.id] = { medianMs: null, runs: 0, timeout: first.timeout, error: first.error?.slice(0, 300) };
      log(`  ${q.id}: ${first.timeout ? 'timeout' : `error ${first.error?.slice(0, 120)}`}`);
      continue;
    }
    const times: number[] = [];
    const cpu: number[] = [];
    let last = first;
    for (let i = 0; i < reps; i++) {
      last = await run(q);
      if (last.timeout || last.error) break;
      times.push(last.ms);
      if (last.cpuMs !== undefined) cpu.push(last.cpuMs);
    }
    const stat: QueryStat = { medianMs: round(median(times)), runs: times.length, rows: first.rows, fingerprint: first.fingerprint };
    if (cpu.length > 0) stat.cpuMs = round(median(cpu));
    if (last.timeout) stat.timeout = true;
    out[q.id] = stat;
    log(`  ${q.id}: ${stat.medianMs} ms, cpu ${stat.cpuMs ?? '?'} ms (${stat.rows} rows)`);
  }
  return out;
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
