/**
 * The one SPARQL 1.1 Update (https://www.w3.org/TR/sparql11-update/) that commits an ingested page, so the store
 * applies it atomically and the SHACL gate sees the whole change:
 * - entity graphs that only the earlier version of this release referenced (and the new version no longer does)
 *   are dropped, so a corrected page leaves no orphaned person or place behind;
 * - entity descriptions are merged by filling in: a description triple is added only when no other graph yet states
 *   that property of that entity. Descriptions shared by many releases are stored once, a curator's correction of an
 *   entity graph is not undone by the next page that names the entity, and reference entities are never redescribed;
 * - the release graph is replaced (DROP SILENT + INSERT DATA).
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

/** Entity graphs of entities the old release graph links to, the new one does not, and no other graph references. */
function orphans(graph: string, keep: readonly string[], iris: Iris): string {
  const id = `${iris.base}id/`;
  const kinds = ENTITY_GRAPH_KINDS.map((k) => `STRSTARTS(STR(?e), ${stringLiteral(`${id}${k}/`)})`).join(' || ');
  const kept = keep.length > 0 ? `\n    FILTER(?e NOT IN (${keep.map(iriRef).join(', ')}))` : '';
  return `{ SELECT DISTINCT ?e WHERE { GRAPH ${iriRef(graph)} { ?r ?link ?e } FILTER(isIRI(?e) && (${kinds})) } }${kept}
    BIND(IRI(CONCAT(${stringLiteral(`${iris.base}graph/entity/`)}, STRAFTER(STR(?e), ${stringLiteral(id)}))) AS ?eg)
    FILTER NOT EXISTS { GRAPH ?other { ?x ?y ?e } FILTER(?other != ${iriRef(graph)} && ?other != ?eg) }
    GRAPH ?eg { ?es ?ep ?eo }`;
}

/** Each description triple whose property no graph but the release's (about to be replaced) states for the entity. */
function missing(graph: string, quads: readonly Quad[]): string {
  const rows = quads.map((q) => `      (${sparqlTerm(q.graph)} ${sparqlTerm(q.subject)} ${sparqlTerm(q.predicate)} ${sparqlTerm(q.object)})`);
  return `VALUES (?g ?s ?p ?o) {
${rows.join('\n')}
    }
    FILTER NOT EXISTS { GRAPH ?any { ?s ?p ?value } FILTER(?any != ${iriRef(graph)}) }`;
}

/**
 * The update that stores `quads` (from releaseQuads: the release graph `graph` and entity graphs) in place of the
 * release's earlier version, if any.
 */
export function ingestUpdate(graph: string, quads: readonly Quad[], iris: Iris): string {
  const own = quads.filter((q) => q.graph.value === graph);
  const described = quads.filter((q) => q.graph.value !== graph);
  const kinds = ENTITY_GRAPH_KINDS.map((k) => `${iris.base}id/${k}/`);
  // Entities the new version links to or describes (a meeting's minted place too) are never orphans.
  const named = [...quads.map((q) => q.object.value), ...described.map((q) => q.subject.value)];
  const linked = [...new Set(named.filter((o) => kinds.some((k) => o.startsWith(k))))];
  // One DELETE/INSERT whose WHERE reads only the state before the request (an external store evaluates it remotely,
  // src/store/remote/delta.ts), then the replacement of the release graph, which needs no WHERE.
  const where = described.length > 0 ? `{\n    ${orphans(graph, linked, iris)}\n  } UNION {\n    ${missing(graph, described)}\n  }` : orphans(graph, linked, iris);
  const ops = [
    `DELETE { GRAPH ?eg { ?es ?ep ?eo } } INSERT { GRAPH ?g { ?s ?p ?o } } WHERE {\n  ${where}\n}`,
    `DROP SILENT GRAPH ${iriRef(graph)}`,
    `INSERT DATA { GRAPH ${iriRef(graph)} {\n${own.map(triple).join('\n')}\n} }`,
  ];
  return ops.join(' ;\n');
}
