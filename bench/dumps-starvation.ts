/**
 * What a dump generation costs the queries served beside it: a store of generated releases (bench/generate.ts) with
 * two query workers, a first dump generation started, and meanwhile an `ASK` every 100 ms and the event loop's delay
 * sampled. Reports the generation's time, the longest and median ASK answer time, and the longest event-loop stall.
 * Usage: node dist/bench/dumps-starvation.js [releases=2000]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { Parser } from 'n3';
import { DumpService } from '../src/linked-data/dumps.js';
import { createEmbeddedStore } from '../src/store/embedded-store.js';
import { generate } from './generate.js';

const releases = Number(process.argv[2] ?? 2000);
const dir = mkdtempSync(join(tmpdir(), 'osce-kg-dumps-starvation-'));
try {
  const g = await generate({ releases, seed: 7, base: 'http://localhost:8080/', out: join(dir, 'data.nq') });
  const quads = new Parser({ format: 'N-Quads' }).parse(readFileSync(g.file, 'utf8'));
  const store = createEmbeddedStore({ dataDir: join(dir, 'store'), workers: 2, seed: () => quads });
  await store.open();
  await store.ask('ASK { ?s ?p ?o }');
  const loop = monitorEventLoopDelay({ resolution: 10 });
  const dumps = new DumpService(store, { dir: join(dir, 'dumps'), base: 'http://localhost:8080/' });
  const started = performance.now();
  loop.enable();
  let done = false;
  const generation = dumps.start().finally(() => { done = true; });
  const asks: number[] = [];
  while (!done) {
    const t = performance.now();
    await store.ask('ASK { ?s ?p ?o }');
    asks.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 100));
  }
  await generation;
  loop.disable();
  const seconds = (performance.now() - started) / 1000;
  asks.sort((a, b) => a - b);
  const ms = (x: number | undefined) => `${Math.round(x ?? 0)} ms`;
  console.log(JSON.stringify({
    releases, quads: g.quads, generationS: Number(seconds.toFixed(1)), asks: asks.length,
    askMedian: ms(asks[Math.floor(asks.length / 2)]), askMax: ms(asks.at(-1)),
    eventLoopMaxStall: ms(loop.max / 1e6), eventLoopP99: ms(loop.percentile(99) / 1e6),
    loadavg: loadavg().map((x) => x.toFixed(1)).join(' '),
  }));
  await dumps.stop();
  await store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
