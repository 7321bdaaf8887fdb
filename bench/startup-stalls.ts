/**
 * `node dist/bench/startup-stalls.js --data-dir DIR [--seconds 240] [--out var/startup/run]`: what a client sees in
 * the minutes after `osce-kg serve` starts over a loaded store (e.g. `osce-kg load --data-dir DIR
 * var/bench/releases-100000-seed-42.nq`). The server runs with `bench/loop-probe.ts` preloaded (event-loop delays and
 * GC pauses of the HTTP thread, its CPU profile, the jobs sent to the worker threads); this client asks a fresh `ASK` every 500 ms
 * (the text differs each time, so no cache answers it) and `/health` every second, and notes the load average.
 * Everything goes to OUT.* files; `--summary` prints the waits, the stalls and what the workers ran meanwhile.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { PATHS } from '../src/model/paths.js';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    seconds: { type: 'string', default: '240' },
    out: { type: 'string', default: join(PATHS.root, 'var', 'startup', 'run') },
    port: { type: 'string', default: '18911' },
    'profile-seconds': { type: 'string', default: '180' },
  },
});
const out = values.out!;
mkdirSync(dirname(out), { recursive: true });
const t0 = Date.now();
const rel = () => ((Date.now() - t0) / 1000).toFixed(1);
const log = (file: string, entry: Record<string, unknown>) =>
  appendFileSync(`${out}.${file}.jsonl`, `${JSON.stringify({ at: new Date().toISOString(), t: Number(rel()), ...entry })}\n`);

const cli = join(PATHS.root, 'dist', 'src', 'cli.js');
const probe = join(PATHS.root, 'dist', 'bench', 'loop-probe.js');
const port = values.port!;
const child = spawn(process.execPath, ['--import', probe, cli, 'serve', '--port', port, '--data-dir', values['data-dir']!,
  '--query-timeout', '600', '--client-queries', '0', '--anonymous-queries', '0', '--query-budget', '0'], {
  env: { ...process.env, PROBE_OUT: out, PROBE_PROFILE_S: values['profile-seconds'], PROBE_JOBS: '1' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
for (const stream of [child.stdout, child.stderr]) stream.on('data', (b: Buffer) => log('server', { line: b.toString().trim() }));
const url = `http://127.0.0.1:${port}`;
const end = t0 + Number(values.seconds) * 1000;

async function timed(path: string, init?: RequestInit): Promise<{ status: number; ms: number; body?: string; error?: string }> {
  const start = performance.now();
  try {
    const res = await fetch(`${url}${path}`, init);
    const body = await res.text();
    return { status: res.status, ms: Math.round(performance.now() - start), body };
  } catch (e) {
    return { status: 0, ms: Math.round(performance.now() - start), error: (e as Error).message };
  }
}

let n = 0;
const inflight = new Set<Promise<unknown>>();
const asks = setInterval(() => {
  const i = n++;
  const sent = rel();
  const query = `ASK { FILTER(${i} >= 0) }`;
  const p = timed(`/sparql?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/sparql-results+json' } })
    .then((r) => r.status !== 0 && log('ask', { i, sent: Number(sent), status: r.status, ms: r.ms, body: r.status === 200 ? undefined : r.body?.slice(0, 200) }));
  inflight.add(p);
  void p.finally(() => inflight.delete(p));
}, 500);
const health = setInterval(() => {
  void timed('/health').then((r) => {
    let saturation: unknown;
    try { saturation = r.body ? (JSON.parse(r.body) as { saturation?: unknown }).saturation : undefined; } catch { /* not JSON */ }
    if (r.status !== 0) log('health', { status: r.status, ms: r.ms, saturation });
  });
}, 1000);
const load = setInterval(() => log('load', { loadavg: loadavg().map((x) => Number(x.toFixed(2))) }), 10_000);
log('load', { loadavg: loadavg().map((x) => Number(x.toFixed(2))) });

await new Promise((resolve) => setTimeout(resolve, end - Date.now()));
clearInterval(asks);
clearInterval(health);
clearInterval(load);
child.kill('SIGINT');
const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
await new Promise((resolve) => child.once('exit', resolve));
clearTimeout(killer);
process.stderr.write(`done after ${rel()} s; ${n} ASKs sent; files ${out}.*\n`);
if (existsSync(`${out}.ask.jsonl`)) {
  const rows = readFileSync(`${out}.ask.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { sent: number; ms: number; status: number });
  const ok = rows.filter((r) => r.status === 200);
  process.stderr.write(`answered ${rows.length} (${ok.length} with 200); first answer sent at ${ok[0]?.sent} s; longest wait ${Math.max(...rows.map((r) => r.ms))} ms\n`);
}
process.exit(0);
