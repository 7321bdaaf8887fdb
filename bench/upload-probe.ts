/**
 * The other client of the upload-stall bench, in a process of its own (`fork`ed by `uploadStall`, server-engine.ts):
 * asks for `PROBE_URL` every `PROBE_EVERY_MS` and, when its parent says 'stop', sends back how many requests it made
 * and the longest wait. Sent from the uploading process, a probe's wait also counted that process's own event loop
 * and GC pauses (it holds and sends the 16 MB body); here it counts only the network and the server.
 */
import { performance } from 'node:perf_hooks';
import { httpGet } from './http-client.js';

export interface ProbeReport {
  probes: number;
  longestWaitMs: number;
  /** When the longest wait began (ms since the epoch), to be put beside the server's log. */
  longestAt: number;
  errors: number;
}

const url = process.env.PROBE_URL!;
const everyMs = Number(process.env.PROBE_EVERY_MS ?? 20);
const accept = process.env.PROBE_ACCEPT ?? 'text/html';
let stop = false;
process.on('message', (msg) => {
  if (msg === 'stop') stop = true;
});

const report: ProbeReport = { probes: 0, longestWaitMs: 0, longestAt: 0, errors: 0 };
process.send!('ready');
while (!stop) {
  const at = Date.now();
  const t0 = performance.now();
  const res = await httpGet(url, accept, 60_000);
  const ms = performance.now() - t0;
  if (res.error) report.errors++;
  if (ms > report.longestWaitMs) Object.assign(report, { longestWaitMs: ms, longestAt: at });
  report.probes++;
  await new Promise((resolve) => setTimeout(resolve, everyMs));
}
process.send!(report, () => process.exit(0));
