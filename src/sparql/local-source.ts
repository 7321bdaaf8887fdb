/**
 * The local store as an RDF/JS source for Comunica. A SPARQL-endpoint source would receive the whole federated query
 * (Comunica hands everything to a single endpoint source, SERVICE included), so Comunica gets quad patterns instead
 * and runs the SERVICE clauses itself. Each pattern becomes one SELECT on the store, with bound terms written as
 * escaped SPARQL terms.
 */
import type { Quad, Stream, Term } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { Readable } from 'node:stream';
import type { KgStore, Row } from '../store/types.js';

/** A term as SPARQL syntax, or undefined for an unbound position (variables, blank nodes, null). */
export function termToSparql(term: Term | null | undefined): string | undefined {
  if (!term) return undefined;
  if (term.termType === 'NamedNode') {
    if (/[\s<>"{}|^`\\]/.test(term.value)) throw new Error(`IRI not expressible in SPARQL: ${term.value}`);
    return `<${term.value}>`;
  }
  if (term.termType === 'Literal') {
    const text = JSON.stringify(term.value);
    if (term.language) return `${text}@${term.language}`;
    return `${text}^^${termToSparql(term.datatype)}`;
  }
  return undefined;
}

function patternQuery(s?: Term | null, p?: Term | null, o?: Term | null, g?: Term | null): string {
  const pos = (t: Term | null | undefined, name: string) => termToSparql(t) ?? `?${name}`;
  const triple = `${pos(s, 's')} ${pos(p, 'p')} ${pos(o, 'o')}`;
  if (g?.termType === 'DefaultGraph') return `SELECT * WHERE { ${triple} }`;
  return `SELECT * WHERE { GRAPH ${pos(g, 'g')} { ${triple} } }`;
}

export function localSource(store: KgStore, timeoutMs: number) {
  return {
    match(s?: Term | null, p?: Term | null, o?: Term | null, g?: Term | null): Stream<Quad> {
      const query = patternQuery(s, p, o, g);
      const pick = (row: Row, name: string, bound: Term | null | undefined) => (termToSparql(bound) ? bound : row[name]) as never;
      async function* quads(): AsyncGenerator<Quad> {
        for (const row of await store.select(query, { timeoutMs })) {
          const graph = g?.termType === 'DefaultGraph' ? DataFactory.defaultGraph() : pick(row, 'g', g);
          yield DataFactory.quad(pick(row, 's', s), pick(row, 'p', p), pick(row, 'o', o), graph);
        }
      }
      return Readable.from(quads(), { objectMode: true }) as unknown as Stream<Quad>;
    },
  };
}
