/**
 * osce-kg against the bare server side by side (the comparison the performance goal is stated in): both loaded from
 * the same file and running at once, each query measured in alternating batches (measure.ts, `measurePaired`).
 * Every run's text carries a unique comment, for both: osce-kg's result cache misses, and both parse the same bytes.
 */
import { startBare, type RunOptions } from './engines.js';
import { processCpuMs } from './files.js';
import { httpQuery } from './http-client.js';
import { measurePaired, type EngineResult } from './measure.js';
import type { BenchQuery } from './queries.js';
import { startServer } from './server-engine.js';

export async function runPaired(file: string, queries: BenchQuery[], opts: RunOptions): Promise<EngineResult[]> {
  opts.log('paired: the bare server and osce-kg running side by side, runs in alternating batches');
  const bare = await startBare(file, opts);
  try {
    const server = await startServer(file, opts);
    try {
      let run = 0;
      const text = (q: BenchQuery): string => `${q.text}\n# paired run ${run++}`;
      const [a, b] = await measurePaired(queries, opts, [
        { run: (q) => httpQuery(bare.endpoint, text(q), q.kind, opts.timeoutMs), cpu: () => processCpuMs(bare.child.pid) },
        { run: (q) => httpQuery(server.endpoint, text(q), q.kind, opts.timeoutMs), cpu: () => processCpuMs(server.child.pid) },
      ], opts.log);
      const note = 'measured side by side with the other paired engine, in alternating batches (bench/paired.ts)';
      return [
        { engine: 'oxigraph-bare-http-paired', queries: a, notes: [note] },
        { engine: 'osce-kg-paired', queries: b, notes: [note, 'queries with a unique comment per run: every run misses the result cache'] },
      ];
    } finally {
      await server.stop();
    }
  } finally {
    bare.child.kill('SIGKILL');
  }
}
