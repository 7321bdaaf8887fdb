/**
 * `--engines stats`: the targets of issue 23 on one running osce-kg, side by side in the same run. Each statistics
 * request (`/api/stats`, and the `fields-of-work` named query answered from the statistics) is timed against the
 * SPARQL aggregate that answers the same question, POSTed to the same server's `/sparql`; runs alternate. No run is
 * a cache hit: a statistics run bypasses the result cache (it carries the bench's bearer token, and the front never
 * answers or keeps an authenticated request) and the server's /metrics must show one answer computed per run; a SPARQL
 * run misses it (a unique comment). Besides, every statistics request is asked once right after each of the writes,
 * through the cache: the first answer after a version change (X-Cache: MISS checked). Also: whether both give
 * identical counts, what keeping the statistics current adds to writes (the server's own /metrics), and its RSS.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { RunOptions } from './engines.js';
import type { QueryParams } from './generate.js';
import { send, serverTiming } from './http-client.js';
import { releaseTriples, rssOf, startServer } from './server-engine.js';
import { statsSparql } from '../src/stats/sparql.js';
import { statsQueryString } from '../src/stats/request.js';
import type { StatsRequest } from '../src/stats/types.js';
import { defaultQuerySource } from '../src/api/query-source.js';

export interface StatsTiming {
  id: string;
  path: string;
  runs: number;
  sparqlRuns: number;
  /** Client wall clock, ms: median and 95th percentile, statistics vs SPARQL. */
  statsMs: { p50: number; p95: number };
  /** Null when the SPARQL failed (`sparqlError`: a timeout at the bench's cap), the statistics still timed. */
  sparqlMs: { p50: number; p95: number } | null;
  /** The server's own time (Server-Timing), ms. */
  statsServerMs: { p50: number; p95: number };
  sparqlServerMs: { p50: number; p95: number } | null;
  identical: boolean | null;
  sparqlError?: string;
  /** Garbage collections of the server's HTTP thread during this request's runs (both kinds) longer than 5 and 10 ms. */
  serverGc?: { over5ms: number; over10ms: number };
  /** Answers the statistics computed during this request's runs (/metrics), and the statistics calls made: equal when no call was a hit. */
  computed?: { answers: number; calls: number };
  /** The first answer after each write (a miss of the result cache at the new version), ms: median and slowest. */
  afterWrite?: { runs: number; statsMs: { p50: number; max: number }; statsServerMs: { p50: number; max: number } };
}

export interface StatsBenchResult {
  engine: 'osce-kg-stats';
  timings: StatsTiming[];
  writes: { n: number; meanWriteMs: number; meanApplyMs: number; share: number };
  rssMb?: number;
  /**
   * After the timed runs and writes, the data dir served again STARTS times, alternately with OSCE_KG_STATS=sparql
   * (no statistics in memory) and with the statistics (each request answered once: pair tables made), each read
   * idle. Medians of each kind; growth = with / without - 1, in RSS and in the HTTP thread's memory (its heap and
   * buffers, where the statistics live), which does not carry the replicas' and allocator's start-to-start spread.
   */
  memory?: {
    starts: MemoryReading[];
    withMb: number; withoutMb: number; growth: number;
    mainWithMb: number; mainWithoutMb: number; mainGrowthOfRss: number;
    firstServer: { withIdleMb: number; withAskedMb: number };
    /** A last start with the statistics' checkpoint removed (read again from the store): not in the medians. */
    rebuilt?: MemoryReading & { growth: number; mainGrowthOfRss: number };
  };
  notes: string[];
}

/** One idle start of the data dir: RSS and what /metrics says each thread holds (MB), and how the statistics were made. */
export interface MemoryReading {
  stats: 'index' | 'sparql';
  rssMb: number;
  /** The HTTP thread's JS heap in use and its memory outside the heap. */
  mainHeapMb: number;
  mainExternalMb: number;
  /** Query workers' and the writer's replicas (WebAssembly) and JS heaps, summed. */
  workersExternalMb: number;
  workersHeapMb: number;
  recycled: number;
  /** The first start after the writes, which catches up with them: reported, not counted. */
  settling?: boolean;
  /** The statistics' builds at this start (index only): restored from the checkpoint or rebuilt. */
  restored?: number;
  rebuilt?: number;
}

/**
 * Starts in the memory comparison: a first one that is not counted (the first start after the writes catches up:
 * the search index, the change feed and the dumps read the changed store, and at 10k it was left idle with 462 MiB
 * of the HTTP thread's heap uncollected against 30 for the same start later), then 2 without and 2 with, alternated.
 */
const MEMORY_STARTS = 5;

/**
 * Statistics runs per SPARQL run: a p95 of 20 runs is their slowest (the 20th of 20), so one hiccup of the machine
 * decided it; 100 runs of the statistics (a few ms each) give a 95th percentile, beside 20 of the SPARQL.
 */
const STATS_PER_ROUND = 5;

/** SPARQL time per request after which the aggregates stop running beside the statistics (at least 3 runs). */
const SPARQL_BUDGET_MS = 30_000;

const q = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round((s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN) * 100) / 100;
};
const pct = (xs: number[]) => ({ p50: q(xs, 0.5), p95: q(xs, 0.95) });

/** The requests: the issue's questions (countByState, unitPath, join3, byField per year) and every dimension. */
export function statsRequests(p: QueryParams): Array<[string, StatsRequest]> {
  return [
    ['byYear', { by: ['year'], filters: {} }],
    ['byState (countByState)', { by: ['state'], filters: {} }],
    ['byField', { by: ['field'], filters: {} }],
    ['byPublisher (subtrees)', { by: ['publisher'], filters: {} }],
    ['byGenre', { by: ['genre'], filters: {} }],
    ['byLanguage', { by: ['language'], filters: {} }],
    ['bySpeaker', { by: ['speaker'], filters: {} }],
    ['stateYear (countByStateYear)', { by: ['state', 'year'], filters: {} }],
    ['unitPath: year under a structure', { by: ['year'], filters: { publisher: p.unitParent } }],
    ['join3: publisher, field, year', { by: ['publisher'], filters: { field: p.field, from: `${p.year}-01-01`, to: `${p.year}-12-31` } }],
    ['fieldYear: one field per year', { by: ['year'], filters: { field: p.field } }],
    ['monthState: months mentioning a State', { by: ['month'], filters: { state: p.country } }],
  ];
}

type Counts = Map<string, number>;

/**
 * How a statistics call meets the result cache: `bypass` carries the bearer token (the front neither answers nor
 * keeps an authenticated request: no X-Cache); `miss` is a plain request that must be a miss (X-Cache: MISS).
 */
type Via = { bypass: string } | 'miss';

async function statsCall(url: string, path: string, via: Via): Promise<{ ms: number; serverMs: number; counts: Counts }> {
  const headers: Record<string, string> = { accept: 'application/json', ...(via === 'miss' ? {} : { authorization: `Bearer ${via.bypass}` }) };
  const t0 = performance.now();
  const res = await send(`${url}${path}`, { headers, timeoutMs: 120_000 });
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status} ${res.body.toString().slice(0, 200)}`);
  const cache = res.headers['x-cache'];
  if (via === 'miss' ? cache !== 'MISS' : cache !== undefined) throw new Error(`${path}: X-Cache ${cache} where the run should ${via === 'miss' ? 'miss' : 'bypass'} the cache`);
  const rows = JSON.parse(res.body.toString()) as Array<Record<string, string | number>>;
  const counts: Counts = new Map(rows.map((r) => [`${r.key ?? r.field}|${r.key2 ?? ''}`, Number(r.releases)]));
  return { ms, serverMs: serverTiming(res.headers) ?? NaN, counts };
}

async function sparqlCall(endpoint: string, text: string, n: number, keys: [string, string?]): Promise<{ ms: number; serverMs: number; counts: Counts }> {
  const t0 = performance.now();
  const res = await send(endpoint, {
    method: 'POST', timeoutMs: 120_000,
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/sparql-results+json' },
    body: new URLSearchParams({ query: `${text}\n# bench run ${n}` }).toString(),
  });
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`SPARQL: HTTP ${res.status} ${res.body.toString().slice(0, 200)}`);
  const json = JSON.parse(res.body.toString()) as { results: { bindings: Array<Record<string, { value: string }>> } };
  const [k, k2] = keys;
  const counts: Counts = new Map(json.results.bindings.map((b) => [`${b[k]?.value}|${k2 ? b[k2]?.value ?? '' : ''}`, Number(b.n?.value ?? b.releases?.value)]));
  return { ms, serverMs: serverTiming(res.headers) ?? NaN, counts };
}

const same = (a: Counts, b: Counts) => a.size === b.size && [...a].every(([k, n]) => b.get(k) === n);

async function timePair(url: string, token: string, endpoint: string, id: string, path: string, text: string, keys: [string, string?], opts: RunOptions): Promise<StatsTiming> {
  let n = 0;
  const via = { bypass: token };
  let calls = 0;
  const made = await metric(url, 'osce_kg_stats_answers_made');
  let sparqlError: string | undefined;
  // a SPARQL aggregate past the bench's cap is reported, and the statistics are still timed alone
  const callSparql = async (k: number) => {
    if (sparqlError) return { ms: NaN, serverMs: NaN, counts: new Map() as Counts };
    try {
      return await sparqlCall(endpoint, text, k, keys);
    } catch (error) {
      sparqlError = error instanceof Error ? error.message.slice(0, 200) : String(error);
      return { ms: NaN, serverMs: NaN, counts: new Map() as Counts };
    }
  };
  const first = [await statsCall(url, path, via), await callSparql(n++)];
  calls++;
  // fields-of-work lists fields without releases (0) too; the aggregate rows have only counted keys
  const identical = sparqlError ? null : same(new Map([...first[0]!.counts].filter(([, c]) => c > 0)), new Map([...first[1]!.counts].filter(([, c]) => c > 0)));
  const s: number[] = [], ss: number[] = [], x: number[] = [], xs: number[] = [];
  const runs = Math.max(opts.reps * 4, 20);
  // the aggregates take seconds each at 100k: they run beside the statistics until SPARQL_BUDGET_MS was spent on them
  let spent = 0;
  const sparqlRun = async (k: number) => {
    if (x.length >= 3 && spent > SPARQL_BUDGET_MS) return undefined;
    const r = await callSparql(k);
    spent += Number.isNaN(r.ms) ? 0 : r.ms;
    return r;
  };
  for (let i = 0; i < 3; i++, calls++) await statsCall(url, path, via); // warm-up (the aggregate's first run above was its own)
  for (let i = 0; i < runs; i++) {
    // alternate which goes first, so that drift on the machine falls on both
    const statsRound = async () => {
      for (let k = 0; k < STATS_PER_ROUND; k++) {
        const a = await statsCall(url, path, via);
        calls++;
        s.push(a.ms); ss.push(a.serverMs);
      }
    };
    let b;
    if (i % 2 === 0) {
      await statsRound();
      b = await sparqlRun(n++);
    } else {
      b = await sparqlRun(n++);
      await statsRound();
    }
    if (b) x.push(b.ms), xs.push(b.serverMs);
  }
  // every statistics call computed its answer (none was a hit of any cache)
  const computed = { answers: (await metric(url, 'osce_kg_stats_answers_made')) - made, calls };
  if (computed.answers !== calls) opts.log(`  ${id}: ${computed.answers} answers computed for ${calls} calls`);
  const sparqlText = sparqlError ? `SPARQL failed: ${sparqlError}` : `SPARQL (${x.length} runs) p50 ${q(x, 0.5)} ms p95 ${q(x, 0.95)} ms; identical ${identical}`;
  opts.log(`  ${id}: stats p50 ${q(s, 0.5)} ms p95 ${q(s, 0.95)} ms (server ${q(ss, 0.5)} / ${q(ss, 0.95)}); ${sparqlText}`);
  return { id, path, runs: s.length, sparqlRuns: x.length, statsMs: pct(s), sparqlMs: sparqlError ? null : pct(x), statsServerMs: pct(ss), sparqlServerMs: sparqlError ? null : pct(xs), identical,
    computed, ...(sparqlError ? { sparqlError } : {}) };
}

async function metric(url: string, name: string): Promise<number> {
  const text = (await send(`${url}/metrics`, { timeoutMs: 30_000 })).body.toString();
  return Number(new RegExp(`^${name} ([0-9.e+-]+)$`, 'm').exec(text)?.[1] ?? NaN);
}

/** The server HTTP thread's garbage collections since start longer than 5 and 10 ms (/metrics). */
async function gcPauses(url: string): Promise<{ over5ms: number; over10ms: number }> {
  const text = (await send(`${url}/metrics`, { timeoutMs: 30_000 })).body.toString();
  const over = (ms: number) => Number(new RegExp(`^osce_kg_main_gc_pauses_total\\{over="${ms}ms"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? NaN);
  return { over5ms: over(5), over10ms: over(10) };
}

/** The sum of a metric's samples (every label set), MB. */
function sumMb(text: string, name: string): number {
  let sum = 0;
  for (const m of text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'gm'))) sum += Number(m[1]);
  return Math.round(sum / 2 ** 20);
}

async function memoryReading(url: string, pid: number | undefined, stats: 'index' | 'sparql'): Promise<MemoryReading> {
  const rssMb = await steadyRss(pid);
  const text = (await send(`${url}/metrics`, { timeoutMs: 30_000 })).body.toString();
  const value = (re: RegExp) => Number(re.exec(text)?.[1] ?? NaN);
  return {
    stats, rssMb,
    mainHeapMb: sumMb(text, 'osce_kg_main_heap_bytes'), mainExternalMb: sumMb(text, 'osce_kg_main_external_bytes'),
    workersExternalMb: sumMb(text, 'osce_kg_worker_external_bytes'), workersHeapMb: sumMb(text, 'osce_kg_worker_heap_bytes'),
    recycled: value(/^osce_kg_store_workers_recycled_total ([0-9.e+-]+)$/m),
    ...(stats === 'index' ? { restored: value(/^osce_kg_stats_builds\{how="restored"\} (\d+)$/m), rebuilt: value(/^osce_kg_stats_builds\{how="rebuilt"\} (\d+)$/m) } : {}),
  };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/**
 * Writes of whole releases (graph-store PUTs of ~20 KB), timed at the client, and the statistics' share of them.
 * After each write every statistics request is asked once through the result cache, in an order that rotates so
 * that each is sometimes first: the first answer at the new version, a miss.
 */
async function writeCost(url: string, token: string, file: string, base: string, n: number, paths: string[]): Promise<{ writes: StatsBenchResult['writes']; afterWrite: Map<string, { ms: number[]; serverMs: number[] }> }> {
  const { text } = await releaseTriples(file, 0.02, base);
  const before = [await metric(url, 'osce_kg_stats_apply_seconds'), await metric(url, 'osce_kg_stats_applied_writes')];
  let total = 0;
  const afterWrite = new Map(paths.map((path) => [path, { ms: [] as number[], serverMs: [] as number[] }]));
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await send(`${url}/graph-store?graph=${encodeURIComponent(`${base}graph/release/bench-stats-${i}`)}`, {
      method: 'PUT', timeoutMs: 120_000, body: text, headers: { 'content-type': 'application/n-triples', authorization: `Bearer ${token}` },
    });
    if (res.status >= 300) throw new Error(`PUT: HTTP ${res.status} ${res.body.toString().slice(0, 200)}`);
    total += performance.now() - t0;
    for (let k = 0; k < paths.length; k++) {
      const path = paths[(i + k) % paths.length]!;
      const asked = await statsCall(url, path, 'miss');
      afterWrite.get(path)!.ms.push(asked.ms);
      afterWrite.get(path)!.serverMs.push(asked.serverMs);
    }
  }
  const applySeconds = (await metric(url, 'osce_kg_stats_apply_seconds')) - before[0]!;
  const writes = (await metric(url, 'osce_kg_stats_applied_writes')) - before[1]!;
  const meanApplyMs = (applySeconds * 1000) / Math.max(1, writes);
  return { writes: { n, meanWriteMs: Math.round((total / n) * 100) / 100, meanApplyMs: Math.round(meanApplyMs * 1000) / 1000, share: Math.round((meanApplyMs / (total / n)) * 10000) / 10000 }, afterWrite };
}

/** Median of 3 RSS readings 2 s apart, MB. */
async function steadyRss(pid: number | undefined): Promise<number> {
  const readings: number[] = [];
  for (let i = 0; i < 3; i++) {
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, 2000));
    readings.push(rssOf(pid) ?? NaN);
  }
  return readings.sort((a, b) => a - b)[1]!;
}

export async function runStats(file: string, params: QueryParams, opts: RunOptions): Promise<StatsBenchResult> {
  const server = await startServer(file, opts);
  try {
    const { url, endpoint, token, child } = server;
    const withIdleMb = await steadyRss(child.pid);
    const requests = statsRequests(params);
    const paths = [...requests.map(([, req]) => `/api/stats?${statsQueryString(req)}`), '/api/queries/fields-of-work'];
    for (const path of paths) await statsCall(url, path, 'miss');
    const withAskedMb = await steadyRss(child.pid);
    opts.log(`osce-kg: RSS with the statistics ${withIdleMb} MB idle, ${withAskedMb} MB once each statistics request was answered`);
    opts.log('osce-kg: statistics (the result cache bypassed) against SPARQL aggregates (missing it), alternating');
    const timings: StatsTiming[] = [];
    const withGc = async (timing: () => Promise<StatsTiming>) => {
      const before = await gcPauses(url);
      const t = await timing();
      const after = await gcPauses(url);
      t.serverGc = { over5ms: after.over5ms - before.over5ms, over10ms: after.over10ms - before.over10ms };
      if (t.serverGc.over10ms > 0) opts.log(`    the server's HTTP thread paused over 10 ms for garbage collection ${t.serverGc.over10ms} times meanwhile`);
      return t;
    };
    for (const [id, req] of requests) {
      timings.push(await withGc(() => timePair(url, token, endpoint, id, `/api/stats?${statsQueryString(req)}`, statsSparql(req), req.by.length === 2 ? ['k', 'k2'] : ['k'], opts)));
    }
    const fow = defaultQuerySource().bind('fields-of-work', {});
    timings.push(await withGc(() => timePair(url, token, endpoint, 'named query fields-of-work', '/api/queries/fields-of-work', fow, ['field'], opts)));
    const base = params.release.slice(0, params.release.indexOf('id/release/'));
    const { writes, afterWrite } = await writeCost(url, token, file, base, Math.max(10, opts.reps * 4), paths);
    opts.log(`  writes: ${writes.meanWriteMs} ms each, statistics ${writes.meanApplyMs} ms of it (${(writes.share * 100).toFixed(2)} %)`);
    const slowest = (xs: number[]) => Math.round(Math.max(...xs) * 100) / 100;
    timings.forEach((t) => {
      const after = afterWrite.get(t.path)!;
      t.afterWrite = { runs: after.ms.length, statsMs: { p50: q(after.ms, 0.5), max: slowest(after.ms) }, statsServerMs: { p50: q(after.serverMs, 0.5), max: slowest(after.serverMs) } };
      opts.log(`  ${t.id}, first answer after each write: p50 ${t.afterWrite.statsMs.p50} ms, slowest ${t.afterWrite.statsMs.max} ms (server ${t.afterWrite.statsServerMs.p50} / ${t.afterWrite.statsServerMs.max})`);
    });
    const rssMb = rssOf(child.pid);
    // What the statistics add to the process: the same data dir served again, alternately without and with them,
    // each read idle (the first server's figures above come from another state: before the writes, with the load's
    // journal). RSS differs by ~100 MB between starts of the same thing (the replicas, the allocator): medians of
    // each kind, and the HTTP thread's own memory, where the statistics live, beside it.
    const starts: MemoryReading[] = [];
    for (let i = 0; i < MEMORY_STARTS; i++) {
      const mode = i % 2 === 0 ? 'sparql' : 'index';
      const settling = i === 0;
      await server.restart(mode === 'sparql' ? { OSCE_KG_STATS: 'sparql' } : {});
      if (mode === 'index') for (const path of paths) await statsCall(server.url, path, 'miss');
      const reading = { ...(await memoryReading(server.url, server.child.pid, mode)), ...(settling ? { settling } : {}) };
      starts.push(reading);
      opts.log(`osce-kg: served again ${mode === 'sparql' ? 'without the statistics (OSCE_KG_STATS=sparql)' : 'with the statistics, each request answered'}: ${JSON.stringify(reading)}`);
    }
    const of = (mode: string, f: (r: MemoryReading) => number) => median(starts.filter((r) => r.stats === mode && !r.settling).map(f));
    const withMb = of('index', (r) => r.rssMb);
    const withoutMb = of('sparql', (r) => r.rssMb);
    const mainWithMb = of('index', (r) => r.mainHeapMb + r.mainExternalMb);
    const mainWithoutMb = of('sparql', (r) => r.mainHeapMb + r.mainExternalMb);
    // the worst case: a start whose statistics are read again from the store (no checkpoint, or one at another version)
    rmSync(join(server.dataDir, 'stats', 'facets.json'), { force: true });
    await server.restart({});
    for (const path of paths) await statsCall(server.url, path, 'miss');
    const again = await memoryReading(server.url, server.child.pid, 'index');
    const rebuilt = { ...again, growth: Math.round((again.rssMb / withoutMb - 1) * 10000) / 10000,
      mainGrowthOfRss: Math.round(((again.mainHeapMb + again.mainExternalMb - mainWithoutMb) / withoutMb) * 10000) / 10000 };
    opts.log(`osce-kg: served again with the statistics' checkpoint removed: ${JSON.stringify(rebuilt)}`);
    const memory = {
      starts, withMb, withoutMb, growth: Math.round((withMb / withoutMb - 1) * 10000) / 10000,
      mainWithMb, mainWithoutMb, mainGrowthOfRss: Math.round(((mainWithMb - mainWithoutMb) / withoutMb) * 10000) / 10000,
      firstServer: { withIdleMb, withAskedMb }, rebuilt,
    };
    opts.log(`osce-kg: RSS medians with ${withMb} MB, without ${withoutMb} MB: ${(memory.growth * 100).toFixed(1)} %; the HTTP thread ${mainWithMb} against ${mainWithoutMb} MB: +${(memory.mainGrowthOfRss * 100).toFixed(1)} % of the RSS without`);
    return {
      engine: 'osce-kg-stats', timings, writes, rssMb, memory,
      notes: ['statistics runs bypass the result cache (bearer token) and each computed its answer (osce_kg_stats_answers_made); SPARQL runs miss it (a unique comment); both alternate within one server process',
        'after each write every statistics request is asked once through the result cache: the first answer at the new version (X-Cache: MISS)',
        `SPARQL aggregates run beside the statistics until ${SPARQL_BUDGET_MS / 1000} s were spent on them (at least 3 runs)`],
    };
  } finally {
    await server.stop();
  }
}
