/**
 * Bulk insertion on the remote backend. `osce-kg load` inputs are read by oxigraph (every RDF syntax the embedded
 * store loads) into a scratch store and handed over as RDF/JS quads; blank nodes get fresh labels per input. With a
 * graph store endpoint, quads go to it as N-Triples documents, one graph at a time.
 */
import oxigraph from 'oxigraph';
import { Writer } from 'n3';
import type { Quad } from '@rdfjs/types';
import type { BulkInput } from '../bulk-load.js';
import { toRdfjsQuad } from '../terms.js';
import type { SparqlClient } from './client.js';
import type { Dialect } from './dialect.js';
import { byGraph, defaultGraph, quad } from './terms.js';

/** Ground quads per graph-store request. */
const GSP_CHUNK = 50_000;

export function parseInputs(inputs: readonly BulkInput[]): Quad[] {
  const out: Quad[] = [];
  for (const input of inputs) {
    const scratch = new oxigraph.Store();
    scratch.load(input.data, { format: input.format, base_iri: input.baseIri, no_transaction: true,
      ...(input.graph ? { to_graph_name: oxigraph.namedNode(input.graph) } : {}) });
    for (const q of scratch.match()) out.push(toRdfjsQuad(q));
  }
  return out;
}

/**
 * POSTs each graph's quads to the graph store endpoint: ground quads in chunks, and all blank-node quads of a graph in
 * one document (a store gives a document's blank nodes fresh identities, so a node must not span two documents).
 */
export async function postGraphs(client: SparqlClient, gspUrl: string, dialect: Dialect, ground: readonly Quad[], withBnodes: readonly Quad[], timeoutMs: number): Promise<void> {
  const send = (g: string, quads: readonly Quad[]) => {
    const target = g === '' ? dialect.defaultGraphIri : g;
    const body = new Writer({ format: 'N-Triples' }).quadsToString(quads.map((q) => quad(q.subject, q.predicate, q.object, defaultGraph())));
    return client.graphPost(gspUrl, target, body, 'application/n-triples', timeoutMs);
  };
  for (const [g, quads] of byGraph(ground)) {
    for (let i = 0; i < quads.length; i += GSP_CHUNK) await send(g, quads.slice(i, i + GSP_CHUNK));
  }
  for (const [g, quads] of byGraph(withBnodes)) await send(g, quads);
}
