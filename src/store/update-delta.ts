/**
 * SPARQL 1.1 Update (https://www.w3.org/TR/sparql11-update/) evaluated operation by operation into a net delta, for
 * both stores: the embedded store's writer records it on its own oxigraph store (changes.ts), the external store on a
 * delta kept beside the store it reads (remote/delta.ts). Each DELETE/INSERT WHERE is evaluated as a SELECT (all
 * solutions first, §3.1.3), its templates instantiated (fresh blank nodes per solution), then deletions and insertions
 * applied. Graph management (CLEAR, DROP, ADD, MOVE, COPY) becomes quad deletions and insertions; empty graphs are not
 * kept, so CREATE only checks. LOAD is refused: the store never fetches from the network.
 */
import oxigraph from 'oxigraph';
import { createRequire } from 'node:module';
import type sparqljs from 'sparqljs';
import type { NamedNode, Quad, Term } from '@rdfjs/types';
import { AppError, forbidden, syntaxError } from '../errors.js';

let sparqljsLoaded: typeof sparqljs | undefined;
/** sparqljs, loaded by the first Update: the query workers run this module's code only in a writer. */
function sparqljsLib(): typeof sparqljs {
  return (sparqljsLoaded ??= createRequire(import.meta.url)('sparqljs') as typeof sparqljs);
}

type Graph = Quad['graph'];

/** The solution of a WHERE clause: its variables' values. */
export type Solution = ReadonlyMap<string, Term>;

/** A WHERE clause as a SELECT * over its dataset. */
export interface WhereQuery {
  /** The SELECT * of the clause (`selectText`). */
  where: sparqljs.Pattern[];
  /** USING / USING NAMED: the clause's dataset replaces the store's (§3.1.3). */
  using?: { default: string[]; named: string[] };
  /** WITH: the default graph of the clause; the named graphs stay those of the store (§3.1.2). */
  with?: string;
  /** Without USING or WITH: whether the default graph is the union of all graphs (the service's default). */
  union: boolean;
}

/** Where an update is evaluated: reads see the operations applied so far; changes go into the net delta. */
export interface UpdateTarget {
  /** Terms of the target's own kind, for the quads the evaluation makes. */
  readonly terms: {
    /** A template's IRI or literal (sparqljs gives n3 terms). */
    from(term: Term): Term;
    /** A fresh blank node (one per template label and solution). */
    blankNode(): Term;
    defaultGraph(): Graph;
    quad(s: Term, p: Term, o: Term, g: Term): Quad;
  };
  select(where: WhereQuery): Promise<Solution[]>;
  graphQuads(graph: Graph): Promise<Quad[]>;
  hasGraph(graph: NamedNode): Promise<boolean>;
  /** The named graphs that hold quads. */
  namedGraphs(): Promise<Graph[]>;
  add(quads: readonly Quad[]): Promise<void>;
  /** `matched`: the quads come from the store's own answers (a target may skip asking whether they are there). */
  delete(quads: readonly Quad[], matched?: boolean): Promise<void>;
}

/**
 * Parses an update: syntax errors are AppError 400 UPDATE_SYNTAX with line and column, from oxigraph's parser. Undefined
 * when oxigraph accepts the text but sparqljs cannot read it: the caller then evaluates it by diffing a store.
 */
export function parseUpdate(text: string, baseIri: string | undefined): sparqljs.Update | undefined {
  checkUpdateSyntax(text, baseIri);
  let parsed: sparqljs.SparqlQuery;
  try {
    parsed = new (sparqljsLib().Parser)({ baseIRI: baseIri, skipUngroupedVariableCheck: true }).parse(text);
  } catch {
    return undefined;
  }
  if (parsed.type !== 'update') throw syntaxError('UPDATE_SYNTAX', 'Expected a SPARQL Update request, got a query.');
  return parsed;
}

/** Oxigraph parses before it evaluates; on an empty store the evaluation is trivial, so this is a syntax check. */
function checkUpdateSyntax(text: string, baseIri: string | undefined): void {
  try {
    new oxigraph.Store().update(text, baseIri ? { base_iri: baseIri } : {});
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const m = /^error at (\d+):(\d+): ?([\s\S]*)$/.exec(message);
    if (m) throw syntaxError('UPDATE_SYNTAX', `Syntax error at line ${m[1]}, column ${m[2]}: ${m[3]}`, Number(m[1]), Number(m[2]));
    // Other failures (LOAD without network, CREATE of an existing graph...) are evaluation matters, handled later.
  }
}

export async function applyUpdate(update: sparqljs.Update, target: UpdateTarget, union: boolean): Promise<void> {
  for (const op of update.updates) {
    if ('updateType' in op) await insertDelete(op, target, union);
    else await management(op, target);
  }
}

async function insertDelete(op: sparqljs.InsertDeleteOperation, target: UpdateTarget, union: boolean): Promise<void> {
  const defaultGraph = target.terms.defaultGraph();
  switch (op.updateType) {
    case 'insert':
      return target.add(instantiate(op.insert, new Map(), defaultGraph, target, true));
    case 'delete':
      return target.delete(instantiate(op.delete, new Map(), defaultGraph, target, false));
    case 'deletewhere': {
      const rows = await target.select({ where: op.delete.map(toPattern), union });
      return target.delete(rows.flatMap((row) => instantiate(op.delete, row, defaultGraph, target, false)), true);
    }
    case 'insertdelete': {
      const graph = op.graph ? (target.terms.from(op.graph) as Graph) : defaultGraph;
      const using = op.using && (op.using.default.length > 0 || op.using.named.length > 0)
        ? { default: op.using.default.map((g) => g.value), named: op.using.named.map((g) => g.value) }
        : undefined;
      const rows = await target.select({ where: op.where, using, with: using ? undefined : op.graph?.value, union });
      const del = rows.flatMap((row) => instantiate(op.delete ?? [], row, graph, target, false));
      const ins = rows.flatMap((row) => instantiate(op.insert ?? [], row, graph, target, true));
      await target.delete(del, true);
      return target.add(ins);
    }
  }
}

/** The text of a WHERE clause as SELECT *, with its USING as FROM when `from` is set. */
export function selectText(where: WhereQuery, from = false): string {
  const query: sparqljs.SelectQuery = { type: 'query', queryType: 'SELECT', prefixes: {}, variables: [new (sparqljsLib().Wildcard)()], where: where.where };
  if (from && where.using) {
    const iri = (g: string) => ({ termType: 'NamedNode', value: g }) as sparqljs.IriTerm;
    query.from = { default: where.using.default.map(iri), named: where.using.named.map(iri) };
  }
  return new (sparqljsLib().Generator)().stringify(query);
}

function toPattern(quads: sparqljs.Quads): sparqljs.Pattern {
  if (quads.type === 'bgp') return quads;
  return { type: 'graph', name: quads.name, patterns: [{ type: 'bgp', triples: quads.triples }] } as sparqljs.Pattern;
}

/**
 * Template instantiation (§3.1.3): a triple with an unbound variable or an ill-formed result is skipped. `fresh`: a
 * template's blank nodes become new ones for this solution (INSERT); where blank nodes are not allowed (DELETE) they
 * read the solution like variables.
 */
function instantiate(templates: sparqljs.Quads[], row: Solution, target: Graph, on: UpdateTarget, fresh: boolean): Quad[] {
  const out: Quad[] = [];
  const labels = new Map<string, Term>();
  const resolve = (t: Term): Term | undefined => {
    if (t.termType === 'Variable') return row.get(t.value);
    if (t.termType === 'BlankNode') {
      if (!fresh) return row.get(t.value);
      let b = labels.get(t.value);
      if (!b) labels.set(t.value, (b = on.terms.blankNode()));
      return b;
    }
    return on.terms.from(t);
  };
  for (const group of templates) {
    const graph = group.type === 'graph' ? resolve(group.name as Term) : target;
    if (!graph || (graph.termType !== 'NamedNode' && graph.termType !== 'DefaultGraph')) continue;
    for (const triple of group.triples) {
      const s = resolve(triple.subject as Term);
      const p = 'termType' in triple.predicate ? resolve(triple.predicate as Term) : undefined;
      const o = resolve(triple.object as Term);
      if (!s || !p || !o) continue;
      if ((s.termType !== 'NamedNode' && s.termType !== 'BlankNode') || p.termType !== 'NamedNode') continue;
      if (o.termType === 'Variable' || o.termType === 'DefaultGraph') continue;
      out.push(on.terms.quad(s, p, o, graph));
    }
  }
  return out;
}

async function management(op: sparqljs.ManagementOperation, target: UpdateTarget): Promise<void> {
  switch (op.type) {
    case 'load':
      if (op.silent) return;
      throw forbidden('LOAD_FORBIDDEN', 'SPARQL LOAD is not allowed: the store does not fetch from the network. Upload the data with the Graph Store Protocol.');
    case 'create':
      if (!op.silent && op.graph.name && (await target.hasGraph(target.terms.from(op.graph.name) as NamedNode))) {
        throw new AppError(400, 'GRAPH_EXISTS', `CREATE GRAPH: the graph <${op.graph.name.value}> already exists.`);
      }
      return;
    case 'clear':
    case 'drop':
      for (const g of await graphsOf(op.graph, target)) await target.delete(await target.graphQuads(g), true);
      return;
    case 'add':
    case 'copy':
    case 'move':
      return transfer(op, target);
  }
}

/** ADD, COPY and MOVE (§3.2.5-3.2.7): nothing to do when source and destination are the same graph. */
async function transfer(op: sparqljs.CopyMoveAddOperation, target: UpdateTarget): Promise<void> {
  const source = graphTerm(op.source, target);
  const dest = graphTerm(op.destination, target);
  if (source.equals(dest)) return;
  const quads = await target.graphQuads(source);
  if (op.type !== 'add') await target.delete(await target.graphQuads(dest), true);
  await target.add(quads.map((q) => target.terms.quad(q.subject, q.predicate, q.object, dest)));
  if (op.type === 'move') await target.delete(quads, true);
}

function graphTerm(g: sparqljs.GraphOrDefault, target: UpdateTarget): Graph {
  return g.name ? (target.terms.from(g.name) as Graph) : target.terms.defaultGraph();
}

async function graphsOf(ref: sparqljs.GraphReference, target: UpdateTarget): Promise<Graph[]> {
  if (ref.name) return [target.terms.from(ref.name) as Graph];
  const named = await target.namedGraphs();
  const defaultGraph = target.terms.defaultGraph();
  if (ref.named) return named;
  if (ref.all) return [defaultGraph, ...named];
  return [defaultGraph];
}
