/**
 * Two builds of osce-kg side by side (a change against its baseline), on the built-in data: result-cache hits, 304s
 * and misses through the HTTP front, measured in alternating batches so that both builds see the same machine.
 *
 *   node dist/bench/builds-paired.js --baseline OTHER/dist/src/cli.js [--rounds 30] [--batch 50] [--serve-args '...']
 *
 * Both are measured once their start-up work (dumps, search index) is done and they are idle. `--serve-args` are
 * given to both `serve` commands (for example `--spin-ms 0` on builds that spin, so CPU counts only the work).
 * Prints, per request, the median client time, the median `Server-Timing` and the server process's CPU per request
 * (all threads) of each build, and the ratios. On a shared machine the CPU figure is the steadier one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { median, processCpuMs } from './files.js';
import { send, serverTiming } from './http-client.js';

interface Build {
  name: string;
  child: ChildProcess;
  url: string;
  dataDir: string;
}

/** One loopback client measuring throughput: the anonymous usage limits (decision 0016) are off. */
const UNLIMITED = { OSCE_KG_CLIENT_QUERIES: '0', OSCE_KG_ANONYMOUS_QUERIES: '0', OSCE_KG_QUERY_BUDGET: '0' };

async function start(name: string, cli: string, extra: string[]): Promise<Build> {
  const dataDir = mkdtempSync(join(tmpdir(), `osce-paired-${name}-`));
  const args = [cli, 'serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir, ...extra];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...UNLIMITED } });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${name}: serve exited with ${code}`)));
    lines.on('line', (line) => {
      const m = /listening on (\S+)/.exec(line);
      if (m?.[1]) resolve(m[1]);
    });
  });
  child.removeAllListeners('exit');
  return { name, child, url, dataDir };
}

/** Resolves once the process used under 50 ms of CPU in each of three 1 s windows in a row (its start-up work done). */
async function idle(b: Build): Promise<void> {
  let quiet = 0;
  let last = processCpuMs(b.child.pid) ?? 0;
  for (let i = 0; i < 300 && quiet < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const now = processCpuMs(b.child.pid) ?? 0;
    quiet = now - last < 50 ? quiet + 1 : 0;
    last = now;
  }
}

async function stop(b: Build): Promise<void> {
  const exited = new Promise((resolve) => b.child.once('exit', resolve));
  b.child.kill('SIGTERM');
  const timer = setTimeout(() => b.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
  rmSync(b.dataDir, { recursive: true, force: true });
}

const LOOKUP = 'SELECT ?name WHERE { <http://localhost:8080/id/country/at> <http://schema.org/name> ?name }';
const FORM = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/sparql-results+json' };

interface Case {
  id: string;
  /** One request; `n` makes a request unique where the case must miss the cache. */
  request(url: string, n: number, etag: string | undefined): Parameters<typeof send>;
  /** The status every run must have. */
  status: number;
}

const CASES: Case[] = [
  { id: 'hit: GET /sparql?query=', status: 200, request: (url) => [`${url}/sparql?query=${encodeURIComponent(LOOKUP)}`, { headers: { accept: FORM.accept }, timeoutMs: 30_000 }] },
  { id: 'hit: POST /sparql form', status: 200, request: (url) => [`${url}/sparql`, { method: 'POST', headers: FORM, body: new URLSearchParams({ query: LOOKUP }).toString(), timeoutMs: 30_000 }] },
  { id: 'hit: GET /doc (Turtle)', status: 200, request: (url) => [`${url}/doc/country/at`, { headers: { accept: 'text/turtle' }, timeoutMs: 30_000 }] },
  { id: 'hit: GET /doc If-None-Match (304)', status: 304, request: (url, _n, etag) => [`${url}/doc/country/at`, { headers: { accept: 'text/turtle', 'if-none-match': etag ?? '*' }, timeoutMs: 30_000 }] },
  { id: 'miss: POST /sparql form (lookup)', status: 200, request: (url, n) => [`${url}/sparql`, { method: 'POST', headers: FORM, body: new URLSearchParams({ query: `${LOOKUP}\n# run ${n}` }).toString(), timeoutMs: 30_000 }] },
  { id: 'miss: GET /sparql?query= (lookup)', status: 200, request: (url, n) => [`${url}/sparql?query=${encodeURIComponent(`${LOOKUP}\n# run ${n}`)}`, { headers: { accept: FORM.accept }, timeoutMs: 30_000 }] },
  { id: 'miss: GET /doc (Turtle)', status: 200, request: (url, n) => [`${url}/doc/country/at?run=${n}`, { headers: { accept: 'text/turtle' }, timeoutMs: 30_000 }] },
];

interface Sample {
  client: number[];
  server: number[];
  /** CPU ms of the server process over the timed batches, and their requests. */
  cpuMs: number;
  requests: number;
}

async function batch(b: Build, c: Case, size: number, counter: { n: number }, etag: string | undefined, into: Sample): Promise<void> {
  const cpu0 = processCpuMs(b.child.pid) ?? 0;
  for (let i = 0; i < size; i++) {
    const t0 = performance.now();
    const res = await send(...c.request(b.url, counter.n++, etag));
    const ms = performance.now() - t0;
    if (res.status !== c.status) throw new Error(`${b.name} ${c.id}: HTTP ${res.status} ${res.body.toString('utf8').slice(0, 200)}`);
    into.client.push(ms);
    const st = serverTiming(res.headers);
    if (st !== undefined) into.server.push(st);
  }
  into.cpuMs += (processCpuMs(b.child.pid) ?? 0) - cpu0;
  into.requests += size;
}

const empty = (): Sample => ({ client: [], server: [], cpuMs: 0, requests: 0 });

interface Stat {
  client: number;
  server: number;
  cpu: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { baseline: { type: 'string' }, rounds: { type: 'string', default: '30' }, batch: { type: 'string', default: '50' }, 'serve-args': { type: 'string', default: '' } } });
  if (!values.baseline) throw new Error('usage: node dist/bench/builds-paired.js --baseline OTHER/dist/src/cli.js [--rounds 30] [--batch 50]');
  const current = new URL('../src/cli.js', import.meta.url).pathname;
  const extra = values['serve-args'].split(' ').filter(Boolean);
  const builds = [await start('baseline', values.baseline, extra), await start('current', current, extra)];
  // a search answers once the index is built; then wait for quiet
  for (const b of builds) await send(`${b.url}/search?q=vienna`, { headers: { accept: 'application/json' }, timeoutMs: 300_000 });
  for (const b of builds) await idle(b);
  const rounds = Number(values.rounds);
  const size = Number(values.batch);
  try {
    const etags = await Promise.all(builds.map(async (b) => String((await send(`${b.url}/doc/country/at`, { headers: { accept: 'text/turtle' }, timeoutMs: 30_000 })).headers.etag)));
    const counter = { n: 0 };
    console.log('| request | client ms, baseline / current | ratio | Server-Timing ms | CPU ms per request | ratio |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const c of CASES) {
      const samples: Sample[] = builds.map(empty);
      // warm-up (V8 compiles both request paths), then rounds in alternating order
      for (const [i, b] of builds.entries()) await batch(b, c, size * 4, counter, etags[i], empty());
      for (let r = 0; r < rounds; r++) {
        const order = r % 2 === 0 ? [0, 1] : [1, 0];
        for (const i of order) await batch(builds[i]!, c, size, counter, etags[i], samples[i]!);
      }
      const [a, b] = samples.map((s) => ({ client: median(s.client), server: s.server.length > 0 ? median(s.server) : NaN, cpu: s.cpuMs / s.requests })) as [Stat, Stat];
      const f = (x: number) => x.toFixed(3);
      console.log(`| ${c.id} | ${f(a.client)} / ${f(b.client)} | ${(b.client / a.client).toFixed(2)} | ${f(a.server)} / ${f(b.server)} | ${f(a.cpu)} / ${f(b.cpu)} | ${(b.cpu / a.cpu).toFixed(2)} |`);
    }
  } finally {
    await Promise.all(builds.map(stop));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
