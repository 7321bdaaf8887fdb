/**
 * `node dist/bench/dump-gc.js --data-dir DIR [--dist OTHER/dist] [--workers 2]`: what one dump generation (the four
 * dump files of the store in DIR, e.g. made by `osce-kg load`) costs the thread that answers requests: its busy time,
 * its GC pauses (major ones apart) and its longest event-loop delay, while a dump worker encodes and the query workers
 * serialize. `--dist` measures another build's store and dump service (its `dist` folder), so two builds can be run
 * one after the other on the same data (decision 0037). The store is only read; the dump files go to a temp folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { constants, performance, PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    dist: { type: 'string', default: new URL('..', import.meta.url).pathname },
    workers: { type: 'string', default: '2' },
  },
});
if (!values['data-dir']) throw new Error('usage: dump-gc --data-dir DIR [--dist OTHER/dist] [--workers 2]');
const dist = resolve(values.dist!);
const load = async <T>(path: string) => (await import(pathToFileURL(join(dist, path)).href)) as T;
type Store = { open(): Promise<void>; size(): Promise<number>; close(): Promise<void> };
const { createEmbeddedStore } = await load<{ createEmbeddedStore(o: { dataDir: string; workers: number }): Store }>('src/store/embedded-store.js');
const { DumpService } = await load<{ DumpService: new (s: Store, o: { dir: string; base: string; debounceMs: number }) => {
  start(): Promise<void>; settled(): Promise<void>; stop(): Promise<void>; generations: number } }>('src/linked-data/dumps.js');

const store = createEmbeddedStore({ dataDir: values['data-dir'], workers: Number(values.workers) });
await store.open();
await store.size(); // every replica loaded before the clock starts
const dir = mkdtempSync(join(tmpdir(), 'osce-dump-gc-'));
const gcs: { ms: number; major: boolean }[] = [];
let measuring = false;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const kind = (e as unknown as { detail?: { kind?: number } }).detail?.kind;
    if (measuring) gcs.push({ ms: e.duration, major: kind === constants.NODE_PERFORMANCE_GC_MAJOR });
  }
}).observe({ entryTypes: ['gc'] });
let longestDelay = 0;
let last = performance.now();
const timer = setInterval(() => {
  const now = performance.now();
  if (measuring) longestDelay = Math.max(longestDelay, now - last - 5);
  last = now;
}, 5);
try {
  const elu0 = performance.eventLoopUtilization();
  const t0 = performance.now();
  measuring = true;
  const dumps = new DumpService(store, { dir, base: 'https://example.org/', debounceMs: 0 });
  await dumps.start();
  await dumps.settled();
  measuring = false;
  const wall = performance.now() - t0;
  const busy = performance.eventLoopUtilization(elu0).active;
  await dumps.stop();
  const major = gcs.filter((g) => g.major);
  const sum = (xs: { ms: number }[]) => Math.round(xs.reduce((a, g) => a + g.ms, 0));
  process.stdout.write(`${dist}: one generation in ${(wall / 1000).toFixed(1)} s (${dumps.generations} published); HTTP thread busy ` +
    `${Math.round(busy)} ms; GC pauses ${gcs.length} (${sum(gcs)} ms), major ${major.length} (${sum(major)} ms), longest ` +
    `${Math.max(0, ...gcs.map((g) => g.ms)).toFixed(1)} ms; longest event-loop delay ${longestDelay.toFixed(1)} ms ` +
    `(load average ${loadavg()[0]!.toFixed(1)})\n`);
} finally {
  clearInterval(timer);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
