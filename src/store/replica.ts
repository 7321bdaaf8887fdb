/**
 * After deletions, shared by the writer and the replicas so both end in the same state: a named graph left without
 * quads is dropped: oxigraph otherwise keeps it as an empty graph that `GRAPH ?g {}` still finds,
 * and the journal (quads only) could not reproduce it after a restart.
 */
import oxigraph from 'oxigraph';

export function dropEmptyGraphs(store: oxigraph.Store, graphs: Iterable<oxigraph.NamedNode | oxigraph.BlankNode>): void {
  for (const g of graphs) {
    if (g.termType === 'NamedNode' && store.query(`ASK { GRAPH <${g.value}> { ?s ?p ?o } }`) === false) {
      store.update(`DROP SILENT GRAPH <${g.value}>`);
    }
  }
}
