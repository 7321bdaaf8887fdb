/**
 * The write transaction, in the writer replica: the op is applied to the writer's own store (a document is parsed
 * here first), the gate sees the net delta and the pending state on this same store, and the answer is what the
 * calling thread needs to make the write durable and tell its listeners: the summary, the replay record and the
 * encoded journal record. So no quad of a write ever crosses to the thread that answers requests.
 */
import { randomUUID } from 'node:crypto';
import oxigraph from 'oxigraph';
import type { Quad } from '@rdfjs/types';
import { unprocessable } from '../errors.js';
import { applyOp, prepareOp } from './apply-op.js';
import { evaluate, replyError, type EvalRequest } from './evaluate.js';
import { mergeGraphLines, type Pending } from './graph-write.js';
import { encodeRecord } from './journal.js';
import { nquadsLines } from './line-delta.js';
import { rowFromWire } from './local-read.js';
import { DELTA_QUADS, type WireWriteOp, type WriteJob, type WriteOutcome } from './protocol.js';
import { parseUpload } from './rdf-parse.js';
import { recordBytes, recordText } from './record.js';
import { summarize } from './summary.js';
import { fromWire, parseLabelled, toNQuads } from './terms.js';
import type { GateModule, StoreView, WriteGate, WriteOp } from './types.js';

/** Applies a write to the writer's store; the returned Pending has its net delta and can undo it. */
export async function applyWrite(store: oxigraph.Store, op: WireWriteOp): Promise<Pending> {
  switch (op.type) {
    case 'put-graph':
    case 'post-graph': {
      const decoder = new TextDecoder();
      const lines = 'documents' in op ? await documentLines(op) : nquadsLines(op.nquads.map((piece) => decoder.decode(piece)));
      return mergeGraphLines(store, op.graph, lines, op.type === 'put-graph');
    }
    case 'delete-graph':
      return mergeGraphLines(store, op.graph, [], true);
    case 'patch':
      return applyOp(prepareOp({ type: 'patch', delta: { removed: parseLabelled(op.removed), added: parseLabelled(op.added) } } satisfies WriteOp), store);
    case 'update':
      return applyOp(prepareOp(op), store);
  }
}

/**
 * A document's triples as N-Quads lines in the target graph. Its blank nodes get a prefix of their own, so that they
 * never meet a blank node already stored (a parser's labels restart with every process).
 */
async function documentLines(op: Extract<WireWriteOp, { documents: unknown }>): Promise<string[]> {
  const { parts, baseIri, contexts } = op.documents;
  const texts: string[] = [];
  for (const { bytes, mediaType } of parts) {
    texts.push(toNQuads(await parseUpload(bytes, mediaType, op.graph, baseIri, contexts, `u${randomUUID().slice(0, 8)}_`)));
  }
  return nquadsLines(texts);
}

/**
 * Finishes a write applied as `pending`: the gate's verdict (a rejection throws 422 SHACL_VIOLATION with the report;
 * the caller rolls back), then the summary and the records.
 */
export async function concludeWrite(store: oxigraph.Store, pending: Pending, job: WriteJob, quadsBefore: number): Promise<WriteOutcome & { empty: false }> {
  const delta = pending.delta();
  if (job.gate) {
    const rejection = await (await gateOf(job.gate))(delta, viewOf(store));
    if (rejection) throw unprocessable('SHACL_VIOLATION', rejection.message, rejection.report);
  }
  const time = new Date().toISOString();
  const text = pending.record();
  const record = recordBytes(text);
  const small = record.added.byteLength + record.removed.byteLength <= job.journalMaxBytes;
  // copied out of the Buffer: a small Buffer lives in a shared pool, which must not be transferred
  const journal = small ? new Uint8Array(encodeRecord({ ...text, version: job.version, time, removed: recordText(text.removed), added: recordText(text.added) })) : undefined;
  const carried = delta.added.length + delta.removed.length <= DELTA_QUADS;
  return {
    empty: false, summary: summarize(delta), record, journal, time, quads: quadsBefore + delta.added.length - delta.removed.length,
    ...(carried ? { delta: { removed: toNQuads(delta.removed), added: toNQuads(delta.added) } } : {}),
  };
}

const gates = new Map<string, Promise<WriteGate>>();

/** The gate a module makes (once per module and options in this thread). */
function gateOf(module: GateModule): Promise<WriteGate> {
  const key = `${module.url} ${JSON.stringify(module.options ?? null)}`;
  let gate = gates.get(key);
  if (!gate) {
    gate = import(module.url).then((m: { createGate(options: unknown): WriteGate }) => m.createGate(module.options));
    gates.set(key, gate);
  }
  return gate;
}

/** The pending state as the gate reads it (default graph = union). */
function viewOf(store: oxigraph.Store): StoreView {
  const run = (req: EvalRequest) => {
    const reply = evaluate(store, req);
    if (!reply.ok) throw replyError(reply.error);
    return reply;
  };
  return {
    construct: async (query) => {
      const r = run({ mode: 'construct', query, union: true });
      return 'quads' in r ? r.quads.map((w) => fromWire(w) as Quad) : [];
    },
    select: async (query) => {
      const r = run({ mode: 'select', query, union: true });
      return 'rows' in r ? r.rows.map(rowFromWire) : [];
    },
  };
}
