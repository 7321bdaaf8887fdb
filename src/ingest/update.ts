/**
 * The one SPARQL 1.1 Update (https://www.w3.org/TR/sparql11-update/) that commits an ingested page, so the store
 * applies it atomically and the SHACL gate sees the whole change:
 * 1. entity graphs that only the earlier version of this release referenced (and the new version no longer does)
 *    are dropped, so a corrected page leaves no orphaned person or place behind;
 * 2. the release graph is replaced (DROP SILENT + INSERT DATA);
 * 3. entity descriptions are merged by filling in: a description triple is added only when no graph yet states that
 *    property of that entity. Descriptions shared by many releases are stored once, a curator's correction of an
 *    entity graph is not undone by the next page that names the entity, and reference entities are never redescribed.
 */
import type { Quad, Term } from '@rdfjs/types';
import { NS, type Iris } from '../model/ns.js';

/** The kinds whose descriptions ingestion writes into `graph/entity/{kind}/{key}`. */
export const ENTITY_GRAPH_KINDS = ['person', 'place', 'publication', 'meeting'] as const;

/** `<iri>`, or throws for a character IRIREF forbids (SPARQL 1.1 §19.8): minted IRIs never hold one. */
function iriRef(iri: string): string {
  if (/[\u0000-\u0020<>"{}|^`\\]/.test(iri)) throw new Error(`Not a valid IRI for SPARQL: ${JSON.stringify(iri)}`);
  return `<${iri}>`;
}

/** A SPARQL string with every special character escaped (§19.7 ECHAR). */
function stringLiteral(text: string): string {
  return `"${text.replace(/[\\"\n\r]/g, (c) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r' })[c] ?? c)}"`;
}

/** A named node or literal as SPARQL text (ingestion writes no blank nodes). */
export function sparqlTerm(t: Term): string {
  if (t.termType === 'NamedNode') return iriRef(t.value);
  if (t.termType !== 'Literal') throw new Error(`Cannot write a ${t.termType} into an ingest update`);
  if (t.language) return `${stringLiteral(t.value)}@${t.language}`;
  if (t.datatype.value === `${NS.xsd}string`) return stringLiteral(t.value);
  return `${stringLiteral(t.value)}^^${iriRef(t.datatype.value)}`;
}

const triple = (q: Quad) => `${sparqlTerm(q.subject)} ${sparqlTerm(q.predicate)} ${sparqlTerm(q.object)} .`;

/** Step 1: entity graphs of entities linked from the old release graph, no longer linked and referenced nowhere else. */
function dropOrphans(graph: string, keep: readonly string[], iris: Iris): string {
  const id = `${iris.base}id/`;
  const kinds = ENTITY_GRAPH_KINDS.map((k) => `STRSTARTS(STR(?e), ${stringLiteral(`${id}${k}/`)})`).join(' || ');
  const kept = keep.length > 0 ? `\n  FILTER(?e NOT IN (${keep.map(iriRef).join(', ')}))` : '';
  return `DELETE { GRAPH ?eg { ?s ?p ?o } } WHERE {
  { SELECT DISTINCT ?e WHERE { GRAPH ${iriRef(graph)} { ?r ?link ?e } FILTER(isIRI(?e) && (${kinds})) } }${kept}
  BIND(IRI(CONCAT(${stringLiteral(`${iris.base}graph/entity/`)}, STRAFTER(STR(?e), ${stringLiteral(id)}))) AS ?eg)
  FILTER NOT EXISTS { GRAPH ?other { ?x ?y ?e } FILTER(?other != ${iriRef(graph)} && ?other != ?eg) }
  GRAPH ?eg { ?s ?p ?o }
}`;
}

/** Step 3: each description triple, added where no graph has a value of that property for that entity yet. */
function fillIn(quads: readonly Quad[]): string {
  const rows = quads.map((q) => `    (${sparqlTerm(q.graph)} ${sparqlTerm(q.subject)} ${sparqlTerm(q.predicate)} ${sparqlTerm(q.object)})`);
  return `INSERT { GRAPH ?g { ?s ?p ?o } } WHERE {
  VALUES (?g ?s ?p ?o) {
${rows.join('\n')}
  }
  FILTER NOT EXISTS { GRAPH ?any { ?s ?p ?value } }
}`;
}

/**
 * The update that stores `quads` (from releaseQuads: the release graph `graph` and entity graphs) in place of the
 * release's earlier version, if any.
 */
export function ingestUpdate(graph: string, quads: readonly Quad[], iris: Iris): string {
  const own = quads.filter((q) => q.graph.value === graph);
  const described = quads.filter((q) => q.graph.value !== graph);
  const kinds = ENTITY_GRAPH_KINDS.map((k) => `${iris.base}id/${k}/`);
  const linked = [...new Set(own.map((q) => q.object.value).filter((o) => kinds.some((k) => o.startsWith(k))))];
  const ops = [
    dropOrphans(graph, linked, iris),
    `DROP SILENT GRAPH ${iriRef(graph)}`,
    `INSERT DATA { GRAPH ${iriRef(graph)} {\n${own.map(triple).join('\n')}\n} }`,
  ];
  if (described.length > 0) ops.push(fillIn(described));
  return ops.join(' ;\n');
}
