/**
 * Chosen statistics requests of `--engines stats`, served by two builds side by side over copies of one loaded store
 * (a change against its baseline, in the same run), without the SPARQL aggregates, the writes or the memory starts
 * that make the whole statistics bench take ~22 minutes at 100k:
 *
 *   node dist/bench/stats-builds.js --data var/bench --size 100000 --baseline OTHER/dist/src/cli.js \
 *     --store /tmp/stats-store [--only bySpeaker,stateYear] [--rounds 20] [--batch 10]
 *
 * `--store DIR`: a data dir loaded from the bench file; made when it has no `stats-builds-ready` mark (`osce-kg load`, then served once by the
 * baseline until its dumps and search index are made, so that later starts adopt them) and kept for the next run.
 * Each build serves a copy of it. Every call bypasses the result cache (the bench's bearer token, as in
 * `--engines stats`), and /metrics must show one answer computed per call. The builds alternate batch by batch
 * (which goes first alternates too), so both see the same machine; the bodies of both must be byte for byte equal.
 * Prints client and server (`Server-Timing`) ms p50 / p95 per build, the ratios and the load average.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { processCpuMs } from './files.js';
import { send, serverTiming } from './http-client.js';
import type { QueryParams } from './generate.js';
import { statsRequests } from './stats-engine.js';
import { statsQueryString } from '../src/stats/request.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: 'var/bench' }, size: { type: 'string', default: '100000' }, seed: { type: 'string', default: '42' },
    baseline: { type: 'string' }, store: { type: 'string' }, only: { type: 'string' },
    rounds: { type: 'string', default: '20' }, batch: { type: 'string', default: '10' }, 'query-workers': { type: 'string', default: '1' },
  },
});
if (!values.baseline || !values.store) {
  process.stderr.write('usage: node dist/bench/stats-builds.js --baseline OTHER/dist/src/cli.js --store DIR [--data var/bench --size 100000] [--only ID,ID] [--rounds 20 --batch 10]\n');
  process.exit(2);
}
const CLI = resolve(dirname(fileURLToPath(import.meta.url)), '../src/cli.js');
const BASELINE = resolve(values.baseline);
const file = join(values.data!, `releases-${values.size}-seed-${values.seed}.nq`);
const params = (JSON.parse(readFileSync(`${file}.json`, 'utf8')) as { params: QueryParams }).params;
const token = randomBytes(16).toString('hex');
const UNLIMITED = { OSCE_KG_CLIENT_QUERIES: '0', OSCE_KG_ANONYMOUS_QUERIES: '0', OSCE_KG_QUERY_BUDGET: '0' };
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const log = (line: string) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

interface Served {
  name: string;
  child: ChildProcess;
  url: string;
  dir: string;
}

async function serve(name: string, cli: string, dir: string): Promise<Served> {
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', dir, '--query-workers', values['query-workers']!], {
    stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, OSCE_KG_TOKEN: token, ...UNLIMITED },
  });
  const url = await new Promise<string>((ok, fail) => {
    child.once('exit', (code) => fail(new Error(`${name}: serve exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /listening on (\S+)/.exec(line);
      if (m?.[1]) ok(m[1]);
    });
  });
  child.removeAllListeners('exit');
  return { name, child, url, dir };
}

/** Once the dumps are listed and the process used under 5 % of a core in three 2 s windows in a row (at most 20 min). */
async function idle(s: Served): Promise<void> {
  const t0 = performance.now();
  for (;;) {
    const dumps = await send(`${s.url}/dumps/`, { headers: { accept: 'application/json' }, timeoutMs: 30_000 }).catch(() => undefined);
    if (dumps?.status === 200 && ((JSON.parse(dumps.body.toString()) as { dumps?: unknown[] }).dumps?.length ?? 0) > 0) break;
    if (performance.now() - t0 > 1_200_000) throw new Error(`${s.name}: no dumps after 20 minutes`);
    await new Promise((ok) => setTimeout(ok, 2000));
  }
  let last = processCpuMs(s.child.pid) ?? 0;
  for (let quiet = 0; quiet < 3 && performance.now() - t0 < 1_200_000;) {
    await new Promise((ok) => setTimeout(ok, 2000));
    const now = processCpuMs(s.child.pid) ?? 0;
    quiet = now - last < 100 ? quiet + 1 : 0;
    last = now;
  }
  log(`${s.name}: idle after ${Math.round((performance.now() - t0) / 1000)} s (load ${load()})`);
}

async function stop(s: Served): Promise<void> {
  if (s.child.exitCode !== null) return;
  const exited = new Promise((ok) => s.child.once('exit', ok));
  s.child.kill('SIGTERM');
  const timer = setTimeout(() => s.child.kill('SIGKILL'), 60_000);
  await exited;
  clearTimeout(timer);
}

async function answersMade(url: string): Promise<number> {
  const text = (await send(`${url}/metrics`, { timeoutMs: 30_000 })).body.toString();
  return Number(/^osce_kg_stats_answers_made ([0-9.e+-]+)$/m.exec(text)?.[1] ?? NaN);
}

async function call(url: string, path: string): Promise<{ ms: number; serverMs: number; body: Buffer }> {
  const t0 = performance.now();
  const res = await send(`${url}${path}`, { headers: { accept: 'application/json', authorization: `Bearer ${token}` }, timeoutMs: 120_000 });
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status} ${res.body.toString().slice(0, 200)}`);
  if (res.headers['x-cache'] !== undefined) throw new Error(`${path}: X-Cache ${res.headers['x-cache']}: the call should bypass the cache`);
  return { ms, serverMs: serverTiming(res.headers) ?? NaN, body: res.body };
}

const q = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const f2 = (x: number) => x.toFixed(2);

// made once the prepared store's first start stopped: its dumps and search index exist, later starts adopt them
const READY = join(values.store, 'stats-builds-ready');
if (!existsSync(READY)) {
  log(`${values.store}: osce-kg load ${file} (baseline build)`);
  await new Promise<void>((ok, fail) => {
    const child = spawn(process.execPath, [BASELINE, 'load', file, '--data-dir', values.store!, '--empty'], { stdio: 'inherit' });
    child.once('exit', (code) => (code === 0 ? ok() : fail(new Error(`load exited with ${code}`))));
  });
  const first = await serve('first start', BASELINE, values.store);
  await idle(first);
  await stop(first);
  writeFileSync(READY, `${new Date().toISOString()}\n`);
}
const only = values.only?.split(',');
const requests = statsRequests(params).filter(([id]) => !only || only.some((o) => id.startsWith(o)));
const paths = requests.map(([id, req]) => [id, `/api/stats?${statsQueryString(req)}`] as const);
const copies = ['candidate', 'baseline'].map((name) => {
  const dir = mkdtempSync(join(tmpdir(), `osce-stats-builds-${name}-`));
  cpSync(values.store!, dir, { recursive: true });
  return dir;
});
const builds: Served[] = [];
try {
  builds.push(await serve('candidate', CLI, copies[0]!), await serve('baseline', BASELINE, copies[1]!));
  for (const b of builds) await idle(b);
  const rounds = Number(values.rounds);
  const batch = Number(values.batch);
  log(`${requests.length} requests, ${rounds} rounds of ${batch} calls per build, alternating; load ${load()}`);
  const times = new Map(builds.map((b) => [b.name, new Map(paths.map(([id]) => [id, { ms: [] as number[], server: [] as number[] }]))]));
  const made = await Promise.all(builds.map((b) => answersMade(b.url)));
  for (const [id, path] of paths) {
    // content unchanged: both builds send the same bytes
    const [a, b] = [await call(builds[0]!.url, path), await call(builds[1]!.url, path)];
    if (!a.body.equals(b.body)) throw new Error(`${id}: the builds' answers differ (${a.body.length} and ${b.body.length} bytes)`);
    for (const s of builds) for (let i = 0; i < 3; i++) await call(s.url, path);
  }
  for (let r = 0; r < rounds; r++) {
    for (const [id, path] of paths) {
      for (const s of r % 2 === 0 ? builds : [...builds].reverse()) {
        const t = times.get(s.name)!.get(id)!;
        for (let i = 0; i < batch; i++) {
          const c = await call(s.url, path);
          t.ms.push(c.ms);
          t.server.push(c.serverMs);
        }
      }
    }
  }
  const computed = await Promise.all(builds.map(async (b, i) => (await answersMade(b.url)) - made[i]!));
  // per build: 1 compared, 3 warm-up and rounds × batch timed calls of each request, each computed (no cache hit)
  const calls = paths.length * (4 + rounds * batch);
  log(`done; load ${load()}; answers computed: ${builds.map((b, i) => `${b.name} ${computed[i]}`).join(', ')} for ${calls} calls each`);
  if (computed.some((n) => n !== calls)) throw new Error('a call was not computed: some answer came from a cache');
  process.stdout.write('\n| request | bytes | candidate client p50 / p95 | baseline client p50 / p95 | ratio p50 / p95 | candidate server p50 / p95 | baseline server p50 / p95 |\n|---|---:|---:|---:|---:|---:|---:|\n');
  for (const [id, path] of paths) {
    const [c, b] = builds.map((s) => times.get(s.name)!.get(id)!);
    const bytes = (await call(builds[0]!.url, path)).body.length;
    process.stdout.write(`| ${id} | ${bytes} | ${f2(q(c!.ms, 0.5))} / ${f2(q(c!.ms, 0.95))} | ${f2(q(b!.ms, 0.5))} / ${f2(q(b!.ms, 0.95))} | ${f2(q(c!.ms, 0.5) / q(b!.ms, 0.5))} / ${f2(q(c!.ms, 0.95) / q(b!.ms, 0.95))} | ${f2(q(c!.server, 0.5))} / ${f2(q(c!.server, 0.95))} | ${f2(q(b!.server, 0.5))} / ${f2(q(b!.server, 0.95))} |\n`);
  }
} finally {
  for (const b of builds) await stop(b);
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
}
