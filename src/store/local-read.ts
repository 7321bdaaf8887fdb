/**
 * Reads of one replica's store: N-Quads per graph for snapshots and dumps, and rows from the wire.
 */
import oxigraph from 'oxigraph';
import type { Row } from './types.js';
import { fromWire, type WireTerm } from './terms.js';

/**
 * One graph as N-Quads. Oxigraph's N-Quads dump of a single graph drops the graph name, so its N-Triples (one
 * triple per line, ending in " .") get the graph label appended.
 */
export function graphNQuads(store: oxigraph.Store, g: oxigraph.NamedNode | oxigraph.DefaultGraph): string {
  const triples = store.dump({ format: 'application/n-triples', from_graph_name: g });
  if (g.termType === 'DefaultGraph' || triples === '') return triples;
  // N-Triples escapes line breaks inside literals, so " .\n" only ends a line.
  return triples.replaceAll(' .\n', ` <${g.value}> .\n`);
}

/** The named graphs that hold quads. */
export function namedGraphs(store: oxigraph.Store): oxigraph.NamedNode[] {
  const rows = store.query('SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }') as Map<string, oxigraph.Term>[];
  return rows.map((r) => r.get('g')).filter((g): g is oxigraph.NamedNode => g?.termType === 'NamedNode');
}

export function rowFromWire(row: Record<string, WireTerm>): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) out[k] = fromWire(v);
  return out;
}

/**
 * The whole dataset as N-Quads in pieces of about `size` characters, graph by graph: an in-memory store's new
 * replicas are fed these instead of one string, which would pass V8's maximum string length (~512 M characters) on large stores.
 */
export function snapshotChunks(store: oxigraph.Store, graphs: readonly oxigraph.NamedNode[], size = 64 << 20): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  let length = 0;
  for (const g of [oxigraph.defaultGraph(), ...graphs]) {
    for (const piece of pieces(graphNQuads(store, g), size)) {
      current.push(piece);
      length += piece.length;
      if (length >= size) {
        chunks.push(current.join(''));
        current = [];
        length = 0;
      }
    }
  }
  if (current.length > 0) chunks.push(current.join(''));
  return chunks;
}

/** Splits text into pieces of about `size` characters, cut after a line end. */
export function* pieces(text: string, size: number): Generator<string> {
  for (let start = 0; start < text.length;) {
    const cut = text.indexOf('\n', start + size);
    const end = cut < 0 ? text.length : cut + 1;
    yield text.slice(start, end);
    start = end;
  }
}
