/**
 * A write crosses to the writer replica as text and its delta comes back as text. Both conversions run on the HTTP
 * thread, so they work in slices and yield to the event loop between them: a 100 MB upload never blocks other
 * requests for long. The writer says when the delta's additions are exactly the op's own quads (`addedAll`, a new
 * graph); then they are not sent back at all.
 */
import type { Quad } from '@rdfjs/types';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { DataFactory } from 'n3';
import type { Delta, GraphName, WriteOp } from './types.js';
import { graphTerm, regraph } from './apply-op.js';
import { pieces } from './local-read.js';
import { inSlices } from './slices.js';
import { toNQuads } from './terms.js';
import { parseLabelled } from './bulk.js';
import type { BeginResult, WireWriteOp } from './replica-jobs.js';

const SLICE_QUADS = 5_000;
const SLICE_CHARS = 1 << 20;

export async function toWireOp(op: WriteOp): Promise<WireWriteOp> {
  switch (op.type) {
    case 'put-graph':
    case 'post-graph':
      return { type: op.type, graph: op.graph, nquads: await nquadsSliced(op.quads, targetGraph(op.graph)) };
    case 'patch':
      return { type: 'patch', removed: toNQuads(op.delta.removed), added: toNQuads(op.delta.added) };
    case 'update':
      return { type: 'update', update: op.update, unionDefaultGraph: op.unionDefaultGraph, ...(op.baseIri ? { baseIri: op.baseIri } : {}) };
    case 'delete-graph':
      return op;
  }
}

/**
 * The target graph as an n3 term (the IRI checked by `graphTerm`): `regraph` then compares the uploaded quads' graph
 * by n3's term id, where an oxigraph term would read its value out of WASM memory for every quad.
 */
function targetGraph(graph: GraphName): Quad['graph'] {
  const g = graphTerm(graph);
  return g.termType === 'DefaultGraph' ? DataFactory.defaultGraph() : DataFactory.namedNode(g.value);
}

/** The quads as UTF-8 N-Quads pieces, each placed in `g` (the writer takes the lines as they are). */
async function nquadsSliced(quads: Quad[], g: Quad['graph']): Promise<Uint8Array[]> {
  const encoder = new TextEncoder();
  const out: Uint8Array[] = [];
  for await (const slice of inSlices(quads, SLICE_QUADS)) out.push(encoder.encode(toNQuads(slice.map((q) => regraph(q, g)))));
  return out;
}

/** The net delta of a begun write as RDF/JS quads. */
export async function decodeDelta(result: BeginResult & { empty: false }, op: WriteOp): Promise<Delta> {
  let added: Quad[];
  if (result.addedAll && (op.type === 'put-graph' || op.type === 'post-graph')) {
    const g = targetGraph(op.graph);
    added = op.quads.map((q) => regraph(q, g));
  } else added = await parseSliced(result.added);
  return { added, removed: await parseSliced(result.removed) };
}

async function parseSliced(text: string): Promise<Quad[]> {
  const out: Quad[] = [];
  let first = true;
  for (const piece of pieces(text, SLICE_CHARS)) {
    if (!first) await yieldToLoop();
    first = false;
    for (const q of parseLabelled(piece)) out.push(q);
  }
  return out;
}
