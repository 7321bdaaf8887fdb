/**
 * Preloaded into `osce-kg serve` by `bench/startup-stalls.ts` (`node --import ./dist/bench/loop-probe.js ...`): on the
 * HTTP thread only, logs every event-loop stall longer than PROBE_STALL_MS (wall-clock start, duration) to
 * PROBE_OUT.stalls.jsonl, and records a CPU profile of the thread for PROBE_PROFILE_S seconds (PROBE_OUT.cpuprofile),
 * so the functions that ran during a stall can be named; and logs each job sent to a worker thread and each reply
 * (PROBE_OUT.jobs.jsonl: thread id, job kind, the query's first words, the worker's own ms), so what occupied the
 * query workers at any moment is known. Nothing of the service changes; workers inherit the preload but skip it.
 */
import { isMainThread, Worker } from 'node:worker_threads';
import { appendFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const out = process.env.PROBE_OUT;
if (isMainThread && out) {
  const stallMs = Number(process.env.PROBE_STALL_MS ?? 100);
  const profileS = Number(process.env.PROBE_PROFILE_S ?? 180);
  const tick = 20;
  let last = Date.now();
  const timer = setInterval(() => {
    const now = Date.now();
    const late = now - last - tick;
    if (late > stallMs) appendFileSync(`${out}.stalls.jsonl`, `${JSON.stringify({ at: new Date(last).toISOString(), ms: late })}\n`);
    last = now;
  }, tick);
  timer.unref();
  const jobLog = (entry: Record<string, unknown>) => appendFileSync(`${out}.jobs.jsonl`, `${JSON.stringify({ at: new Date().toISOString(), ...entry })}\n`);
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (this: Worker, msg: unknown, transfer?: never) {
    const m = msg as { type?: string; job?: { kind?: string; req?: { query?: string } } };
    if (m?.type === 'job') jobLog({ thread: this.threadId, ev: 'job', kind: m.job?.kind, q: m.job?.req?.query?.replace(/\s+/g, ' ').slice(0, 140) });
    return post.call(this, msg, transfer);
  };
  const emit = Worker.prototype.emit;
  Worker.prototype.emit = function (this: Worker, name: string | symbol, ...args: unknown[]) {
    const m = args[0] as { type?: string; ms?: number; quads?: number } | undefined;
    if (name === 'message' && (m?.type === 'reply' || m?.type === 'ready')) jobLog({ thread: this.threadId, ev: m.type, ms: m.ms, quads: m.quads });
    return emit.call(this, name, ...args);
  };
  if (profileS > 0) {
    const session = new Session();
    session.connect();
    // the profile's own clock is monotonic: note the wall clock at its start so samples can be put on the timeline
    const startedAt = Date.now();
    session.post('Profiler.setSamplingInterval', { interval: 1000 });
    session.post('Profiler.enable', () => session.post('Profiler.start', () => {
      const stop = setTimeout(() => session.post('Profiler.stop', (err, res) => {
        if (!err) writeFileSync(`${out}.cpuprofile`, JSON.stringify({ ...res.profile, wallStartMs: startedAt }));
        session.disconnect();
      }), profileS * 1000);
      stop.unref();
    }));
  }
}
