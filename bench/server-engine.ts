/**
 * osce-kg itself, as a user runs it: `osce-kg load FILE` into a fresh data dir, then `osce-kg serve`. Measured three
 * ways: SPARQL queries that miss the result cache (a comment makes each run's text unique), the same queries
 * repeated (cache hits), and the linked-data / named-query paths, plus throughput, update latency, and how long other
 * requests wait while a large graph is uploaded.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { lookupUrl, type RunOptions } from './engines.js';
import { median, processCpuMs } from './files.js';
import type { QueryParams } from './generate.js';
import { httpGet, httpQuery, send } from './http-client.js';
import { measureQueries, round, roundFine, type EngineResult, type QueryStat } from './measure.js';
import type { BenchQuery } from './queries.js';
import { throughput } from './throughput.js';
import type { ProbeReport } from './upload-probe.js';
import type { LoopEntry } from './loop-probe.js';

const CLI = new URL('../src/cli.js', import.meta.url).pathname;
/** The size of the graph upload that other requests wait through. */
const UPLOAD_MB = 16;

function runCli(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
    child.on('exit', (code) => (code === 0 ? resolve(performance.now() - t0) : reject(new Error(`osce-kg ${args[0]}: ${err}`))));
  });
}

/**
 * The bench is one loopback client measuring throughput against engines without usage limits: the anonymous limits
 * (docs/decisions/0016-usage-limits.md) are off, or its load would measure 429s.
 */
export const UNLIMITED = { OSCE_KG_CLIENT_QUERIES: '0', OSCE_KG_ANONYMOUS_QUERIES: '0', OSCE_KG_QUERY_BUDGET: '0' };

async function serve(dataDir: string, token: string, timeoutS: number, env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string; ms: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data-dir', dataDir, '--query-timeout', String(timeoutS)], {
    stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, OSCE_KG_TOKEN: token, ...UNLIMITED, ...env },
  });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`osce-kg serve exited with ${code}`)));
    lines.on('line', (line) => {
      const m = /listening on (\S+)/.exec(line);
      if (m?.[1]) resolve(m[1]);
    });
  });
  child.removeAllListeners('exit');
  return { child, url, ms: performance.now() - t0 };
}

export function rssOf(pid: number | undefined): number | undefined {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return Number.isFinite(kb) ? Math.round(kb / 1024) : undefined;
  } catch {
    return undefined;
  }
}

/** GET paths a browser, crawler or client library uses, timed uncached (first) and cached (median of repeats). */
async function pathStats(url: string, p: QueryParams, reps: number): Promise<Record<string, QueryStat & { firstMs?: number }>> {
  const key = p.release.slice(p.release.indexOf('/id/release/') + '/id/release/'.length);
  const paths: [string, string, string][] = [
    ['document-turtle', `/doc/release/${key}`, 'text/turtle'],
    ['document-jsonld', `/doc/release/${key}`, 'application/ld+json'],
    ['document-html', `/doc/release/${key}`, 'text/html'],
    ['named-query', `/api/queries/press-releases?field=${encodeURIComponent(p.field)}&limit=20`, 'application/json'],
    ['void', '/.well-known/void', 'text/turtle'],
  ];
  const out: Record<string, QueryStat & { firstMs?: number }> = {};
  for (const [id, path, accept] of paths) {
    const first = await httpGet(`${url}${path}`, accept, 60_000);
    const times: number[] = [];
    const server: number[] = [];
    for (let i = 0; i < reps && !first.error; i++) {
      const res = await httpGet(`${url}${path}`, accept, 60_000);
      times.push(res.ms);
      if (res.serverMs !== undefined) server.push(res.serverMs);
    }
    out[id] = first.error ? { medianMs: null, runs: 0, error: first.error } : {
      medianMs: round(median(times)), runs: times.length, firstMs: round(first.ms), rows: first.bytes,
      ...(server.length > 0 ? { serverMs: roundFine(median(server)) } : {}),
    };
  }
  return out;
}

/** SPARQL Update latency: small INSERT DATA into a scratch graph (durable: journal fsync before the answer). */
async function updateLatency(url: string, token: string, n: number): Promise<QueryStat> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await send(`${url}/sparql`, {
      method: 'POST', timeoutMs: 60_000,
      headers: { 'content-type': 'application/sparql-update', authorization: `Bearer ${token}` },
      body: `INSERT DATA { GRAPH <urn:bench:scratch> { <urn:bench:s${i}> <urn:bench:p> "${i}" } }`,
    });
    if (res.status >= 300) return { medianMs: null, runs: i, error: `HTTP ${res.status}: ${res.body.toString().slice(0, 200)}` };
    times.push(performance.now() - t0);
  }
  return { medianMs: round(median(times)), runs: n };
}

/** What a graph upload costs, and what it costs everyone else: the longest wait of a cheap request meanwhile. */
export interface UploadStat {
  mb: number;
  triples: number;
  /** The PUT's HTTP status; 0 when it got no answer. */
  status: number;
  ms: number;
  /** A request answered without the store (the `/dumps` redirect), sent every 20 ms during the upload by another process. */
  probes: number;
  longestWaitMs: number;
  /**
   * From the server's own log (bench/loop-probe.ts, when it was preloaded), during the PUT: the longest delay of its
   * HTTP thread's event loop, the most CPU that thread ran within one delay (a synchronous span, GC included), and its
   * GC pauses (all, and the major ones: number and total ms; the longest of any kind).
   */
  server?: { longestLoopDelayMs: number; longestCpuSpanMs: number; gcs: number; gcMs: number; majorGcs: number; majorGcMs: number; longestGcMs: number };
}

/**
 * PUTs `body` into a new graph (`graph`) while another process asks for `/dumps` every 20 ms (bench/upload-probe.ts:
 * in this process, a probe's wait would include this process's own pauses while it sends 16 MB). With `loopLog`, the
 * server's event-loop delays and GC pauses during the PUT are read from that file (bench/loop-probe.ts).
 */
export async function uploadStall(url: string, token: string, body: { text: string; triples: number }, graph = 'urn:bench:upload',
  loopLog?: string): Promise<UploadStat> {
  const probe = fork(new URL('./upload-probe.js', import.meta.url), [], {
    env: { ...process.env, PROBE_URL: `${url}/dumps`, PROBE_EVERY_MS: '20', PROBE_ACCEPT: 'text/html' }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const report = new Promise<ProbeReport>((resolve, reject) => {
    probe.on('message', (msg) => { if (msg !== 'ready') resolve(msg as ProbeReport); });
    probe.once('exit', (code) => reject(new Error(`the probe process exited with ${code} before its report`)));
  });
  report.catch(() => undefined);
  await new Promise<void>((resolve) => probe.once('message', () => resolve()));
  const from = Date.now();
  const t0 = performance.now();
  const status = await send(`${url}/graph-store?graph=${encodeURIComponent(graph)}`, {
    method: 'PUT', timeoutMs: 600_000, body: body.text,
    headers: { 'content-type': 'application/n-triples', authorization: `Bearer ${token}` },
  }).then((res) => res.status, () => 0); // 0: no answer (reported, not thrown)
  const ms = performance.now() - t0;
  const to = Date.now();
  probe.send('stop');
  const { probes, longestWaitMs } = await report;
  return {
    mb: round(Buffer.byteLength(body.text) / 1e6), triples: body.triples, status, ms: round(ms), probes, longestWaitMs: round(longestWaitMs),
    ...(loopLog ? { server: serverPauses(loopLog, from, to) } : {}),
  };
}

/** What the server's HTTP thread logged between `from` and `to` (ms since the epoch): see `UploadStat.server`. */
function serverPauses(log: string, from: number, to: number): NonNullable<UploadStat['server']> {
  const lines = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
  const during = lines.map((l) => JSON.parse(l) as LoopEntry).filter((e) => e.at >= from && e.at <= to);
  const loops = during.flatMap((e) => ('loop' in e ? [e] : []));
  const gcs = during.flatMap((e) => ('gc' in e ? [e] : []));
  const major = gcs.filter((e) => e.major);
  const total = (xs: { gc: number }[]) => Math.round(xs.reduce((a, e) => a + e.gc, 0));
  return {
    longestLoopDelayMs: Math.max(0, ...loops.map((e) => e.loop)),
    longestCpuSpanMs: Math.max(0, ...loops.map((e) => e.cpu ?? 0)),
    gcs: gcs.length, gcMs: total(gcs), majorGcs: major.length, majorGcMs: total(major),
    longestGcMs: Math.max(0, ...gcs.map((e) => e.gc)),
  };
}

/**
 * Whole releases from the bench data as N-Triples, about `mb` MB (their graph labels dropped): what a curator uploads
 * in one graph-store PUT.
 */
export async function releaseTriples(file: string, mb: number, base: string): Promise<{ text: string; triples: number }> {
  const releaseGraph = `<${base}graph/release/`;
  const lines: string[] = [];
  let bytes = 0;
  let current: string | undefined;
  for await (const line of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    const at = line.lastIndexOf(releaseGraph);
    if (at < 0) continue;
    const graph = line.slice(at, -2);
    if (graph !== current && bytes >= mb * 1e6) break;
    current = graph;
    lines.push(`${line.slice(0, at)}.`);
    bytes += line.length - graph.length;
  }
  return { text: `${lines.join('\n')}\n`, triples: lines.length };
}

/**
 * Waits until the endpoint answers a trivial query (the server may listen before its query workers hold the data):
 * ms from spawning `serve` to the first answer.
 */
async function firstAnswer(endpoint: string, listenMs: number, opts: RunOptions): Promise<number> {
  const t0 = performance.now() - listenMs;
  for (let i = 0; i < 60; i++) {
    const res = await httpQuery(endpoint, `ASK { ?s ?p ?o } # ready ${i}`, 'select', 30_000);
    if (!res.error && !res.timeout) return performance.now() - t0;
    opts.log(`osce-kg: not answering yet (${res.error ?? 'timeout'})`);
  }
  throw new Error('osce-kg serve did not answer a query within 30 minutes');
}

/**
 * Resolves once the server lists its dumps and answers a search (both are built in the background after a start),
 * or after `maxMs`. Each probe has its own short timeout and a probe that times out is asked again: `/dumps/` is held
 * until the first dumps are generated (routes/linked-data.ts), which after a 100k load took 13 minutes at a load
 * average of 15 and more than 15 at 30–35, where the single request's 900 s timeout ended the whole stats engine
 * ("stats: failed: timeout", the server "not answering") before any statistic was measured.
 */
async function backgroundDone(url: string, maxMs: number, opts: RunOptions): Promise<void> {
  const t0 = performance.now();
  const probe = (path: string, accept: string) => send(`${url}${path}`, { headers: { accept }, timeoutMs: 30_000 }).catch(() => undefined);
  while (performance.now() - t0 < maxMs) {
    const dumps = await probe('/dumps/', 'application/json');
    const listed = dumps?.status === 200 && ((JSON.parse(dumps.body.toString()) as { dumps?: unknown[] }).dumps?.length ?? 0) > 0;
    if (listed && (await probe('/search?q=osce', 'text/html'))?.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  opts.log(`osce-kg: dumps or search index not ready after ${Math.round(maxMs / 1000)} s; measuring anyway`);
}

/**
 * Waits (at most `maxMs`) until the server's process is idle: after a start it builds its search index and dumps
 * in the background, and that CPU would otherwise be counted against the first queries. That work has quiet phases,
 * so the dumps must be listed and three 2 s windows in a row must each use under 5 % of a core.
 */
async function waitIdle(url: string, pid: number | undefined, maxMs: number, opts: RunOptions): Promise<number> {
  const t0 = performance.now();
  await backgroundDone(url, maxMs, opts);
  let last = processCpuMs(pid) ?? 0;
  let quiet = 0;
  while (performance.now() - t0 < maxMs) {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const now = processCpuMs(pid) ?? 0;
    quiet = now - last < 100 ? quiet + 1 : 0;
    if (quiet === 3) return performance.now() - t0;
    last = now;
  }
  opts.log(`osce-kg: still busy after ${maxMs} ms of waiting; measuring anyway`);
  return performance.now() - t0;
}

/** A running osce-kg over a store loaded from the bench's file, idle (its background work done); `stop` removes it all. */
export interface ServerHandle {
  child: ChildProcess;
  url: string;
  endpoint: string;
  token: string;
  /** The data dir it serves (removed by `stop`). */
  dataDir: string;
  loadMs: number;
  listenMs: number;
  firstAnswerMs: number;
  idleMs: number;
  /** Stops the server and serves the same data dir again with `env` added, once it is idle (child and url change). */
  restart(env: Record<string, string>): Promise<void>;
  stop(): Promise<void>;
}

/** `osce-kg load FILE` into a fresh data dir, then `osce-kg serve` on it, as a user runs them; resolves once it is idle. */
export async function startServer(file: string, opts: RunOptions, env: Record<string, string> = {}): Promise<ServerHandle> {
  const dataDir = mkdtempSync(join(tmpdir(), 'osce-bench-store-'));
  const token = randomBytes(16).toString('hex');
  let child: ChildProcess | undefined;
  const end = async (): Promise<void> => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child?.kill('SIGKILL'), 10_000); // a clean close may wait for background work
      await exited;
      clearTimeout(timer);
    }
  };
  const stop = async (): Promise<void> => {
    await end();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    opts.log('osce-kg: osce-kg load');
    const loadMs = await runCli(['load', file, '--data-dir', dataDir, '--empty']);
    const started = await serve(dataDir, token, opts.timeoutMs / 1000, env);
    child = started.child;
    const endpoint = `${started.url}/sparql`;
    const firstAnswerMs = await firstAnswer(endpoint, started.ms, opts);
    const idleMs = await waitIdle(started.url, child.pid, 900_000, opts);
    opts.log(`osce-kg: loaded in ${round(loadMs)} ms, listening after ${round(started.ms)} ms, first query answered after ${round(firstAnswerMs)} ms`);
    const handle: ServerHandle = {
      child, url: started.url, endpoint, token, dataDir, loadMs, listenMs: started.ms, firstAnswerMs, idleMs, stop,
      restart: async (env) => {
        await end();
        const again = await serve(dataDir, token, opts.timeoutMs / 1000, env);
        child = again.child;
        Object.assign(handle, { child, url: again.url, endpoint: `${again.url}/sparql` });
        await firstAnswer(handle.endpoint, again.ms, opts);
        await waitIdle(again.url, child.pid, 900_000, opts);
      },
    };
    return handle;
  } catch (error) {
    await stop();
    throw error;
  }
}

export async function runServer(file: string, queries: BenchQuery[], params: QueryParams, opts: RunOptions): Promise<EngineResult[]> {
  const server = await startServer(file, opts);
  try {
    const { child, url, endpoint, token, loadMs, listenMs, firstAnswerMs, idleMs } = server;
    opts.log('osce-kg: queries (cache missed)');
    let run = 0;
    const cpu = (): number | undefined => processCpuMs(child.pid);
    const uncached = await measureQueries(queries, opts,
      (q) => httpQuery(endpoint, `${q.text}\n# bench run ${run++}`, q.kind, opts.timeoutMs), opts.log, cpu);
    opts.log('osce-kg: queries repeated (cache hits)');
    const cached = await measureQueries(queries, opts, (q) => httpQuery(endpoint, q.text, q.kind, opts.timeoutMs), opts.log, cpu);
    const paths = await pathStats(url, params, opts.reps);
    // a path may start background work (the VoID statistics): throughput is measured once the server is quiet again
    await waitIdle(url, child.pid, 120_000, opts);
    const key = params.release.slice(params.release.indexOf('/id/release/') + 12);
    const t = (url: string, accept: string) => throughput(url, { connections: opts.connections, seconds: opts.throughputSeconds, headers: { accept } });
    const tp = {
      lookup: await t(lookupUrl(endpoint, queries), 'application/sparql-results+json'),
      document: await t(`${url}/doc/release/${key}`, 'text/turtle'),
      namedQuery: await t(`${url}/api/queries/press-releases?field=${encodeURIComponent(params.field)}&limit=20`, 'application/json'),
    };
    opts.log(`  throughput req/s: lookup ${tp.lookup.requestsPerSec}, document ${tp.document.requestsPerSec}, named query ${tp.namedQuery.requestsPerSec}`);
    const update = await updateLatency(url, token, Math.max(3, opts.reps * 2));
    const rssMb = rssOf(child.pid);
    // last: the upload grows the store (and the RSS)
    const upload = await uploadStall(url, token, await releaseTriples(file, UPLOAD_MB, params.release.slice(0, params.release.indexOf('id/release/'))));
    opts.log(`  upload of ${upload.mb} MB: HTTP ${upload.status} in ${upload.ms} ms; longest wait of another request meanwhile ${upload.longestWaitMs} ms`);
    const common = { loadMs: round(loadMs), rssMb };
    return [
      { engine: 'osce-kg-server', ...common, queries: { ...uncached, update }, throughput: tp, upload,
        restartMs: round(listenMs), firstAnswerMs: round(firstAnswerMs),
        notes: [`restart: listening after ${round(listenMs)} ms, first SPARQL answer after ${round(firstAnswerMs)} ms, background work (search index, dumps) done ${round(idleMs)} ms later`, 'queries with a unique comment per run: every run misses the result cache'] },
      { engine: 'osce-kg-cached', queries: { ...cached, ...paths }, notes: ['the same request repeated: result-cache hits (paths: first request uncached, median of the repeats)'] },
    ];
  } finally {
    await server.stop();
  }
}
