/**
 * Parsing for `osce-kg load` on the remote backend: each input is read by oxigraph (every RDF syntax the embedded
 * store loads) into a scratch store and handed over as RDF/JS quads; blank nodes get fresh labels per input.
 */
import oxigraph from 'oxigraph';
import type { Quad } from '@rdfjs/types';
import type { BulkInput } from '../bulk.js';
import { toRdfjsQuad } from '../terms.js';

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
