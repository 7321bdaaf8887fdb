/** The baselines: each loads the same N-Quads file, runs the same queries, and is stopped before the next starts. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { WorkerEngine } from './engine-client.js';
import { processCpuMs } from './files.js';
import { httpQuery } from './http-client.js';
import { measureQueries, round, type EngineResult } from './measure.js';
import type { BenchQuery } from './queries.js';
import { throughput } from './throughput.js';
import { startVirtuoso, stopVirtuoso, virtuosoRssMb } from './virtuoso.js';

export interface RunOptions {
  reps: number;
  /** Fast queries run until this much time was spent (see measure.ts). */
  minMs?: number;
  /** Untimed warm-up runs take this long first, so every engine is measured in its steady state (measure.ts). */
  warmupMs?: number;
  timeoutMs: number;
  connections: number;
  throughputSeconds: number;
  log: (line: string) => void;
}

/** The lookup query as a GET URL, for autocannon. */
export function lookupUrl(endpoint: string, queries: BenchQuery[]): string {
  const lookup = queries.find((q) => q.id === 'lookup');
  return `${endpoint}?query=${encodeURIComponent(lookup?.text ?? '')}`;
}

export async function runWorker(kind: 'oxigraph' | 'comunica', file: string, queries: BenchQuery[], opts: RunOptions):
  Promise<EngineResult> {
  const engine = new WorkerEngine(kind);
  engine.start(kind === 'comunica' ? 16384 : undefined);
  try {
    opts.log(`${kind}: loading`);
    const loaded = await engine.load(file, 3_600_000);
    opts.log(`${kind}: ${loaded.quads} quads in ${round(loaded.ms)} ms, RSS ${loaded.rssMb} MB`);
    let rss = loaded.rssMb;
    let reloads = 0;
    const stats = await measureQueries(queries, opts, async (q) => {
      if (!engine.alive) {
        // A query past the cap was killed with its process: reload (a few times at most) for the next query.
        if (reloads++ >= 2) return { ms: 0, error: 'skipped: engine killed after repeated timeouts' };
        opts.log(`${kind}: reloading after a killed query`);
        engine.start(kind === 'comunica' ? 16384 : undefined);
        await engine.load(file, 3_600_000);
      }
      const res = await engine.query(q.text, q.kind, opts.timeoutMs);
      rss = Math.max(rss, res.rssMb);
      return res;
    }, opts.log);
    return { engine: kind === 'oxigraph' ? 'oxigraph-inprocess' : 'comunica-n3', loadMs: round(loaded.ms), quads: loaded.quads, rssMb: rss, queries: stats };
  } finally {
    engine.stop();
  }
}

/** Starts a child that prints one JSON line when ready; resolves with that object. */
export async function startChild(args: string[], capMs: number): Promise<{ child: ChildProcess; ready: Record<string, unknown> }> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const ready = await new Promise<Record<string, unknown>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args[0]} not ready within ${capMs} ms`)), capMs);
    child.once('exit', (code) => reject(new Error(`${args[0]} exited with ${code}`)));
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(JSON.parse(line) as Record<string, unknown>);
    });
  });
  child.removeAllListeners('exit');
  return { child, ready };
}

/** The bare server's constant answer (`/floor`): what any answer over HTTP costs at least, a cache hit included. */
const HTTP_FLOOR: BenchQuery = {
  id: 'http-floor', question: 'a constant answer over HTTP, nothing evaluated', kind: 'select', analytical: false, text: 'SELECT ?x WHERE {}',
};

/** The bare server (bare-server.ts) over `file`, once it has loaded the data. */
export async function startBare(file: string, opts: RunOptions): Promise<{ child: ChildProcess; ready: Record<string, unknown>; endpoint: string }> {
  opts.log('bare oxigraph server: loading');
  const script = new URL('./bare-server.js', import.meta.url).pathname;
  const { child, ready } = await startChild([script, file], 3_600_000);
  return { child, ready, endpoint: `http://127.0.0.1:${String(ready.port)}/sparql` };
}

export async function runBare(file: string, queries: BenchQuery[], opts: RunOptions): Promise<EngineResult> {
  const { child, ready, endpoint } = await startBare(file, opts);
  try {
    const cpu = (): number | undefined => processCpuMs(child.pid);
    const stats = await measureQueries(queries, opts, (q) => httpQuery(endpoint, q.text, q.kind, opts.timeoutMs), opts.log, cpu);
    const floorUrl = `http://127.0.0.1:${String(ready.port)}/floor`;
    Object.assign(stats, await measureQueries([HTTP_FLOOR], opts, (q) => httpQuery(floorUrl, q.text, q.kind, opts.timeoutMs), opts.log, cpu));
    const lookup = await throughput(lookupUrl(endpoint, queries), { connections: opts.connections, seconds: opts.throughputSeconds, headers: { accept: 'application/sparql-results+json' } });
    opts.log(`  lookup throughput: ${lookup.requestsPerSec} req/s`);
    const rss = (await (await fetch(`http://127.0.0.1:${String(ready.port)}/stats`)).json()) as { rssMb: number };
    return { engine: 'oxigraph-bare-http', loadMs: round(Number(ready.loadMs)), quads: Number(ready.quads), rssMb: Math.round(rss.rssMb), queries: stats, throughput: { lookup } };
  } finally {
    child.kill('SIGKILL');
  }
}

export async function runVirtuoso(file: string, graph: string, queries: BenchQuery[], opts: RunOptions): Promise<EngineResult> {
  opts.log('virtuoso: starting and bulk loading');
  const handle = await startVirtuoso(file, graph);
  try {
    opts.log(`virtuoso: loaded in ${round(handle.loadMs)} ms`);
    const stats = await measureQueries(queries, opts, (q) => httpQuery(handle.endpoint, q.text, q.kind, opts.timeoutMs), opts.log,
      () => processCpuMs(handle.pid));
    const lookup = await throughput(lookupUrl(handle.endpoint, queries), { connections: opts.connections, seconds: opts.throughputSeconds, headers: { accept: 'application/sparql-results+json' } });
    opts.log(`  lookup throughput: ${lookup.requestsPerSec} req/s`);
    return {
      engine: 'virtuoso-http', loadMs: round(handle.loadMs), rssMb: virtuosoRssMb(handle.dir), queries: stats, throughput: { lookup },
      notes: ['load time = scripts/virtuoso.sh load (copy to the load dir + ld_dir + rdf_loader_run + checkpoint)'],
    };
  } finally {
    await stopVirtuoso(handle);
  }
}
