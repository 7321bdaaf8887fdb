/**
 * Standard default-graph semantics (no union) on a store whose default graph is the union of everything (Virtuoso):
 * every pattern outside a GRAPH block is moved into `GRAPH <stand-in>`, the named graph that holds the service's
 * default graph. A protocol `default-graph-uri` cannot do this: it also empties the set of named graphs
 * (SPARQL 1.1 Protocol §2.1.4), and Virtuoso's `input:default-graph-uri` pragma hides `GRAPH <iri>` the same way.
 */
import sparqljs from 'sparqljs';
import { namedNode } from './terms.js';

type Node = Record<string, unknown>;

/** The query rewritten, or undefined when it cannot be parsed (the store then reports the syntax error). */
export function scopeDefaultGraph(query: string, graphIri: string, baseIri?: string): string | undefined {
  let tree: sparqljs.SparqlQuery;
  try {
    tree = new sparqljs.Parser({ skipUngroupedVariableCheck: true, ...(baseIri ? { baseIRI: baseIri } : {}) }).parse(query);
  } catch {
    return undefined;
  }
  if (tree.type !== 'query') return undefined;
  if (tree.from && (tree.from.default.length || tree.from.named.length)) return query; // FROM sets the dataset itself
  const graph = namedNode(graphIri);
  tree.where = scopePatterns((tree.where ?? []) as unknown as Node[], graph, 0) as unknown as sparqljs.Pattern[];
  return new sparqljs.Generator().stringify(tree);
}

function scopePatterns(patterns: Node[], graph: ReturnType<typeof namedNode>, depth: number): Node[] {
  return patterns.map((p) => scopePattern(p, graph, depth + 1));
}

/** Wraps BGPs outside GRAPH; descends into groups, OPTIONAL, UNION, MINUS, sub-queries and EXISTS filters. */
function scopePattern(p: Node, graph: ReturnType<typeof namedNode>, depth: number): Node {
  if (depth > 200) return p;
  switch (p.type) {
    case 'bgp':
      return { type: 'graph', name: graph, patterns: [p] };
    case 'graph':
    case 'service':
    case 'values':
    case 'bind':
      return p; // GRAPH sets its own graph; SERVICE is another store; VALUES/BIND read no data
    case 'filter':
      return { ...p, expression: scopeExpression(p.expression as Node, graph, depth + 1) };
    case 'query':
      return { ...p, where: scopePatterns((p.where ?? []) as Node[], graph, depth) };
    default:
      return Array.isArray(p.patterns) ? { ...p, patterns: scopePatterns(p.patterns as Node[], graph, depth) } : p;
  }
}

function scopeExpression(e: Node, graph: ReturnType<typeof namedNode>, depth: number): Node {
  if (depth > 200 || !e || typeof e !== 'object' || e.type !== 'operation' || !Array.isArray(e.args)) return e;
  const args = (e.args as Node[]).map((a) =>
    a && typeof a === 'object' && (a.type === 'group' || a.type === 'bgp') ? scopePattern(a, graph, depth + 1) : scopeExpression(a, graph, depth + 1));
  return { ...e, args };
}

/**
 * Keeps graphs out of `GRAPH ?g`: each such pattern becomes `{ GRAPH ?g { … } FILTER (?g NOT IN (…)) }` (the filter
 * sits outside the GRAPH block, where ?g is bound). Virtuoso's own pragma for this hides `GRAPH <iri>` as well.
 * Returns the query unchanged when it has no GRAPH ?var pattern or cannot be parsed.
 */
export function hideGraphs(query: string, hidden: readonly string[]): string {
  let tree: sparqljs.SparqlQuery;
  try {
    tree = new sparqljs.Parser({ skipUngroupedVariableCheck: true }).parse(query);
  } catch {
    return query;
  }
  if (tree.type !== 'query' || hidden.length === 0) return query;
  let changed = false;
  const walk = (node: unknown, depth: number): unknown => {
    if (depth > 200 || node === null || typeof node !== 'object') return node;
    if (Array.isArray(node)) return node.map((n) => walk(n, depth + 1));
    const rec = node as Node;
    const copy: Node = {};
    for (const [k, v] of Object.entries(rec)) copy[k] = k === 'name' || k === 'expression' && rec.type === 'bind' ? v : walk(v, depth + 1);
    const name = rec.name as { termType?: string } | undefined;
    if (rec.type !== 'graph' || name?.termType !== 'Variable') return copy;
    changed = true;
    const notIn = { type: 'operation', operator: 'notin', args: [rec.name, hidden.map((g) => namedNode(g))] };
    return { type: 'group', patterns: [copy, { type: 'filter', expression: notIn }] };
  };
  tree.where = walk(tree.where ?? [], 0) as sparqljs.Pattern[];
  return changed ? new sparqljs.Generator().stringify(tree) : query;
}
