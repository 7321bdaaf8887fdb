/**
 * What differs between SPARQL stores, in one place. The service's dataset model is oxigraph's: a default graph of its
 * own plus named graphs, queries see their union. Virtuoso has no separate default graph (writes need a graph) and its
 * implicit default graph is the union of *every* graph, its own system graphs included; other engines (Fuseki,
 * GraphDB, QLever) have a real default graph and choose the union by configuration (docs/deploy-virtuoso.md).
 */
import sparqljs from 'sparqljs';
import { hideGraphs, scopeDefaultGraph } from './default-graph.js';

export interface Dialect {
  readonly name: 'virtuoso' | 'generic';
  /** The graph that stands for the default graph in writes and reads; undefined = the engine's own default graph. */
  readonly defaultGraphIri: string | undefined;
  /** Text put before a query (on its first line, so the line numbers of the store's errors stay right). */
  queryPrefix(union: boolean, hidden: readonly string[], query: string): string;
  /** The query with standard default-graph semantics (union false) where the engine needs a rewrite for it. */
  scopeDefault(query: string): string;
  /** The query with system and internal graphs kept out of `GRAPH ?g`. */
  hideNamed(query: string, hidden: readonly string[]): string;
  /** Extra parameters of every query request: a time limit the store enforces itself, stopping the work. */
  timeoutParams(timeoutMs: number): [string, string][];
  /** Graphs the engine keeps for itself, left out of graph lists, counts and dumps. */
  readonly systemGraphs: readonly string[];
}

/** Graphs a fresh Virtuoso 7 database holds (its RDF views, the OWL and LDP vocabularies, URIQA). */
const VIRTUOSO_SYSTEM_GRAPHS = [
  'http://www.openlinksw.com/schemas/virtrdf#',
  'http://www.w3.org/2002/07/owl#',
  'http://www.w3.org/ns/ldp#',
  'http://localuriqaserver/sparql',
];

export function virtuosoDialect(base: string): Dialect {
  const defaultGraphIri = `${base}graph/default`;
  return {
    name: 'virtuoso',
    defaultGraphIri,
    systemGraphs: VIRTUOSO_SYSTEM_GRAPHS,
    queryPrefix(union, hidden, query) {
      // The pragma input:default-graph-exclude keeps system and internal graphs out of the implicit union, but Virtuoso
      // 7.2 then finds nothing in GRAPH <iri> { … } or FROM (and input:named-graph-exclude has the same effect), so it
      // is used only for queries that name no graph. Elsewhere system graphs show through (docs/deploy-virtuoso.md).
      if (!union || namesGraph(query)) return '';
      return [...VIRTUOSO_SYSTEM_GRAPHS, ...hidden].map((g) => `DEFINE input:default-graph-exclude <${g}> `).join('');
    },
    scopeDefault(query) {
      return scopeDefaultGraph(query, defaultGraphIri) ?? query;
    },
    hideNamed(query, hidden) {
      return hideGraphs(query, [...VIRTUOSO_SYSTEM_GRAPHS, ...hidden, defaultGraphIri]);
    },
    timeoutParams(timeoutMs) {
      return timeoutMs > 0 ? [['timeout', String(timeoutMs)]] : [];
    },
  };
}

export const genericDialect: Dialect = {
  name: 'generic',
  defaultGraphIri: undefined,
  systemGraphs: [],
  queryPrefix: () => '',
  scopeDefault: (query) => query,
  hideNamed: (query) => query,
  timeoutParams: () => [],
};

/** Picks the dialect from the store's `Server` header (Virtuoso says "Virtuoso/07.20…"). */
export function detectDialect(serverHeader: string | null, base: string): Dialect {
  return serverHeader && /virtuoso/i.test(serverHeader) ? virtuosoDialect(base) : genericDialect;
}

/** Whether a query names a graph (FROM, FROM NAMED, GRAPH <iri>); unparsable text counts as naming one. */
export function namesGraph(query: string): boolean {
  let tree: sparqljs.SparqlQuery;
  try {
    tree = new sparqljs.Parser({ skipUngroupedVariableCheck: true }).parse(query);
  } catch {
    return true;
  }
  if (tree.type === 'query' && (tree.from?.default.length || tree.from?.named.length)) return true;
  const walk = (node: unknown, depth: number): boolean => {
    if (depth > 200 || node === null || typeof node !== 'object') return false;
    if (Array.isArray(node)) return node.some((n) => walk(n, depth + 1));
    const rec = node as Record<string, unknown>;
    if (rec.type === 'graph' && (rec.name as { termType?: string } | undefined)?.termType === 'NamedNode') return true;
    return Object.values(rec).some((v) => typeof v === 'object' && walk(v, depth + 1));
  };
  return walk(tree, 0);
}
