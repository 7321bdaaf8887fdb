/**
 * `--engines stats`: the targets of issue 23 on one running osce-kg, side by side in the same run. Each statistics
 * request (`/api/stats`, and the `fields-of-work` named query answered from the statistics) is timed against the
 * SPARQL aggregate that answers the same question, POSTed to the same server's `/sparql`; runs alternate, and each
 * misses the result cache (a unique Accept member for the API, a unique comment for SPARQL). Also: whether both give
 * identical counts, what keeping the statistics current adds to writes (the server's own /metrics), and its RSS.
 */
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
}

export interface StatsBenchResult {
  engine: 'osce-kg-stats';
  timings: StatsTiming[];
  writes: { n: number; meanWriteMs: number; meanApplyMs: number; share: number };
  rssMb?: number;
  /**
   * RSS (MB, median of 3 readings 2 s apart) after the timed runs and writes: the data dir served again with
   * OSCE_KG_STATS=sparql (no statistics in memory), idle, then again with the statistics, idle and once each
   * statistics request was answered (pair tables made); growth = with (after the requests) / without - 1.
   */
  memory?: { withIdleMb: number; withAskedMb: number; withoutMb: number; growth: number; firstServer: { withIdleMb: number; withAskedMb: number } };
  notes: string[];
}

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

async function statsCall(url: string, path: string, n: number): Promise<{ ms: number; serverMs: number; counts: Counts }> {
  const t0 = performance.now();
  const res = await send(`${url}${path}`, { headers: { accept: `application/json, text/x-bench-${n};q=0.1` }, timeoutMs: 120_000 });
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status} ${res.body.toString().slice(0, 200)}`);
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

async function timePair(url: string, endpoint: string, id: string, path: string, text: string, keys: [string, string?], opts: RunOptions): Promise<StatsTiming> {
  let n = 0;
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
  const first = [await statsCall(url, path, n++), await callSparql(n++)];
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
  for (let i = 0; i < 3; i++) await statsCall(url, path, n++); // warm-up (the aggregate's first run above was its own)
  for (let i = 0; i < runs; i++) {
    // alternate which goes first, so that drift on the machine falls on both
    let a, b;
    if (i % 2 === 0) {
      a = await statsCall(url, path, n++);
      b = await sparqlRun(n++);
    } else {
      b = await sparqlRun(n++);
      a = await statsCall(url, path, n++);
    }
    s.push(a.ms); ss.push(a.serverMs);
    if (b) x.push(b.ms), xs.push(b.serverMs);
  }
  const sparqlText = sparqlError ? `SPARQL failed: ${sparqlError}` : `SPARQL (${x.length} runs) p50 ${q(x, 0.5)} ms p95 ${q(x, 0.95)} ms; identical ${identical}`;
  opts.log(`  ${id}: stats p50 ${q(s, 0.5)} ms p95 ${q(s, 0.95)} ms; ${sparqlText}`);
  return { id, path, runs, sparqlRuns: x.length, statsMs: pct(s), sparqlMs: sparqlError ? null : pct(x), statsServerMs: pct(ss), sparqlServerMs: sparqlError ? null : pct(xs), identical,
    ...(sparqlError ? { sparqlError } : {}) };
}

async function metric(url: string, name: string): Promise<number> {
  const text = (await send(`${url}/metrics`, { timeoutMs: 30_000 })).body.toString();
  return Number(new RegExp(`^${name} ([0-9.e+-]+)$`, 'm').exec(text)?.[1] ?? NaN);
}

/** Writes of whole releases (graph-store PUTs of ~20 KB), timed at the client, and the statistics' share of them. */
async function writeCost(url: string, token: string, file: string, base: string, n: number): Promise<StatsBenchResult['writes']> {
  const { text } = await releaseTriples(file, 0.02, base);
  const before = [await metric(url, 'osce_kg_stats_apply_seconds'), await metric(url, 'osce_kg_stats_applied_writes')];
  let total = 0;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await send(`${url}/graph-store?graph=${encodeURIComponent(`${base}graph/release/bench-stats-${i}`)}`, {
      method: 'PUT', timeoutMs: 120_000, body: text, headers: { 'content-type': 'application/n-triples', authorization: `Bearer ${token}` },
    });
    if (res.status >= 300) throw new Error(`PUT: HTTP ${res.status} ${res.body.toString().slice(0, 200)}`);
    total += performance.now() - t0;
  }
  const applySeconds = (await metric(url, 'osce_kg_stats_apply_seconds')) - before[0]!;
  const writes = (await metric(url, 'osce_kg_stats_applied_writes')) - before[1]!;
  const meanApplyMs = (applySeconds * 1000) / Math.max(1, writes);
  return { n, meanWriteMs: Math.round((total / n) * 100) / 100, meanApplyMs: Math.round(meanApplyMs * 1000) / 1000, share: Math.round((meanApplyMs / (total / n)) * 10000) / 10000 };
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
    for (const [, req] of requests) await statsCall(url, `/api/stats?${statsQueryString(req)}`, -1);
    await statsCall(url, '/api/queries/fields-of-work', -1);
    const withAskedMb = await steadyRss(child.pid);
    opts.log(`osce-kg: RSS with the statistics ${withIdleMb} MB idle, ${withAskedMb} MB once each statistics request was answered`);
    opts.log('osce-kg: statistics against SPARQL aggregates, alternating, uncached');
    const timings: StatsTiming[] = [];
    for (const [id, req] of requests) {
      timings.push(await timePair(url, endpoint, id, `/api/stats?${statsQueryString(req)}`, statsSparql(req), req.by.length === 2 ? ['k', 'k2'] : ['k'], opts));
    }
    const fow = defaultQuerySource().bind('fields-of-work', {});
    timings.push(await timePair(url, endpoint, 'named query fields-of-work', '/api/queries/fields-of-work', fow, ['field'], opts));
    const base = params.release.slice(0, params.release.indexOf('id/release/'));
    const writes = await writeCost(url, token, file, base, Math.max(10, opts.reps * 4));
    opts.log(`  writes: ${writes.meanWriteMs} ms each, statistics ${writes.meanApplyMs} ms of it (${(writes.share * 100).toFixed(2)} %)`);
    const rssMb = rssOf(child.pid);
    // What the statistics add to the process: the same data dir served again without them, then with them, each
    // idle after its start (the first server's figures above come from another state: before the writes, with the
    // load's journal). RSS differs by tens of MB between starts of the same thing: read it against that.
    await server.restart({ OSCE_KG_STATS: 'sparql' });
    const withoutMb = await steadyRss(server.child.pid);
    opts.log(`osce-kg: restarted without the statistics (OSCE_KG_STATS=sparql): RSS ${withoutMb} MB idle`);
    await server.restart({});
    const againIdleMb = await steadyRss(server.child.pid);
    for (const [, req] of requests) await statsCall(server.url, `/api/stats?${statsQueryString(req)}`, -2);
    await statsCall(server.url, '/api/queries/fields-of-work', -2);
    const againAskedMb = await steadyRss(server.child.pid);
    const memory = { withIdleMb: againIdleMb, withAskedMb: againAskedMb, withoutMb, growth: Math.round((againAskedMb / withoutMb - 1) * 10000) / 10000,
      firstServer: { withIdleMb, withAskedMb } };
    opts.log(`osce-kg: restarted with the statistics: RSS ${againIdleMb} MB idle, ${againAskedMb} MB once each request was answered: ${(memory.growth * 100).toFixed(1)} % over none`);
    return {
      engine: 'osce-kg-stats', timings, writes, rssMb, memory,
      notes: ['each run misses the result cache; statistics and SPARQL alternate within one server process',
        `SPARQL aggregates run beside the statistics until ${SPARQL_BUDGET_MS / 1000} s were spent on them (at least 3 runs)`],
    };
  } finally {
    await server.stop();
  }
}
