/**
 * Preloaded into `osce-kg serve` by the benches that watch its HTTP thread (`--import …/dist/bench/loop-probe.js`,
 * PROBE_OUT set: `upload-stall.ts`, `startup-stalls.ts`). On the HTTP thread only (workers inherit the preload and
 * skip it), appends to PROBE_OUT.loop.jsonl, as JSON lines stamped with the wall clock at their end (`at`, ms since
 * the epoch):
 * - every event-loop delay of PROBE_MIN_MS (5) or more (`loop`: how late a 5 ms timer fired) with the CPU time the
 *   thread itself ran meanwhile (`cpu`) and waited for a core (`wait`), from /proc schedstat: a long `cpu` is a
 *   synchronous span of the service's own (GC included), a long `wait` the machine's load, and the rest the thread
 *   blocked (on GC helper threads, a lock, synchronous I/O);
 * - every GC pause (`gc` ms, `major`), so their number and total can be counted, which the machine's load barely moves,
 *   with the JS heap in use and the external memory (MB) just after it;
 * With PROBE_PROFILE_S > 0, records a CPU profile of the thread for that many seconds (PROBE_OUT.cpuprofile, with the
 * wall clock at its start) so the functions that ran during a delay can be named; with PROBE_JOBS=1, logs each job sent
 * to a worker thread and each reply (PROBE_OUT.jobs.jsonl: thread id, job kind, the query's first words, the worker's
 * own ms). Nothing of the service changes.
 */
import { appendFileSync, openSync, readSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { constants, PerformanceObserver, performance } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { isMainThread, Worker } from 'node:worker_threads';

/** One line of PROBE_OUT.loop.jsonl. */
export type LoopEntry = { at: number; loop: number; cpu?: number; wait?: number }
  | { at: number; gc: number; major: boolean; heap?: number; external?: number };

const out = process.env.PROBE_OUT;
if (isMainThread && out) {
  const loopLog = `${out}.loop.jsonl`;
  const write = (entry: LoopEntry) => appendFileSync(loopLog, `${JSON.stringify(entry)}\n`);
  watchLoop(write, Number(process.env.PROBE_MIN_MS ?? 5));
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const major = (e as unknown as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR;
      const heap = getHeapStatistics();
      write({ at: Date.now(), gc: round(e.duration), major, heap: mb(heap.used_heap_size), external: mb(heap.external_memory) });
    }
  }).observe({ entryTypes: ['gc'] });
  if (process.env.PROBE_JOBS === '1') logJobs(`${out}.jobs.jsonl`);
  const profileS = Number(process.env.PROBE_PROFILE_S ?? 0);
  if (profileS > 0) profile(`${out}.cpuprofile`, profileS);
}

const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** A 5 ms timer; each time it fires late by `minMs` or more, the delay and the thread's own CPU time meanwhile. */
function watchLoop(write: (entry: LoopEntry) => void, minMs: number): void {
  // schedstat: ns this thread has run, and ns it waited for a core (the main thread's id is the process id)
  const fd = openSync(`/proc/self/task/${process.pid}/schedstat`, 'r');
  const buf = Buffer.alloc(96);
  const sched = () => buf.toString('latin1', 0, readSync(fd, buf, 0, buf.length, 0)).split(' ').slice(0, 2).map((ns) => Number(ns) / 1e6);
  const tick = 5;
  let last = performance.now();
  let [lastCpu, lastWait] = sched() as [number, number];
  const timer = setInterval(() => {
    const now = performance.now();
    const [cpu, wait] = sched() as [number, number];
    const late = now - last - tick;
    if (late >= minMs) write({ at: Date.now(), loop: round(late), cpu: round(cpu - lastCpu), wait: round(wait - lastWait) });
    last = now;
    [lastCpu, lastWait] = [cpu, wait];
  }, tick);
  timer.unref();
}

function logJobs(file: string): void {
  const log = (entry: Record<string, unknown>) => appendFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), ...entry })}\n`);
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (this: Worker, msg: unknown, transfer?: never) {
    const m = msg as { type?: string; job?: { kind?: string; req?: { query?: string } } };
    if (m?.type === 'job') log({ thread: this.threadId, ev: 'job', kind: m.job?.kind, q: m.job?.req?.query?.replace(/\s+/g, ' ').slice(0, 140) });
    return post.call(this, msg, transfer);
  };
  const emit = Worker.prototype.emit;
  Worker.prototype.emit = function (this: Worker, name: string | symbol, ...args: unknown[]) {
    const m = args[0] as { type?: string; ms?: number; quads?: number } | undefined;
    if (name === 'message' && (m?.type === 'reply' || m?.type === 'ready')) log({ thread: this.threadId, ev: m.type, ms: m.ms, quads: m.quads });
    return emit.call(this, name, ...args);
  };
}

function profile(file: string, seconds: number): void {
  const session = new Session();
  session.connect();
  // the profile's own clock is monotonic: the wall clock at its start puts samples on the timeline
  const startedAt = Date.now();
  session.post('Profiler.setSamplingInterval', { interval: 1000 });
  let done = false;
  // at the deadline or when the service exits before it (a bench's server stopped at its end), whichever is first
  const end = () => {
    if (done) return;
    done = true;
    session.post('Profiler.stop', (err, res) => {
      if (!err) writeFileSync(file, JSON.stringify({ ...res.profile, wallStartMs: startedAt }));
      session.disconnect();
    });
  };
  session.post('Profiler.enable', () => session.post('Profiler.start', () => setTimeout(end, seconds * 1000).unref()));
  process.once('exit', end);
}
