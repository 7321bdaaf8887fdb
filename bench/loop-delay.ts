/**
 * Preloaded into `osce-kg serve` by the upload-stall bench (`NODE_OPTIONS=--import …/loop-delay.js`, LOOP_OUT set):
 * on the HTTP thread only, appends to LOOP_OUT every event-loop delay of LOOP_MIN_MS or more (a 5 ms timer that
 * fired late: the thread was busy or paused for GC) and every GC pause of as long, as JSON lines with the wall clock
 * at their end, so the bench can take the longest of each within an upload. Nothing of the service changes; worker
 * threads inherit the preload and skip it.
 */
import { appendFileSync } from 'node:fs';
import { PerformanceObserver, performance, constants } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';

const out = process.env.LOOP_OUT;
if (isMainThread && out) {
  const minMs = Number(process.env.LOOP_MIN_MS ?? 5);
  const tick = 5;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    const late = now - last - tick;
    if (late >= minMs) appendFileSync(out, `${JSON.stringify({ at: Date.now(), loop: Math.round(late * 10) / 10 })}\n`);
    last = now;
  }, tick);
  timer.unref();
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.duration < minMs) continue;
      const major = ((e as unknown as { detail?: { kind?: number } }).detail)?.kind === constants.NODE_PERFORMANCE_GC_MAJOR;
      appendFileSync(out, `${JSON.stringify({ at: Date.now(), gc: Math.round(e.duration * 10) / 10, major })}\n`);
    }
  }).observe({ entryTypes: ['gc'] });
}
