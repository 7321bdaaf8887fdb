/**
 * The gate's view of the state after a pending write. The external store cannot show uncommitted changes, so the
 * view is a local, in-memory oxigraph copy of the graphs the write touches plus context graphs (the reference data and
 * the ontology, which SHACL class and value checks of release data refer to), plus every quad, in any graph, whose
 * subject is an IRI named in a touched graph or in the delta (so a class check on a linked entity described in a
 * graph the write does not touch, such as `graph/entity/person/…`, sees its type), with the delta applied.
 */
import oxigraph from 'oxigraph';
import type { Quad } from '@rdfjs/types';
import type { Delta, Row, StoreView } from '../types.js';
import { toOxQuad, toRdfjs, toRdfjsQuad } from '../terms.js';
import { namedNode, defaultGraph } from './terms.js';

export function overlayView(
  delta: Delta,
  contextGraphs: readonly string[],
  graphQuads: (g: Quad['graph']) => Promise<Quad[]>,
  describe: (iris: string[]) => Promise<Quad[]> = async () => [],
): StoreView {
  // Built on first use: a gate that never looks at the state (or accepts at once) costs no store reads.
  let loading: Promise<oxigraph.Store> | undefined;
  const load = async (): Promise<oxigraph.Store> => {
    const graphs = new Map<string, Quad['graph']>();
    for (const q of [...delta.removed, ...delta.added]) graphs.set(q.graph.termType === 'DefaultGraph' ? '' : q.graph.value, q.graph);
    const touched = new Set(graphs.keys());
    for (const g of contextGraphs) if (!graphs.has(g)) graphs.set(g, namedNode(g));
    const store = new oxigraph.Store();
    const named = new Set<string>();
    const name = (q: Quad) => {
      for (const t of [q.subject, q.object]) if (t.termType === 'NamedNode') named.add(t.value);
    };
    for (const [key, g] of graphs) {
      for (const q of await graphQuads(g.termType === 'DefaultGraph' ? defaultGraph() : g)) {
        store.add(toOxQuad(q));
        if (touched.has(key)) name(q); // links from a touched graph, changed or not, are what the shapes follow
      }
    }
    for (const q of [...delta.removed, ...delta.added]) name(q);
    for (const q of await describe([...named])) store.add(toOxQuad(q));
    for (const q of delta.removed) store.delete(toOxQuad(q));
    for (const q of delta.added) store.add(toOxQuad(q));
    return store;
  };
  const run = async (query: string): Promise<unknown> => (await (loading ??= load())).query(query, { use_default_graph_as_union: true });
  return {
    construct: async (query) => {
      const result = await run(query);
      return Array.isArray(result) ? (result as oxigraph.Quad[]).map(toRdfjsQuad) : [];
    },
    select: async (query) => {
      const result = await run(query);
      if (!Array.isArray(result)) return [];
      return (result as Map<string, oxigraph.Term>[]).map((m) => {
        const row: Row = {};
        for (const [k, v] of m) row[k] = toRdfjs(v);
        return row;
      });
    },
  };
}
