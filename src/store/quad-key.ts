/**
 * Keys of quads and triples for set membership, with no engine behind them: the ingester compares a release graph
 * as built with the graph read back without loading the store's engine on its thread.
 */
import type { Quad, Term } from '@rdfjs/types';
import type { Quad as OxQuad, Term as OxTerm } from 'oxigraph';

/** A stable key for set membership of quads. */
export function quadKey(q: Quad | OxQuad): string {
  return `${termKey(q.subject)} ${termKey(q.predicate)} ${termKey(q.object)} ${termKey(q.graph)}`;
}

/**
 * A key for a triple whatever its graph, language tags folded to lower case (they compare case-insensitively, and
 * the store keeps them in lower case): a graph's content as built and as read back compare equal.
 */
export function tripleKey(q: Quad | OxQuad): string {
  return `${termKey(q.subject)} ${termKey(q.predicate)} ${termKey(q.object, true)}`;
}

function termKey(t: Term | OxTerm, foldLanguage = false): string {
  switch (t.termType) {
    case 'NamedNode': return `<${t.value}>`;
    case 'BlankNode': return `_:${t.value}`;
    case 'Literal': return `${JSON.stringify(t.value)}@${foldLanguage ? t.language.toLowerCase() : t.language}^${t.datatype.value}`;
    case 'DefaultGraph': return '';
    case 'Quad': return `<<${quadKey(t as Quad)}>>`;
    default: return `?${t.value}`;
  }
}

