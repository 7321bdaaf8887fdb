/**
 * A child process holding one in-process engine (oxigraph, or Comunica over an n3 Store), so its memory is measured
 * alone and a runaway query can be killed. Protocol over IPC: {load} → {loaded}, {query} → {result}.
 *   node dist/bench/engine-worker.js oxigraph|comunica
 */
import { createReadStream } from 'node:fs';
import { performance } from 'node:perf_hooks';
import oxigraph from 'oxigraph';
import { QueryEngine } from '@comunica/query-sparql';
import { StreamParser, Store as N3Store } from 'n3';
import type { Quad, Term } from '@rdfjs/types';
import { fileChunks, fingerprint, rssMb } from './files.js';
import type { EngineRequest, EngineResponse, QueryOutcome } from './engine-protocol.js';

interface Engine {
  load(file: string): Promise<number>;
  query(text: string, kind: 'select' | 'construct', timeoutMs: number): Promise<string[]>;
}

const termString = (t: Term | undefined): string => (t ? t.value : '');
const quadString = (q: Quad): string => `${q.subject.value} ${q.predicate.value} ${q.object.value}`;

function oxigraphEngine(): Engine {
  const store = new oxigraph.Store();
  return {
    async load(file) {
      store.load(fileChunks(file), { format: 'application/n-quads', no_transaction: true });
      return store.size;
    },
    async query(text, kind) {
      const result = store.query(text, { use_default_graph_as_union: true });
      if (!Array.isArray(result)) return [String(result)];
      if (kind === 'construct') return (result as Quad[]).map(quadString);
      return (result as Map<string, Term>[]).map((row) => [...row.values()].map(termString).sort().join('\t'));
    },
  };
}

function comunicaEngine(): Engine {
  const store = new N3Store();
  const engine = new QueryEngine();
  const context = { sources: [store], unionDefaultGraph: true };
  return {
    async load(file) {
      const parser = createReadStream(file).pipe(new StreamParser({ format: 'N-Quads' }));
      for await (const q of parser) store.addQuad(q as Quad);
      return store.size;
    },
    async query(text, kind, timeoutMs) {
      const stream = kind === 'construct' ? await engine.queryQuads(text, context) : await engine.queryBindings(text, context);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          stream.destroy();
          reject(new Error('TIMEOUT'));
        }, timeoutMs);
      });
      try {
        const items = await Promise.race([stream.toArray(), timeout]);
        if (kind === 'construct') return (items as Quad[]).map(quadString);
        return (items as unknown as { values(): Iterable<Term> }[]).map((b) =>
          [...b.values()].map(termString).sort().join('\t'));
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

async function handle(engine: Engine, msg: EngineRequest): Promise<EngineResponse> {
  if (msg.type === 'load') {
    const t0 = performance.now();
    const quads = await engine.load(msg.file);
    return { type: 'loaded', ms: performance.now() - t0, quads, rssMb: rssMb() };
  }
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let outcome: QueryOutcome;
  try {
    const rows = await engine.query(msg.text, msg.kind, msg.timeoutMs);
    const cpu = process.cpuUsage(c0);
    outcome = { ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000, rows: rows.length, fingerprint: fingerprint(rows) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    outcome = message === 'TIMEOUT' ? { ms: msg.timeoutMs, timeout: true } : { ms: performance.now() - t0, error: message };
  }
  return { type: 'result', ...outcome, rssMb: rssMb() };
}

const kind = process.argv[2];
const engine = kind === 'comunica' ? comunicaEngine() : kind === 'oxigraph' ? oxigraphEngine() : undefined;
if (!engine || !process.send) {
  process.stderr.write('usage: (forked) engine-worker.js oxigraph|comunica\n');
  process.exit(2);
}
process.on('message', (msg: EngineRequest) => {
  handle(engine, msg).then(
    (res) => process.send?.(res),
    (error: unknown) => process.send?.({ type: 'result', ms: 0, error: String(error), rssMb: rssMb() }),
  );
});
