/**
 * `node dist/bench/upload-stall.js [--mb 16] [--runs 3] [--releases 10000] [--data DIR] [--loop-log FILE]`: how long other requests wait
 * while osce-kg takes a graph-store PUT of whole releases (N-Triples, SHACL-validated). The server is loaded with the
 * bench data of `--releases` (generated into `--data` if missing) and started as `osce-kg serve`; each run PUTs about
 * `--mb` MB into a new graph while another process asks for `/dumps` every 20 ms, and reports the longest of those
 * waits; the server's own longest event-loop delay and GC pauses during the PUT (bench/loop-delay.ts, preloaded into
 * it: what the service itself held, apart from the network and the load); and the CPU time the upload cost the thread
 * that answers requests (less dependent on the machine's load). Runs after the first overlap the previous upload's
 * dump regeneration and statistics rebuild.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
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
    /** Keep the server's event-loop and GC log here (JSON lines, wall clock) instead of a temp file. */
    'loop-log': { type: 'string' },
  },
});
const releases = Number(values.releases);
const file = join(values.data!, `releases-${releases}-seed-${values.seed}.nq`);
if (!existsSync(file)) await generate({ releases, seed: Number(values.seed), base: DEFAULT_BASE, out: file });
const log = (line: string) => process.stderr.write(`${line}\n`);
const logDir = mkdtempSync(join(tmpdir(), 'osce-upload-stall-'));
const loopLog = values['loop-log'] ?? join(logDir, 'loop.jsonl');
const preload = new URL('./loop-delay.js', import.meta.url).pathname;
const server = await startServer(file, { reps: 1, timeoutMs: 600_000, connections: 1, throughputSeconds: 1, log },
  { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${preload}`.trim(), LOOP_OUT: loopLog });
try {
  const body = await releaseTriples(file, Number(values.mb), DEFAULT_BASE);
  for (let run = 1; run <= Number(values.runs); run++) {
    const pid = server.child.pid;
    const [main0, all0] = [mainThreadCpuMs(pid) ?? 0, processCpuMs(pid) ?? 0];
    const stat = await uploadStall(server.url, server.token, body, `urn:bench:upload:${run}`, loopLog);
    const [main, all] = [(mainThreadCpuMs(pid) ?? 0) - main0, (processCpuMs(pid) ?? 0) - all0];
    const s = stat.server;
    log(`run ${run}: ${stat.mb} MB (${stat.triples} triples): HTTP ${stat.status} in ${stat.ms} ms; ${stat.probes} probes, ` +
      `longest wait ${stat.longestWaitMs} ms; server's longest event-loop delay ${s?.longestLoopDelayMs} ms, ` +
      `${s?.majorGcs} major GCs, longest GC pause ${s?.longestGcMs} ms; CPU of the HTTP thread ${Math.round(main)} ms, ` +
      `of the process ${Math.round(all)} ms (load average ${loadavg()[0]!.toFixed(1)})`);
  }
} finally {
  await server.stop();
  rmSync(logDir, { recursive: true, force: true });
}
