/**
 * `node dist/bench/upload-stall.js [--mb 16] [--runs 3] [--releases 10000] [--data DIR] [--out PREFIX] [--profile S]`:
 * how long other requests wait while osce-kg takes a graph-store PUT of whole releases (N-Triples, SHACL-validated).
 * The server is loaded with the bench data of `--releases` (generated into `--data` if missing) and started as
 * `osce-kg serve`; each run PUTs about `--mb` MB into a new graph while another process asks for `/dumps` every 20 ms,
 * and reports the longest of those waits; what the server's HTTP thread did during the PUT (bench/loop-probe.ts,
 * preloaded into it): its longest event-loop delay, its longest synchronous span (the thread's own CPU time within one
 * delay), and its GC pauses (number, total, major ones), which the machine's load barely moves; and the CPU time the
 * upload cost that thread. Runs after the first overlap the previous upload's dump regeneration and statistics
 * rebuild. `--out` keeps the probe's files (PREFIX.loop.jsonl, PREFIX.runs.jsonl: each run's start and end, and PREFIX.cpuprofile with `--profile S`: a CPU
 * profile of the HTTP thread's first S seconds).
 */
import { appendFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg, tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import { PATHS } from '../src/model/paths.js';
import { DEFAULT_BASE } from '../src/model/ns.js';
import { generate } from './generate.js';
import { releaseTriples, startServer, uploadStall } from './server-engine.js';
import { mainThreadCpuMs, processCpuMs } from './files.js';

const { values } = parseArgs({
  options: {
    mb: { type: 'string', default: '16' },
    runs: { type: 'string', default: '3' },
    releases: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '42' },
    data: { type: 'string', default: join(PATHS.root, 'var', 'bench') },
    /** Keep the probe's files under this prefix (PREFIX.loop.jsonl, PREFIX.cpuprofile) instead of a temp folder. */
    out: { type: 'string' },
    profile: { type: 'string', default: '0' },
  },
});
const releases = Number(values.releases);
const file = join(values.data!, `releases-${releases}-seed-${values.seed}.nq`);
if (!existsSync(file)) await generate({ releases, seed: Number(values.seed), base: DEFAULT_BASE, out: file });
const log = (line: string) => process.stderr.write(`${line}\n`);
const logDir = mkdtempSync(join(tmpdir(), 'osce-upload-stall-'));
const probeOut = values.out ?? join(logDir, 'probe');
const preload = new URL('./loop-probe.js', import.meta.url).pathname;
const server = await startServer(file, { reps: 1, timeoutMs: 600_000, connections: 1, throughputSeconds: 1, log },
  { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${preload}`.trim(), PROBE_OUT: probeOut, PROBE_PROFILE_S: values.profile! });
try {
  const body = await releaseTriples(file, Number(values.mb), DEFAULT_BASE);
  for (let run = 1; run <= Number(values.runs); run++) {
    const pid = server.child.pid;
    const [main0, all0] = [mainThreadCpuMs(pid) ?? 0, processCpuMs(pid) ?? 0];
    const from = Date.now();
    const stat = await uploadStall(server.url, server.token, body, `urn:bench:upload:${run}`, `${probeOut}.loop.jsonl`);
    appendFileSync(`${probeOut}.runs.jsonl`, `${JSON.stringify({ run, from, to: Date.now() })}\n`);
    const [main, all] = [(mainThreadCpuMs(pid) ?? 0) - main0, (processCpuMs(pid) ?? 0) - all0];
    const s = stat.server;
    log(`run ${run}: ${stat.mb} MB (${stat.triples} triples): HTTP ${stat.status} in ${stat.ms} ms; ${stat.probes} probes, ` +
      `longest wait ${stat.longestWaitMs} ms; server's longest event-loop delay ${s?.longestLoopDelayMs} ms, longest ` +
      `synchronous span ${s?.longestCpuSpanMs} ms; ${s?.gcs} GC pauses (${s?.gcMs} ms), ${s?.majorGcs} major (${s?.majorGcMs} ms), ` +
      `longest ${s?.longestGcMs} ms; CPU of the HTTP thread ${Math.round(main)} ms, ` +
      `of the process ${Math.round(all)} ms (load average ${loadavg()[0]!.toFixed(1)})`);
  }
} finally {
  await server.stop();
  rmSync(logDir, { recursive: true, force: true });
}
