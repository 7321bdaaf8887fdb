/**
 * The net delta of a write against an external store, computed before anything is sent (the SHACL gate and the change
 * feed need it): graph reads and existence checks against the store, SPARQL Update WHERE clauses evaluated there as
 * SELECTs (SPARQL 1.1 Update §3.1.3: all solutions first, then templates instantiated, fresh blank nodes per solution).
 */
import sparqljs from 'sparqljs';
import type { Quad, Term } from '@rdfjs/types';
import { AppError, forbidden } from '../../errors.js';
import type { Delta, GraphName, Row, WriteOp } from '../types.js';
import oxigraph from 'oxigraph';
import { applyOp, checkUpdateSyntax, prepareOp } from '../apply-op.js';
import { toOxQuad } from '../terms.js';
import { scopeDefaultGraph } from './default-graph.js';
import { STORE_BNODE, blankNode, defaultGraph, namedNode, quad } from './terms.js';

/** What the delta computation needs from the store. */
export interface StoreReader {
  /** Rows of a SELECT; `union` = default graph is the union of the data graphs, unless the query has FROM. */
  selectRows(query: string, union: boolean): Promise<Row[]>;
  /** Every quad of one graph (the default graph as DefaultGraph). */
  graphQuads(graph: Quad['graph']): Promise<Quad[]>;
  /** For each quad, whether the store holds it. */
  existing(quads: readonly Quad[]): Promise<boolean[]>;
  /** The data graphs (internal and system graphs excluded). */
  namedGraphs(): Promise<string[]>;
  /** The whole dataset when it has at most `limit` quads, else undefined. */
  allQuads(limit: number): Promise<Quad[] | undefined>;
}

/** Largest dataset copied locally to evaluate an update the store cannot evaluate in one pass. */
export const LOCAL_UPDATE_LIMIT = 200_000;

/** Signals that an update needs the local evaluation (a WHERE after a change in the same request). */
class NeedsLocalEvaluation extends Error {}

/** A stable key; language tags compare case-insensitively (RDF 1.1 §3.3) and stores differ in the case they return. */
export function deltaKey(q: Quad): string {
  const t = (x: Term): string =>
    x.termType === 'Literal' ? `${JSON.stringify(x.value)}@${x.language.toLowerCase()}^${x.datatype.value}` : `${x.termType[0]}${x.value}`;
  return `${t(q.subject)} ${t(q.predicate)} ${t(q.object)} ${t(q.graph)}`;
}

/** Net changes relative to the state the computation started from. */
export class NetDelta {
  readonly added = new Map<string, Quad>();
  readonly removed = new Map<string, Quad>();
  constructor(private readonly reader: StoreReader) {}

  get empty(): boolean {
    return this.added.size === 0 && this.removed.size === 0;
  }
  toDelta(): Delta {
    return { removed: [...this.removed.values()], added: [...this.added.values()] };
  }

  /** Originally present quads, asked of the store only for keys this delta has not touched yet. */
  private async presence(quads: readonly Quad[]): Promise<Map<string, boolean>> {
    const out = new Map<string, boolean>();
    const ask: Quad[] = [];
    for (const q of quads) {
      const k = deltaKey(q);
      if (out.has(k)) continue;
      if (q.subject.termType === 'BlankNode' && !q.subject.value.startsWith(STORE_BNODE)) out.set(k, false);
      else if (q.object.termType === 'BlankNode' && !q.object.value.startsWith(STORE_BNODE)) out.set(k, false);
      else {
        out.set(k, false);
        ask.push(q);
      }
    }
    const found = await this.reader.existing(ask);
    ask.forEach((q, i) => out.set(deltaKey(q), found[i] === true));
    return out;
  }

  async add(quads: readonly Quad[], knownAbsent = false): Promise<void> {
    const present = knownAbsent ? new Map<string, boolean>() : await this.presence(quads);
    for (const q of quads) {
      const k = deltaKey(q);
      if (this.removed.delete(k)) continue;
      if (!present.get(k)) this.added.set(k, q);
    }
  }

  async delete(quads: readonly Quad[], knownPresent = false): Promise<void> {
    const present = knownPresent ? undefined : await this.presence(quads);
    for (const q of quads) {
      const k = deltaKey(q);
      if (this.added.delete(k)) continue;
      if (!present || present.get(k)) this.removed.set(k, q);
    }
  }

  /** A graph's current quads as this delta leaves them. */
  async graphNow(graph: Quad['graph']): Promise<Quad[]> {
    const key = (g: Quad['graph']): string => (g.termType === 'DefaultGraph' ? '' : g.value);
    const out = (await this.reader.graphQuads(graph)).filter((q) => !this.removed.has(deltaKey(q)));
    for (const q of this.added.values()) if (key(q.graph) === key(graph)) out.push(q);
    return out;
  }
}

export function graphTerm(g: GraphName): Quad['graph'] {
  return g === 'default' ? defaultGraph() : namedNode(g.iri);
}

const regraph = (quads: readonly Quad[], g: Quad['graph']): Quad[] => quads.map((q) => quad(q.subject, q.predicate, q.object, g));

export async function computeDelta(op: WriteOp, reader: StoreReader): Promise<Delta> {
  const net = new NetDelta(reader);
  switch (op.type) {
    case 'put-graph': {
      const g = graphTerm(op.graph);
      await net.delete(await reader.graphQuads(g), true);
      await net.add(regraph(op.quads, g));
      break;
    }
    case 'post-graph':
      await net.add(regraph(op.quads, graphTerm(op.graph)));
      break;
    case 'delete-graph':
      await net.delete(await reader.graphQuads(graphTerm(op.graph)), true);
      break;
    case 'patch':
      await net.delete(op.delta.removed);
      await net.add(op.delta.added);
      break;
    case 'update':
      try {
        await applyUpdateText(op.update, op.baseIri, op.unionDefaultGraph, net, reader);
      } catch (e) {
        if (e instanceof NeedsLocalEvaluation) return localDelta(op, reader);
        throw e;
      }
      break;
  }
  return net.toDelta();
}

async function applyUpdateText(text: string, baseIri: string | undefined, union: boolean, net: NetDelta, reader: StoreReader): Promise<void> {
  checkUpdateSyntax(text, baseIri); // oxigraph's parser: the same 400s, with line and column, as the embedded store
  const parsed = new sparqljs.Parser({ baseIRI: baseIri, skipUngroupedVariableCheck: true }).parse(text);
  if (parsed.type !== 'update') throw new AppError(400, 'UPDATE_SYNTAX', 'Expected a SPARQL Update request, got a query.');
  let fresh = 0;
  for (const op of parsed.updates) {
    if ('updateType' in op) await insertDelete(op, union, net, reader, () => `u${Date.now().toString(36)}x${fresh++}`);
    else await management(op, net, reader);
  }
}

/** The dataset of a WHERE: USING/USING NAMED replace it (FROM); WITH only sets its default graph (§3.1.3, §3.1.2). */
interface WhereDataset {
  using?: { default: string[]; named: string[] };
  with?: string;
}

async function whereRows(where: sparqljs.Pattern[], dataset: WhereDataset, union: boolean, net: NetDelta, reader: StoreReader): Promise<Row[]> {
  // The WHERE is evaluated by the store, which cannot see this request's earlier, not yet applied operations.
  if (!net.empty) throw new NeedsLocalEvaluation();
  const query: sparqljs.SelectQuery = { type: 'query', queryType: 'SELECT', prefixes: {}, variables: [new sparqljs.Wildcard()], where };
  const { using } = dataset;
  if (using) query.from = { default: using.default.map((g) => namedNode(g)), named: using.named.map((g) => namedNode(g)) };
  const text = new sparqljs.Generator().stringify(query);
  // WITH: default-graph patterns go into GRAPH <with>, the named graphs stay all graphs. FROM and GRAPH <iri> need no
  // union handling (and no protocol dataset, which would replace FROM: Protocol §2.1.4).
  if (!using && dataset.with) return reader.selectRows(scopeDefaultGraph(text, dataset.with) ?? text, true);
  return reader.selectRows(text, using ? true : union);
}

async function insertDelete(op: sparqljs.InsertDeleteOperation, union: boolean, net: NetDelta, reader: StoreReader, label: () => string): Promise<void> {
  switch (op.updateType) {
    case 'insert':
      return net.add(instantiate(op.insert, {}, defaultGraph(), label));
    case 'delete':
      return net.delete(instantiate(op.delete, {}, defaultGraph(), undefined));
    case 'deletewhere': {
      const rows = await whereRows(op.delete.map(toPattern), {}, union, net, reader);
      return net.delete(rows.flatMap((row) => instantiate(op.delete, row, defaultGraph(), undefined)), true);
    }
    case 'insertdelete': {
      const target: Quad['graph'] = op.graph ? namedNode(op.graph.value) : defaultGraph();
      const using = op.using && (op.using.default.length > 0 || op.using.named.length > 0)
        ? { default: op.using.default.map((g) => g.value), named: op.using.named.map((g) => g.value) }
        : undefined;
      const rows = await whereRows(op.where, { using, with: op.graph?.value }, union, net, reader);
      await net.delete(rows.flatMap((row) => instantiate(op.delete ?? [], row, target, undefined)), true);
      return net.add(rows.flatMap((row) => instantiate(op.insert ?? [], row, target, label)));
    }
  }
}

function toPattern(quads: sparqljs.Quads): sparqljs.Pattern {
  if (quads.type === 'bgp') return quads;
  return { type: 'graph', name: quads.name, patterns: [{ type: 'bgp', triples: quads.triples }] } as sparqljs.Pattern;
}

/** §3.1.3: a template triple with an unbound variable or an ill-formed result is skipped. */
function instantiate(templates: sparqljs.Quads[], row: Row, target: Quad['graph'], label: (() => string) | undefined): Quad[] {
  const out: Quad[] = [];
  const fresh = new Map<string, Term>();
  const resolve = (t: Term): Term | undefined => {
    if (t.termType === 'Variable') return row[t.value];
    if (t.termType === 'BlankNode') {
      if (!label) return row[t.value];
      if (!fresh.has(t.value)) fresh.set(t.value, blankNode(label()));
      return fresh.get(t.value);
    }
    return t;
  };
  for (const group of templates) {
    const graph = group.type === 'graph' ? resolve(group.name as Term) : target;
    if (!graph || (graph.termType !== 'NamedNode' && graph.termType !== 'DefaultGraph')) continue;
    for (const triple of group.triples) {
      const s = resolve(triple.subject as Term);
      const p = 'termType' in triple.predicate ? resolve(triple.predicate as Term) : undefined;
      const o = resolve(triple.object as Term);
      if (!s || !p || !o || (s.termType !== 'NamedNode' && s.termType !== 'BlankNode') || p.termType !== 'NamedNode') continue;
      if (o.termType !== 'NamedNode' && o.termType !== 'BlankNode' && o.termType !== 'Literal') continue;
      out.push(quad(s, p, o, graph as Quad['graph']));
    }
  }
  return out;
}

async function management(op: sparqljs.ManagementOperation, net: NetDelta, reader: StoreReader): Promise<void> {
  switch (op.type) {
    case 'load':
      if (op.silent) return;
      throw forbidden('LOAD_FORBIDDEN', 'SPARQL LOAD is not allowed: the store does not fetch from the network. Upload the data with the Graph Store Protocol.');
    case 'create':
      if (!op.silent && op.graph.name && (await net.graphNow(namedNode(op.graph.name.value))).length > 0) {
        throw new AppError(400, 'GRAPH_EXISTS', `CREATE GRAPH: the graph <${op.graph.name.value}> already exists.`);
      }
      return;
    case 'clear':
    case 'drop':
      for (const g of await graphsOf(op.graph, reader)) await net.delete(await net.graphNow(g), true);
      return;
    default: {
      const source = op.source.name ? namedNode(op.source.name.value) : defaultGraph();
      const dest = op.destination.name ? namedNode(op.destination.name.value) : defaultGraph();
      if (source.equals(dest)) return;
      const quads = await net.graphNow(source);
      if (op.type !== 'add') await net.delete(await net.graphNow(dest), true);
      await net.add(regraph(quads, dest));
      if (op.type === 'move') await net.delete(quads, true);
    }
  }
}

async function graphsOf(ref: sparqljs.GraphReference, reader: StoreReader): Promise<Quad['graph'][]> {
  if (ref.name) return [namedNode(ref.name.value)];
  const named = (await reader.namedGraphs()).map((g) => namedNode(g));
  if (ref.named) return named;
  if (ref.all) return [defaultGraph(), ...named];
  return [defaultGraph()];
}

/**
 * An update whose later operations read what earlier ones wrote: the store cannot evaluate it before it is applied, so
 * a small dataset is copied into an in-memory oxigraph store and the embedded store's exact update evaluation runs
 * there (apply-op.ts); a larger one is refused.
 */
async function localDelta(op: WriteOp, reader: StoreReader): Promise<Delta> {
  const quads = await reader.allQuads(LOCAL_UPDATE_LIMIT);
  if (!quads) {
    throw new AppError(501, 'UPDATE_NOT_SUPPORTED', `On the external store, an update operation with a WHERE clause can follow an operation that changed data in the same request only while the dataset has at most ${LOCAL_UPDATE_LIMIT} quads; send them as separate requests.`);
  }
  const ox = new oxigraph.Store();
  for (const q of quads) ox.add(toOxQuad(q));
  return applyOp(prepareOp(op), ox).delta();
}
