/**
 * SPARQL 1.1 Update (https://www.w3.org/TR/sparql11-update/) evaluated operation by operation against the writer's
 * store, recording the net delta (changes.ts) so the gate, the journal and the change feed see exactly what changed.
 * Each DELETE/INSERT WHERE is evaluated as a SELECT (all solutions first, §3.1.3), its templates instantiated (fresh
 * blank nodes per solution), then deletions and insertions applied. Graph management (CLEAR, DROP, ADD, MOVE, COPY)
 * becomes quad deletions and insertions; empty graphs are not kept, so CREATE only checks. LOAD is refused: the
 * store never fetches from the network.
 */
import oxigraph from 'oxigraph';
import sparqljs from 'sparqljs';
import type { Term } from '@rdfjs/types';
import { AppError, forbidden } from '../errors.js';
import { Changes } from './changes.js';
import { toOx, type OxQuad, type OxTerm } from './terms.js';

type Graph = oxigraph.NamedNode | oxigraph.DefaultGraph;
type Row = Map<string, OxTerm>;

export interface UpdateContext {
  changes: Changes;
  unionDefaultGraph: boolean;
}

export function applyUpdate(update: sparqljs.Update, ctx: UpdateContext): void {
  for (const op of update.updates) {
    if ('updateType' in op) applyInsertDelete(op, ctx);
    else applyManagement(op, ctx);
  }
}

function applyInsertDelete(op: sparqljs.InsertDeleteOperation, ctx: UpdateContext): void {
  const { changes } = ctx;
  const store = changes.store;
  switch (op.updateType) {
    case 'insert':
      for (const q of instantiate(op.insert, new Map(), oxigraph.defaultGraph(), new Map())) changes.add(q);
      return;
    case 'delete':
      for (const q of instantiate(op.delete, new Map(), oxigraph.defaultGraph(), undefined)) changes.delete(q);
      return;
    case 'deletewhere': {
      const rows = select(store, whereQuery(op.delete.map(toPattern), undefined, undefined, ctx.unionDefaultGraph));
      const del = rows.flatMap((row) => instantiate(op.delete, row, oxigraph.defaultGraph(), undefined));
      for (const q of del) changes.delete(q);
      return;
    }
    case 'insertdelete': {
      const target: Graph = op.graph ? oxigraph.namedNode(op.graph.value) : oxigraph.defaultGraph();
      const rows = select(store, whereQuery(op.where, op.graph?.value, op.using, ctx.unionDefaultGraph));
      const del = rows.flatMap((row) => instantiate(op.delete ?? [], row, target, undefined));
      const ins = rows.flatMap((row) => instantiate(op.insert ?? [], row, target, new Map()));
      for (const q of del) changes.delete(q);
      for (const q of ins) changes.add(q);
      return;
    }
  }
}

/** A WHERE clause as a SELECT * with its dataset. */
export interface WhereQuery {
  query: string;
  defaultGraphs?: string[];
  namedGraphs?: string[];
  /** WITH: the named graphs stay those of the store. */
  allNamed?: boolean;
  union: boolean;
}

/** The dataset of a WHERE clause: USING/USING NAMED replace it; WITH sets its default graph (§3.1.3, §3.1.2). */
function whereQuery(where: sparqljs.Pattern[], withGraph: string | undefined, using: { default: Term[]; named: Term[] } | undefined, union: boolean): WhereQuery {
  const select: sparqljs.SelectQuery = { type: 'query', queryType: 'SELECT', prefixes: {}, variables: [new sparqljs.Wildcard()], where };
  const query = new sparqljs.Generator().stringify(select);
  if (using && (using.default.length > 0 || using.named.length > 0)) {
    return { query, defaultGraphs: using.default.map((g) => g.value), namedGraphs: using.named.map((g) => g.value), union: false };
  }
  if (withGraph) return { query, defaultGraphs: [withGraph], allNamed: true, union: false };
  return { query, union };
}

function select(store: oxigraph.Store, where: WhereQuery): Row[] {
  const options: NonNullable<Parameters<oxigraph.Store['query']>[1]> = {};
  if (where.defaultGraphs) options.default_graph = where.defaultGraphs.map((g) => oxigraph.namedNode(g));
  if (where.namedGraphs) options.named_graphs = where.namedGraphs.map((g) => oxigraph.namedNode(g));
  if (where.union) options.use_default_graph_as_union = true;
  return store.query(where.query, options) as Row[];
}

function toPattern(quads: sparqljs.Quads): sparqljs.Pattern {
  if (quads.type === 'bgp') return quads;
  return { type: 'graph', name: quads.name, patterns: [{ type: 'bgp', triples: quads.triples }] } as sparqljs.Pattern;
}

/**
 * Template instantiation (§3.1.3): a triple with an unbound variable or an ill-formed result is skipped. `fresh` maps
 * template blank nodes to new ones for this solution; undefined where blank nodes are not allowed (DELETE).
 */
function instantiate(templates: sparqljs.Quads[], row: Row, target: Graph, fresh: Map<string, oxigraph.BlankNode> | undefined): OxQuad[] {
  const out: OxQuad[] = [];
  const labels = fresh ? new Map<string, oxigraph.BlankNode>() : undefined;
  const resolve = (t: Term): OxTerm | undefined => {
    if (t.termType === 'Variable') return row.get(t.value);
    if (t.termType === 'BlankNode') {
      if (!labels) return row.get(t.value);
      let b = labels.get(t.value);
      if (!b) labels.set(t.value, (b = oxigraph.blankNode()));
      return b;
    }
    return toOx(t);
  };
  for (const group of templates) {
    const graph = group.type === 'graph' ? resolve(group.name) : target;
    if (!graph || (graph.termType !== 'NamedNode' && graph.termType !== 'DefaultGraph')) continue;
    for (const triple of group.triples) {
      const s = resolve(triple.subject as Term);
      const p = 'termType' in triple.predicate ? resolve(triple.predicate as Term) : undefined;
      const o = resolve(triple.object as Term);
      if (!s || !p || !o) continue;
      if ((s.termType !== 'NamedNode' && s.termType !== 'BlankNode') || p.termType !== 'NamedNode') continue;
      if (o.termType === 'Variable' || o.termType === 'DefaultGraph') continue;
      out.push(oxigraph.quad(s, p, o as oxigraph.Quad_Object, graph as oxigraph.Quad_Graph));
    }
  }
  return out;
}

function applyManagement(op: sparqljs.ManagementOperation, ctx: UpdateContext): void {
  const { changes } = ctx;
  switch (op.type) {
    case 'load':
      if (op.silent) return;
      throw forbidden('LOAD_FORBIDDEN', 'SPARQL LOAD is not allowed: the store does not fetch from the network. Upload the data with the Graph Store Protocol.');
    case 'create':
      if (!op.silent && op.graph.name && graphExists(changes.store, op.graph.name.value)) {
        throw new AppError(400, 'GRAPH_EXISTS', `CREATE GRAPH: the graph <${op.graph.name.value}> already exists.`);
      }
      return;
    case 'clear':
    case 'drop':
      for (const g of graphsOf(changes.store, op.graph)) for (const q of quadsOf(changes.store, g)) changes.delete(q);
      return;
    case 'add':
    case 'copy':
    case 'move':
      transfer(op, changes);
      return;
  }
}

/** ADD, COPY and MOVE (§3.2.5-3.2.7): nothing to do when source and destination are the same graph. */
function transfer(op: sparqljs.CopyMoveAddOperation, changes: Changes): void {
  const source = graphTerm(op.source);
  const dest = graphTerm(op.destination);
  if (source.equals(dest)) return;
  const quads = quadsOf(changes.store, source);
  if (op.type !== 'add') for (const q of quadsOf(changes.store, dest)) changes.delete(q);
  for (const q of quads) changes.add(oxigraph.quad(q.subject, q.predicate, q.object, dest));
  if (op.type === 'move') for (const q of quads) changes.delete(q);
}

function graphTerm(g: sparqljs.GraphOrDefault): Graph {
  return g.name ? oxigraph.namedNode(g.name.value) : oxigraph.defaultGraph();
}

function graphsOf(store: oxigraph.Store, ref: sparqljs.GraphReference): Graph[] {
  if (ref.name) return [oxigraph.namedNode(ref.name.value)];
  const named = namedGraphs(store);
  if (ref.named) return named;
  if (ref.all) return [oxigraph.defaultGraph(), ...named];
  return [oxigraph.defaultGraph()];
}

export function namedGraphs(store: oxigraph.Store): oxigraph.NamedNode[] {
  const rows = store.query('SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }') as Row[];
  return rows.map((r) => r.get('g')).filter((g): g is oxigraph.NamedNode => g?.termType === 'NamedNode');
}

function graphExists(store: oxigraph.Store, iri: string): boolean {
  return store.query(`ASK { GRAPH <${iri}> { ?s ?p ?o } }`) === true;
}

function quadsOf(store: oxigraph.Store, g: Graph): OxQuad[] {
  return store.match(null, null, null, g);
}
