/**
 * A graph upload crosses to the writer replica as UTF-8 N-Quads and the delta comes back the same way, by transfer (a
 * 100 MB string would hold the HTTP thread for 80-160 ms to deserialize). Both conversions run on the HTTP thread, so
 * they work in slices and yield to the event loop between them: a 100 MB upload never blocks other requests for long.
 * The writer says when the delta's additions are exactly the op's own quads (`addedAll`, a new graph); then they are
 * not sent back at all.
 */
import type { Quad } from '@rdfjs/types';
import { DataFactory } from 'n3';
import type { Delta, GraphName, WriteOp } from './types.js';

import { inLinePieces, inSlices } from './slices.js';
import { graphTerm, parseLabelled, regraph, toNQuads } from './terms.js';
import type { BeginResult, WireWriteOp } from './replica-jobs.js';

/**
 * A write as the writer replica takes it. For a graph upload, also the uploaded quads placed in the target graph
 * (`placed`): the delta of an upload that added everything is those quads, so they are placed once, in slices.
 */
export async function toWireOp(op: WriteOp): Promise<{ wire: WireWriteOp; placed?: Quad[] }> {
  switch (op.type) {
    case 'put-graph':
    case 'post-graph': {
      const { nquads, placed } = await nquadsSliced(op.quads, targetGraph(op.graph));
      return { wire: { type: op.type, graph: op.graph, nquads }, placed };
    }
    case 'patch':
      return { wire: { type: 'patch', removed: toNQuads(op.delta.removed), added: toNQuads(op.delta.added) } };
    case 'update':
      return { wire: { type: 'update', update: op.update, unionDefaultGraph: op.unionDefaultGraph, ...(op.baseIri ? { baseIri: op.baseIri } : {}) } };
    case 'delete-graph':
      return { wire: op };
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

/** The quads placed in `g`, and as UTF-8 N-Quads pieces (the writer takes the lines as they are). */
async function nquadsSliced(quads: Quad[], g: Quad['graph']): Promise<{ nquads: Uint8Array[]; placed: Quad[] }> {
  const encoder = new TextEncoder();
  const nquads: Uint8Array[] = [];
  const placed: Quad[] = [];
  for await (const slice of inSlices(quads)) {
    const inGraph = slice.map((q) => regraph(q, g));
    for (const q of inGraph) placed.push(q);
    nquads.push(encoder.encode(toNQuads(inGraph)));
  }
  return { nquads, placed };
}

/** The net delta of a begun write as RDF/JS quads (`placed`: the upload's quads in their graph, from `toWireOp`). */
export async function decodeDelta(result: BeginResult & { empty: false }, placed: Quad[] | undefined): Promise<Delta> {
  const added = result.addedAll && placed ? placed : await parseSliced(result.added);
  return { added, removed: await parseSliced(result.removed) };
}

async function parseSliced(nquads: Uint8Array): Promise<Quad[]> {
  const out: Quad[] = [];
  for await (const piece of inLinePieces(nquads)) for (const q of parseLabelled(piece)) out.push(q);
  return out;
}
