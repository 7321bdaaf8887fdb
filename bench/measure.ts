/** Per-engine measurement: warm-up, repeated runs, median; shared by every engine the bench drives. */
import type { QueryOutcome } from './engine-protocol.js';
import { median } from './files.js';
import type { BenchQuery } from './queries.js';

export interface QueryStat {
  medianMs: number | null;
  /** Mean CPU time of the engine process (all threads) per timed run. */
  cpuMs?: number;
  /** Median of the time the server reported for each timed run (`Server-Timing`), where it reports one. */
  serverMs?: number;
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
  /** osce-kg only: a large graph upload and the longest wait of another request meanwhile. */
  upload?: import('./server-engine.js').UploadStat;
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
    const server: number[] = [];
    const cpu: number[] = []; // reported by the engine itself (in-process engines)
    let spent = 0;
    const cpu0 = cpuOf?.();
    for (let i = 0; i < reps || (spent < minMs && i < MAX_RUNS); i++) {
      last = await runOnce(q);
      if (last.timeout || last.error) break;
      times.push(last.ms);
      if (last.serverMs !== undefined) server.push(last.serverMs);
      spent += last.ms;
      if (last.cpuMs !== undefined) cpu.push(last.cpuMs);
    }
    const cpu1 = cpuOf?.();
    const stat: QueryStat = { medianMs: round(median(times)), runs: times.length, rows: first.rows, fingerprint: first.fingerprint };
    if (cpu0 !== undefined && cpu1 !== undefined && times.length > 0) stat.cpuMs = round((cpu1 - cpu0) / times.length);
    else if (cpu.length > 0) stat.cpuMs = round(cpu.reduce((a, b) => a + b, 0) / cpu.length);
    if (server.length > 0) stat.serverMs = roundFine(median(server));
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

/** `round` with microseconds kept below 1 ms: a cache hit's server time is 0.01-0.05 ms. */
export function roundFine(ms: number): number {
  return ms < 1 ? Math.round(ms * 1000) / 1000 : round(ms);
}

/** One of two engines measured side by side: its runner and its process's CPU reading. */
export interface PairSide {
  run: RunQuery;
  cpu?: () => number | undefined;
}

/** Rounds of alternating batches: enough that drift within a measurement falls on both engines alike. */
const PAIR_ROUNDS = 10;
const PAIR_WARMUP_ROUNDS = 5;

/**
 * Two engines measured side by side, both running all along: per query, warm-up and timed runs in alternating
 * batches (A B, then B A, ...), so what drifts on the machine meanwhile (other load, the VM's host, caches) falls on
 * both alike. Measured one after the other in separate runs, the same two servers gave ratios from 1.3 to 2.0 for the
 * same query on this machine. Each engine gets what `measureQueries` would give it: at least `reps` timed runs, more
 * for a fast query until `minMs` have passed (at most 1,000), after about `warmupMs` of warm-up. A side whose
 * first run fails is reported with its error and the other is measured alone.
 */
export async function measurePaired(queries: BenchQuery[], repetitions: Repetitions, sides: [PairSide, PairSide],
  log: (line: string) => void): Promise<[Record<string, QueryStat>, Record<string, QueryStat>]> {
  const out: [Record<string, QueryStat>, Record<string, QueryStat>] = [{}, {}];
  const { reps, minMs = 0, warmupMs = 0 } = repetitions;
  for (const q of queries) {
    const state = [];
    for (const side of sides) { // one after the other: a first run is often the slowest, and must not compete
      state.push({ side, first: await side.run(q), times: [] as number[], server: [] as number[], cpu: 0, warm: 0,
        recent: [] as number[], stopped: undefined as QueryOutcome | undefined });
    }
    const live = state.filter((s) => !s.first.timeout && !s.first.error);
    for (const s of live) {
      s.warm = s.first.ms;
      s.recent.push(s.first.ms);
    }
    // Warm-up: each side runs while its spent time is under its share of the budget so far (a slow query's first run
    // may cover it all).
    for (let round = 1; round <= PAIR_WARMUP_ROUNDS; round++) {
      for (const s of live) {
        const budget = (warmupMs * round) / PAIR_WARMUP_ROUNDS;
        for (let i = 0; s.warm < budget && i < MAX_WARMUP_RUNS / PAIR_WARMUP_ROUNDS; i++) {
          const { ms } = await s.side.run(q);
          s.warm += ms;
          s.recent = [...s.recent.slice(-19), ms];
        }
      }
    }
    // Timed: as many runs per side as the slower side needs (by its last warm-up runs), in rounds of one batch each,
    // the order flipped every round.
    const perRun = Math.max(...live.map((s) => median(s.recent)), 0.001);
    const target = Math.min(MAX_RUNS, Math.max(reps, Math.ceil(minMs / perRun)));
    const rounds = Math.min(PAIR_ROUNDS, target);
    const batch = Math.ceil(target / rounds);
    for (let round = 0; round < rounds; round++) {
      for (const s of round % 2 === 0 ? live : [...live].reverse()) {
        if (s.stopped) continue; // a timeout or error ends that side's runs, as in measureQueries
        const cpu0 = s.side.cpu?.();
        for (let i = 0; i < batch && !s.stopped; i++) {
          const r = await s.side.run(q);
          if (r.timeout || r.error) s.stopped = r;
          else {
            s.times.push(r.ms);
            if (r.serverMs !== undefined) s.server.push(r.serverMs);
          }
        }
        const cpu1 = s.side.cpu?.();
        if (cpu0 !== undefined && cpu1 !== undefined) s.cpu += cpu1 - cpu0;
      }
    }
    state.forEach((s, i) => {
      const last = s.stopped ?? s.first;
      const stat: QueryStat = s.times.length === 0 ?
        { medianMs: null, runs: 0, timeout: last.timeout, error: last.error?.slice(0, 300) } :
        { medianMs: round(median(s.times)), runs: s.times.length, rows: s.first.rows, fingerprint: s.first.fingerprint };
      if (s.times.length > 0 && s.side.cpu) stat.cpuMs = round(s.cpu / s.times.length);
      if (s.server.length > 0) stat.serverMs = roundFine(median(s.server));
      if (last.timeout) stat.timeout = true;
      out[i]![q.id] = stat;
    });
    const [a, b] = [out[0][q.id]!, out[1][q.id]!];
    log(`  ${q.id}: ${a.medianMs ?? a.error ?? 'timeout'} | ${b.medianMs ?? b.error ?? 'timeout'} ms (${a.runs} | ${b.runs} runs)`);
  }
  return out;
}
