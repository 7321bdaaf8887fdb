/**
 * Test support: an oxigraph Store seeded with loadReferenceQuads, and a StoreView over it (union default graph).
 * Tests may use oxigraph directly; library code goes through src/store.
 */
import oxigraph from 'oxigraph';
import { DataFactory } from 'n3';
import type { Quad, Term } from '@rdfjs/types';
import { loadReferenceQuads } from '../../src/model/reference.js';
import type { Row, StoreView } from '../../src/store/types.js';

/** Copies a term from oxigraph into n3's DataFactory, so every consumer sees one term implementation. */
export function toN3Term(t: Term): Term {
  switch (t.termType) {
    case 'NamedNode': return DataFactory.namedNode(t.value);
    case 'BlankNode': return DataFactory.blankNode(t.value);
    case 'Literal': return DataFactory.literal(t.value, t.language || DataFactory.namedNode(t.datatype.value));
    case 'DefaultGraph': return DataFactory.defaultGraph();
    default: return DataFactory.variable(t.value);
  }
}

export function toN3Quad(q: Quad): Quad {
  return DataFactory.quad(
    toN3Term(q.subject) as Quad['subject'], toN3Term(q.predicate) as Quad['predicate'],
    toN3Term(q.object) as Quad['object'], toN3Term(q.graph) as Quad['graph'],
  ) as Quad;
}

export function referenceStore(base: string, extra: readonly Quad[] = []): oxigraph.Store {
  const store = new oxigraph.Store();
  for (const q of [...loadReferenceQuads(base), ...extra]) store.add(oxigraph.fromQuad(q));
  return store;
}

export function selectRows(store: oxigraph.Store, query: string): Row[] {
  const result = store.query(query, { use_default_graph_as_union: true }) as Map<string, Term>[];
  return result.map((m) => Object.fromEntries([...m.entries()].map(([k, v]) => [k, toN3Term(v)])));
}

export function viewOf(store: oxigraph.Store): StoreView {
  return {
    construct: async (query) => (store.query(query, { use_default_graph_as_union: true }) as Quad[]).map(toN3Quad),
    select: async (query) => selectRows(store, query),
  };
}
