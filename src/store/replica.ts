/**
 * Applying a delta to an oxigraph store, shared by the writer and the replicas so both end in the same state. A named
 * graph left without quads is dropped: oxigraph otherwise keeps it as an empty graph that `GRAPH ?g {}` still finds,
 * and the journal (quads only) could not reproduce it after a restart.
 */
import oxigraph from 'oxigraph';
import type { OxQuad } from './terms.js';

export function applyReplicaDelta(store: oxigraph.Store, removed: Iterable<OxQuad>, added: Iterable<OxQuad>): void {
  const touched = new Map<string, oxigraph.NamedNode | oxigraph.BlankNode>();
  for (const q of removed) {
    store.delete(q);
    if (q.graph.termType === 'NamedNode' || q.graph.termType === 'BlankNode') touched.set(q.graph.value, q.graph);
  }
  for (const q of added) store.add(q);
  dropEmptyGraphs(store, touched.values());
}

export function dropEmptyGraphs(store: oxigraph.Store, graphs: Iterable<oxigraph.NamedNode | oxigraph.BlankNode>): void {
  for (const g of graphs) {
    if (g.termType === 'NamedNode' && store.query(`ASK { GRAPH <${g.value}> { ?s ?p ?o } }`) === false) {
      store.update(`DROP SILENT GRAPH <${g.value}>`);
    }
  }
}
