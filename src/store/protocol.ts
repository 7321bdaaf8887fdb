/**
 * The one message protocol between the store (on the calling thread) and its replicas (query-worker.ts, or
 * local-engine.ts on the calling thread): jobs and their replies, committed writes, what a new replica starts from,
 * and how a write op and its gate become such data. Everything here is plain data, so it crosses `postMessage`; large
 * N-Quads travel as UTF-8 bytes by transfer, never as strings (deserializing a large string holds the receiving thread).
 */
import type { EvalRequest } from './evaluate.js';
import { documentsOf } from './rdf-parse.js';
import type { ReplayRecord } from './record.js';
import { summaryTransferables } from './summary.js';
import type { ChangeSummary, GateModule, GraphName, WriteGate, WriteOp } from './types.js';
import { graphTerm, regraph, toNQuads } from './terms.js';

/** What a new replica is built from: a snapshot (file descriptor or N-Quads pieces), then the records after it. */
export interface ReplicaSeed {
  fd?: number;
  chunks?: string[];
  records: ReplayRecord[];
  /** Tests only (pool.ts PoolOptions.holdRecords): a committed record waits while its first element is not 0. */
  holdRecords?: Int32Array;
}

/** One document's bytes, gathered in pieces of our own, and its media type. */
export interface WireDocument {
  bytes: Uint8Array[];
  mediaType: string;
}

/**
 * A write as the writer takes it. Quads given by the caller travel as UTF-8 N-Quads (blank node labels kept); a
 * document (a Graph Store request body) travels as its bytes, parsed by the writer (blank nodes fresh per document).
 */
export type WireWriteOp =
  | { type: 'update'; update: string; unionDefaultGraph: boolean; baseIri?: string }
  | { type: 'put-graph' | 'post-graph'; graph: GraphName; nquads: Uint8Array[] }
  | { type: 'put-graph' | 'post-graph'; graph: GraphName; documents: { parts: WireDocument[]; baseIri: string; contexts?: Readonly<Record<string, unknown>> } }
  | { type: 'delete-graph'; graph: GraphName }
  | { type: 'patch'; removed: string; added: string };

/**
 * One write transaction on the writer: apply `op`, let `gate` (loaded in the writer) see the delta and the pending
 * state, and answer with the summary, the replay record and the journal record of `version` (encoded, unless its
 * N-Quads pass `journalMaxBytes`: the store then takes a snapshot instead). The write stays pending until `commit` or
 * `rollback`; a rejected or failed write is rolled back before the answer.
 */
export interface WriteJob {
  kind: 'write';
  op: WireWriteOp;
  version: number;
  gate?: GateModule;
  journalMaxBytes: number;
}

/** The writer's answer to a write job. */
export type WriteOutcome =
  | { empty: true }
  | {
    empty: false;
    summary: ChangeSummary;
    /** What the other replicas apply (UTF-8 N-Quads, in shared memory: record.ts recordBytes). */
    record: ReplayRecord & { removed: Uint8Array; added: Uint8Array };
    /** The journal record, encoded (journal.ts), when the write is small enough to be journaled. */
    journal?: Uint8Array;
    /** ISO time of the write. */
    time: string;
    /** Quads after the write. */
    quads: number;
    /** The net delta as N-Quads text, for a write of at most DELTA_QUADS quads (listeners may want its quads). */
    delta?: { removed: string; added: string };
  };

/** Writes of at most this many quads carry their delta to the calling thread (ChangeEvent.delta). */
export const DELTA_QUADS = 10_000;

export type Job =
  | { kind: 'eval'; req: EvalRequest }
  | { kind: 'size' }
  | { kind: 'graphs' }
  /** `bytes`: the batch comes back as UTF-8 bytes (by transfer) instead of a string. */
  | { kind: 'dump'; format: string; graphs: GraphName[]; maxChars: number; bytes?: boolean }
  | WriteJob
  | { kind: 'commit' }
  | { kind: 'rollback' }
  | { kind: 'snapshot'; tmp: string }
  | { kind: 'chunks' };

export type JobReply =
  | { ok: true; value: unknown }
  /** `fatal`: the engine trapped (engine-fault.ts); this replica must be replaced. */
  | { ok: false; error: { status: number; code: string; message: string; detail?: unknown }; fatal?: true };

/** What the store posts to a worker. */
export type ToWorker =
  | { type: 'job'; job: Job }
  /** A write committed on the writer, for the other replicas. */
  | { type: 'record'; record: ReplayRecord };

/** What a worker posts: once loaded, then one reply per job and one `applied` per record, in order. */
export type FromWorker =
  /** `memory`: the worker's memory outside the JS heap, bytes (WebAssembly's, which never shrinks). */
  /** `heap`: the worker's JS heap in use, bytes (what its results and their conversion take until collected). */
  | { type: 'ready'; quads: number; memory: number; heap: number }
  /** `ms`: how long the job ran on the worker; `pending`: a write is pending on its replica after the job. */
  | { type: 'reply'; reply: JobReply; memory: number; heap: number; ms: number; pending: boolean }
  | { type: 'applied' };

/** What a job hands over instead of copying: a write's bytes (the calling thread has no use for them after). */
export function jobTransferables(job: Job): ArrayBuffer[] {
  if (job.kind !== 'write') return [];
  const op = job.op;
  const pieces = 'nquads' in op ? op.nquads : 'documents' in op ? op.documents.parts.flatMap((d) => d.bytes) : [];
  return unique(pieces);
}

/** What a reply hands over instead of copying: a write's summary and record, a reduced SELECT's or a dump batch's bytes. */
export function replyTransferables(reply: JobReply): ArrayBuffer[] {
  const bytes = reply.ok ? (reply.value as { bytes?: unknown } | null)?.bytes : undefined;
  if (bytes instanceof Uint8Array) return unique([bytes]); // a reduced SELECT or a dump batch (replica.ts)
  const outcome = reply.ok ? (reply.value as Partial<WriteOutcome & { empty: false }> | null) : undefined;
  if (!outcome?.summary || !outcome.record) return [];
  const { record, journal } = outcome;
  return [...summaryTransferables(outcome.summary), ...unique([record.added, record.removed, ...(journal ? [journal] : [])])];
}

/** The distinct buffers of `pieces` that can be transferred (a shared one crosses by reference anyway). */
function unique(pieces: readonly Uint8Array[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const p of pieces) if (p.byteLength > 0 && p.buffer instanceof ArrayBuffer) buffers.add(p.buffer);
  return [...buffers];
}

/** A write as the writer takes it: quads as N-Quads bytes, a document's bytes gathered (the writer parses them). */
export async function wireOp(op: WriteOp): Promise<WireWriteOp> {
  switch (op.type) {
    case 'put-graph':
    case 'post-graph': {
      if ('body' in op) {
        const { baseIri, contexts } = op.body;
        // one document after the other: a form's next part is read once the one before has been
        const parts: WireDocument[] = [];
        for await (const doc of documentsOf(op.body)) parts.push({ bytes: await gather(doc.chunks, doc.length), mediaType: doc.mediaType });
        return { type: op.type, graph: op.graph, documents: { parts, baseIri, ...(contexts ? { contexts } : {}) } };
      }
      const g = graphTerm(op.graph);
      return { type: op.type, graph: op.graph, nquads: [new TextEncoder().encode(toNQuads(op.quads.map((q) => regraph(q, g))))] };
    }
    case 'patch':
      return { type: 'patch', removed: toNQuads(op.delta.removed), added: toNQuads(op.delta.added) };
    case 'update':
      return { type: 'update', update: op.update, unionDefaultGraph: op.unionDefaultGraph, ...(op.baseIri ? { baseIri: op.baseIri } : {}) };
    case 'delete-graph':
      return op;
  }
}

/**
 * Pieces of our own (a request's chunks may share a pooled buffer, so they cannot be transferred), each byte copied
 * once as its chunk arrives: the first piece is small, each next one twice as large, up to PIECE_BYTES, so a small
 * body costs a small buffer and a large one no copy of megabytes at a time on the thread that answers requests. A
 * body whose `length` is known goes into one buffer of that size (one allocation, handed to the writer whole); if
 * more bytes come than announced, they go on in pieces.
 */
const FIRST_PIECE_BYTES = 64 << 10;
const PIECE_BYTES = 8 << 20;

async function gather(chunks: AsyncIterable<Uint8Array>, length?: number): Promise<Uint8Array[]> {
  const pieces: Uint8Array[] = [];
  let next = length && length > 0 ? length : FIRST_PIECE_BYTES;
  let piece: Uint8Array | undefined; // allocated when a byte needs it (a body that fills its last piece asks no more)
  let at = 0;
  for await (const chunk of chunks) {
    for (let from = 0; from < chunk.byteLength;) {
      piece ??= new Uint8Array(next);
      const n = Math.min(chunk.byteLength - from, piece.byteLength - at);
      piece.set(chunk.subarray(from, from + n), at);
      at += n;
      from += n;
      if (at === piece.byteLength) {
        pieces.push(piece);
        next = Math.min(PIECE_BYTES, piece.byteLength * 2);
        piece = undefined;
        at = 0;
      }
    }
  }
  if (piece && at > 0) pieces.push(piece.subarray(0, at));
  return pieces;
}

/** Where the writer finds the gate; a gate without a module cannot run there. */
export function gateModule(gate: WriteGate | undefined): GateModule | undefined {
  if (!gate) return undefined;
  if (!gate.module) throw new Error('the embedded store runs its gate in the writer replica: give a gate with a module (WriteGate.module)');
  return gate.module;
}
