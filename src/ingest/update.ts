/**
 * The one SPARQL 1.1 Update (https://www.w3.org/TR/sparql11-update/) that commits an ingested page, so the store
 * applies it atomically and the SHACL gate sees the whole change:
 * - entity graphs that only the earlier version of this release referenced (and the new version no longer does)
 *   are dropped, so a corrected page leaves no orphaned person or place behind;
 * - entity descriptions are merged by filling in: a description triple is added only when no other graph yet states
 *   that property of that entity. Descriptions shared by many releases are stored once, a curator's correction of an
 *   entity graph is not undone by the next page that names the entity, and reference entities are never redescribed;
 * - the release graph is replaced (DROP SILENT + INSERT DATA), and its graph under an earlier key dropped;
 * - aliases and translation links in other graphs are rewritten as computed before (DELETE DATA, INSERT DATA).
 */
import type { Quad, Term } from '@rdfjs/types';
import { NS, type Iris } from '../model/ns.js';

/** The kinds whose descriptions ingestion writes into `graph/entity/{kind}/{key}`. */
export const ENTITY_GRAPH_KINDS = ['person', 'place', 'publication', 'meeting'] as const;

/** `<iri>`, or throws for a character IRIREF forbids (SPARQL 1.1 §19.8): minted IRIs never hold one. */
export function iriRef(iri: string): string {
  if (/[\u0000-\u0020<>"{}|^`\\]/.test(iri)) throw new Error(`Not a valid IRI for SPARQL: ${JSON.stringify(iri)}`);
  return `<${iri}>`;
}

/** A SPARQL string with every special character escaped (§19.7 ECHAR). */
export function stringLiteral(text: string): string {
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

/**
 * Entity graphs of entities the old release graph (`old`) links to, the new one does not, and no graph but the
 * release's (old or new, `own`) references.
 */
function orphans(old: string, own: readonly string[], keep: readonly string[], iris: Iris): string {
  const id = `${iris.base}id/`;
  const kinds = ENTITY_GRAPH_KINDS.map((k) => `STRSTARTS(STR(?e), ${stringLiteral(`${id}${k}/`)})`).join(' || ');
  const kept = keep.length > 0 ? `\n    FILTER(?e NOT IN (${keep.map(iriRef).join(', ')}))` : '';
  return `{ SELECT DISTINCT ?e WHERE { GRAPH ${iriRef(old)} { ?r ?link ?e } FILTER(isIRI(?e) && (${kinds})) } }${kept}
    BIND(IRI(CONCAT(${stringLiteral(`${iris.base}graph/entity/`)}, STRAFTER(STR(?e), ${stringLiteral(id)}))) AS ?eg)
    FILTER NOT EXISTS { GRAPH ?other { ?x ?y ?e } FILTER(?other NOT IN (${own.map(iriRef).join(', ')}) && ?other != ?eg) }
    GRAPH ?eg { ?es ?ep ?eo }`;
}

/** Each description triple whose property no graph but the release's (about to be replaced) states for the entity. */
function missing(own: readonly string[], quads: readonly Quad[]): string {
  const rows = quads.map((q) => `      (${sparqlTerm(q.graph)} ${sparqlTerm(q.subject)} ${sparqlTerm(q.predicate)} ${sparqlTerm(q.object)})`);
  return `VALUES (?g ?s ?p ?o) {
${rows.join('\n')}
    }
    FILTER NOT EXISTS { GRAPH ?any { ?s ?p ?value } FILTER(?any NOT IN (${own.map(iriRef).join(', ')})) }`;
}

/** What an ingest changes besides the release graph and the entity graphs. */
export interface IngestUpdateOptions {
  /** The graph of the release this page replaces when its key changed (docs/decisions/0001): dropped. */
  previousGraph?: string;
  /** Triples of other graphs (aliases, translation links in other releases) to remove, then to add. */
  remove?: readonly Quad[];
  add?: readonly Quad[];
}

const quadData = (qs: readonly Quad[]) => qs.map((q) => `GRAPH ${sparqlTerm(q.graph)} { ${triple(q)} }`).join('\n');

/**
 * The update that stores `quads` (from releaseQuads: the release graph `graph` and entity graphs) in place of the
 * release's earlier version, if any (at `graph`, or at `opts.previousGraph` when its key changed).
 */
export function ingestUpdate(graph: string, quads: readonly Quad[], iris: Iris, opts: IngestUpdateOptions = {}): string {
  const own = quads.filter((q) => q.graph.value === graph);
  const described = quads.filter((q) => q.graph.value !== graph);
  const kinds = ENTITY_GRAPH_KINDS.map((k) => `${iris.base}id/${k}/`);
  // Entities the new version links to or describes (a meeting's minted place too) are never orphans.
  const named = [...quads.map((q) => q.object.value), ...described.map((q) => q.subject.value)];
  const linked = [...new Set(named.filter((o) => kinds.some((k) => o.startsWith(k))))];
  const old = opts.previousGraph ?? graph;
  const graphs = [...new Set([old, graph])];
  // One DELETE/INSERT whose WHERE reads only the state before the request (an external store evaluates it remotely,
  // src/store/remote/delta.ts), then data operations only, which need no WHERE.
  const where = described.length > 0 ? `{\n    ${orphans(old, graphs, linked, iris)}\n  } UNION {\n    ${missing(graphs, described)}\n  }` : orphans(old, graphs, linked, iris);
  const ops = [
    `DELETE { GRAPH ?eg { ?es ?ep ?eo } } INSERT { GRAPH ?g { ?s ?p ?o } } WHERE {\n  ${where}\n}`,
    ...graphs.map((g) => `DROP SILENT GRAPH ${iriRef(g)}`),
    `INSERT DATA { GRAPH ${iriRef(graph)} {\n${own.map(triple).join('\n')}\n} }`,
  ];
  if (opts.remove?.length) ops.push(`DELETE DATA {\n${quadData(opts.remove)}\n}`);
  if (opts.add?.length) ops.push(`INSERT DATA {\n${quadData(opts.add)}\n}`);
  return ops.join(' ;\n');
}
