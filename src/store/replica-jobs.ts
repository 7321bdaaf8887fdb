/**
 * What a replica (one oxigraph store) does on request: evaluate queries, report its size and graphs, dump a graph,
 * and, on the writer replica, hold one pending write (apply it, let the gate read the pending state, then commit or
 * roll it back) and write snapshots. The same code runs in a query worker (query-worker.ts) and, with `workers: 0`,
 * on the calling thread (local-engine.ts). Jobs and their results are plain data, so they cross `postMessage`.
 */
import oxigraph from 'oxigraph';
import { AppError } from '../errors.js';
import { evaluate, toAppError, type EvalReply, type EvalRequest } from './evaluate.js';
import { engineFault, isEngineFault, storeFull } from './engine-fault.js';
import { applyOp, prepareOp } from './apply-op.js';
import { mergeGraphLines, type DeltaText, type Pending } from './graph-write.js';
import { addNQuads, applyRecord, recordBytes, type ReplayRecord } from './record.js';
import { nquadsLines } from './line-delta.js';
import { graphNQuads, namedGraphs, snapshotChunks } from './local-read.js';
import { graphTerm, parseLabelled, toNQuads } from './terms.js';
import { loadSnapshotFile, storeNQuads, writeFileSynced } from './snapshot-file.js';
import type { GraphName, WriteOp } from './types.js';

/**
 * A write as plain data: graph-store quads travel as UTF-8 N-Quads pieces (labels kept, every quad already in the
 * target graph; bytes, because posting 100 MB of strings built by concatenation held the HTTP thread for a second
 * while they were flattened and copied), a patch as N-Quads.
 */
export type WireWriteOp =
  | { type: 'update'; update: string; unionDefaultGraph: boolean; baseIri?: string }
  | { type: 'put-graph' | 'post-graph'; graph: GraphName; nquads: Uint8Array[] }
  | { type: 'delete-graph'; graph: GraphName }
  | { type: 'patch'; removed: string; added: string };

/** What a new replica is built from: a snapshot (file descriptor or N-Quads pieces), then the records after it. */
export interface ReplicaSeed {
  fd?: number;
  chunks?: string[];
  records: ReplayRecord[];
}

export type Job =
  | { kind: 'eval'; req: EvalRequest }
  | { kind: 'size' }
  | { kind: 'graphs' }
  | { kind: 'dump'; format: string; graphs: GraphName[]; maxChars: number }
  | { kind: 'begin'; op: WireWriteOp }
  | { kind: 'view'; req: EvalRequest }
  | { kind: 'commit' }
  | { kind: 'rollback' }
  | { kind: 'snapshot'; tmp: string }
  | { kind: 'chunks' };

/** The writer's answer to `begin`: the net delta (N-Quads; `addedAll`: exactly the op's quads, in order) and its record. */
export type BeginResult =
  | { empty: true }
  | { empty: false; addedAll: boolean; added: Uint8Array; removed: Uint8Array; record: ReplayRecord; /** Quads after the write. */ quads: number };

/**
 * What a reply hands over instead of copying: a begun write's delta and record, UTF-8 N-Quads (a delta and its record
 * often share their bytes; each buffer is listed once).
 */
export function transferables(reply: JobReply): ArrayBuffer[] {
  const begun = reply.ok ? (reply.value as Partial<BeginResult & { empty: false }> | null) : undefined;
  if (!begun?.record) return [];
  const parts = [begun.added, begun.removed, begun.record.added, begun.record.removed];
  const buffers = new Set<ArrayBuffer>();
  for (const t of parts) if (t instanceof Uint8Array && t.byteLength > 0) buffers.add(t.buffer as ArrayBuffer);
  return [...buffers];
}

/** What a job hands over instead of copying: a graph upload's N-Quads pieces (the HTTP thread has no use for them after). */
export function jobTransferables(job: Job): ArrayBuffer[] {
  if (job.kind !== 'begin' || !('nquads' in job.op)) return [];
  return [...new Set(job.op.nquads.map((piece) => piece.buffer as ArrayBuffer))];
}

export type JobReply =
  | { ok: true; value: unknown }
  /** `fatal`: the engine trapped (engine-fault.ts); this replica must be replaced. */
  | { ok: false; error: { status: number; code: string; message: string; detail?: unknown }; fatal?: true };

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
    // only a write's evaluation awaits (the update evaluator is shared with the external store, whose reads are I/O)
    switch (job.kind) {
      case 'eval':
      case 'view':
        return evaluate(this.store, job.req) satisfies EvalReply;
      case 'size':
        return this.count();
      case 'graphs':
        return namedGraphs(this.store).map((g) => g.value);
      case 'dump':
        return dumpGraphs(this.store, job.format, job.graphs, job.maxChars) satisfies DumpBatch;
      case 'begin':
        return this.begin(job.op);
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

  private async begin(wire: WireWriteOp): Promise<BeginResult> {
    if (this.pending) throw new AppError(500, 'INTERNAL', 'a write is already pending on this replica');
    const before = this.count();
    let incoming = -1;
    let pending: Pending;
    if ('nquads' in wire) {
      const decoder = new TextDecoder();
      const lines = nquadsLines(wire.nquads.map((piece) => decoder.decode(piece)));
      incoming = lines.length;
      pending = mergeGraphLines(this.store, wire.graph, lines, wire.type === 'put-graph');
    } else pending = await applyOp(prepareOp(fromWireOp(wire)), this.store);
    if (pending.empty) return { empty: true };
    this.pending = pending;
    const delta = pending.deltaText?.() ?? textOf(pending);
    const addedAll = incoming === delta.addedCount;
    this.pendingQuads = before + delta.addedCount - delta.removedCount;
    // the delta and the record as UTF-8 bytes (transferred to the HTTP thread); a record that is the net delta shares them
    const text = pending.record();
    const record = recordBytes(text);
    const utf8 = (t: string) => new TextEncoder().encode(t);
    const added = addedAll ? new Uint8Array(0) : delta.added === text.added ? record.added : utf8(delta.added);
    const removed = delta.removed === text.removed ? record.removed : utf8(delta.removed);
    return { empty: false, addedAll, added, removed, record, quads: this.pendingQuads };
  }
}

function textOf(pending: Pending): DeltaText {
  const { added, removed } = pending.delta();
  return { added: toNQuads(added), removed: toNQuads(removed), addedCount: added.length, removedCount: removed.length };
}

function fromWireOp(wire: Exclude<WireWriteOp, { nquads: Uint8Array[] }>): WriteOp {
  return wire.type === 'patch' ? { type: 'patch', delta: { removed: parseLabelled(wire.removed), added: parseLabelled(wire.added) } } : wire;
}

/** The answer to a `dump` job: the serialization of the first `count` graphs of the batch, concatenated. */
export interface DumpBatch {
  text: string;
  count: number;
}

/**
 * Graphs in order until the output reaches `maxChars` (at least one graph): one job serves many small graphs, so a
 * dataset of 100k release graphs costs hundreds of round trips to the worker, not 100k, and one answer stays a few MB.
 */
function dumpGraphs(store: oxigraph.Store, format: string, graphs: readonly GraphName[], maxChars: number): DumpBatch {
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
  return { text: parts.join(''), count };
}
