/**
 * A replica: one oxigraph store and the jobs it runs (protocol.ts): evaluate queries, report its size and graphs,
 * dump graphs, and, on the writer replica, hold one pending write (writer.ts) until it is committed or rolled back,
 * and write snapshots. The same code runs in a query worker (query-worker.ts) and, with `workers: 0`, on the calling
 * thread (local-engine.ts).
 */
import oxigraph from 'oxigraph';
import { AppError } from '../errors.js';
import { evaluate, toAppError, type EvalReply, type EvalRequest } from './evaluate.js';
import { engineFault, isEngineFault, storeFull } from './engine-fault.js';
import { graphTerm, type WireTerm } from './terms.js';
import type { Pending } from './graph-write.js';
import { addNQuads, applyRecord, type ReplayRecord } from './record.js';
import { graphNQuads, namedGraphs, snapshotChunks } from './local-read.js';
import { loadSnapshotFile, storeNQuads, writeFileSynced } from './snapshot-file.js';
import type { Job, JobReply, ReplicaSeed, WriteJob, WriteOutcome } from './protocol.js';
import { applyWrite, concludeWrite } from './writer.js';
import type { GraphName, ReduceModule } from './types.js';

export function buildReplica(seed: ReplicaSeed): oxigraph.Store {
  const store = new oxigraph.Store();
  try {
    if (seed.fd !== undefined) loadSnapshotFile(store, seed.fd);
    for (const chunk of seed.chunks ?? []) addNQuads(store, chunk, true);
    for (const record of seed.records) applyRecord(store, record);
  } catch (e) {
    throw isEngineFault(e) ? storeFull(e) : e;
  }
  return store;
}

/** One replica and the write it may hold. */
export class Replica {
  private pending: Pending | undefined;
  /**
   * The quad count, counted once and then kept from the net deltas of the writes begun here: oxigraph's `size` walks
   * every quad, so counting on every write made its latency grow with the store (docs/decisions/0010-write-path.md).
   */
  private quads: number | undefined;
  private pendingQuads: number | undefined;

  constructor(readonly store: oxigraph.Store) {}

  /** The quad count (counted on first use). */
  count(): number {
    return (this.quads ??= this.store.size);
  }

  /** Whether a write is pending here (applied, neither committed nor rolled back): the writer is not replaced then. */
  get holding(): boolean {
    return this.pending !== undefined;
  }

  /** Applies a write committed elsewhere (a broadcast record); the count is taken again when next needed. */
  applyRecord(record: ReplayRecord): void {
    applyRecord(this.store, record);
    this.recount();
  }

  /** The store was changed past this replica's writes (a bulk load): count again when next needed. */
  recount(): void {
    this.quads = undefined;
  }

  async run(job: Job): Promise<JobReply> {
    try {
      return { ok: true, value: await this.value(job) };
    } catch (e) {
      const fatal = isEngineFault(e);
      const err = fatal ? engineFault(job, e) : toAppError(e);
      const error = { status: err.status, code: err.code, message: err.message, detail: err.detail };
      return fatal ? { ok: false, error, fatal } : { ok: false, error };
    }
  }

  private value(job: Job): unknown {
    switch (job.kind) {
      case 'eval':
        return job.req.reduce ? reduced(this.store, job.req, job.req.reduce) : evaluate(this.store, job.req) satisfies EvalReply;
      case 'size':
        return this.count();
      case 'graphs':
        return namedGraphs(this.store).map((g) => g.value);
      case 'dump':
        return dumpGraphs(this.store, job.format, job.graphs, job.maxChars, job.bytes) satisfies DumpBatch;
      case 'write':
        return this.write(job);
      case 'commit':
        if (this.pending) this.quads = this.pendingQuads;
        this.pending = undefined;
        return null;
      case 'rollback':
        this.pending?.rollback();
        this.pending = undefined;
        return null;
      case 'snapshot': // the caller renames it into place: a writer that dies before replying leaves only a temp file
        writeFileSynced(job.tmp, storeNQuads(this.store));
        return null;
      case 'chunks':
        return snapshotChunks(this.store, namedGraphs(this.store));
    }
  }

  /** Applies a write and holds it pending; a rejected or failed one is rolled back before the answer. */
  private async write(job: WriteJob): Promise<WriteOutcome> {
    if (this.pending) throw new AppError(500, 'INTERNAL', 'a write is already pending on this replica');
    const before = this.count();
    const pending = await applyWrite(this.store, job.op);
    if (pending.empty) return { empty: true };
    try {
      const outcome = await concludeWrite(this.store, pending, job, before);
      this.pending = pending;
      this.pendingQuads = outcome.quads;
      return outcome;
    } catch (e) {
      if (!isEngineFault(e)) pending.rollback(); // a trapped engine is thrown away with its replica
      throw e;
    }
  }
}

type Reducer = { reduceRows(rows: Record<string, WireTerm>[], options: unknown): Uint8Array };
/** The modules of `reduce` jobs, imported once per thread. */
const reducers = new Map<string, Promise<Reducer>>();

/** A SELECT whose rows a module turns into bytes here, so the thread that asked never holds (or converts) them. */
async function reduced(store: oxigraph.Store, req: EvalRequest, reduce: ReduceModule): Promise<EvalReply> {
  const reply = evaluate(store, { ...req, mode: 'select', reduce: undefined });
  if (!reply.ok || !('rows' in reply)) return reply;
  let module = reducers.get(reduce.url);
  if (!module) reducers.set(reduce.url, (module = import(reduce.url) as Promise<Reducer>));
  return { ok: true, bytes: (await module).reduceRows(reply.rows, reduce.options) };
}

/**
 * The answer to a `dump` job: the serialization of the first `count` graphs of the batch, concatenated, as text or
 * (when the job asks for bytes) as UTF-8 bytes, which cross to the asking thread by transfer and leave no string there.
 */
export type DumpBatch = { text: string; count: number } | { bytes: Uint8Array; count: number };

/**
 * Graphs in order until the output reaches `maxChars` (at least one graph): one job serves many small graphs, so a
 * dataset of 100k release graphs costs hundreds of round trips to the worker, not 100k, and one answer stays a few MB.
 */
function dumpGraphs(store: oxigraph.Store, format: string, graphs: readonly GraphName[], maxChars: number, bytes = false): DumpBatch {
  const parts: string[] = [];
  let length = 0;
  let count = 0;
  for (const graph of graphs) {
    if (count > 0 && length >= maxChars) break;
    const g = graphTerm(graph);
    const text = format === 'application/n-quads' ? graphNQuads(store, g) : store.dump({ format, from_graph_name: g });
    parts.push(text);
    length += text.length;
    count++;
  }
  const text = parts.join('');
  return bytes ? { bytes: new TextEncoder().encode(text), count } : { text, count };
}
