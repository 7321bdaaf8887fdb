/**
 * Applies one WriteOp to the writer's store through a Changes recorder (net delta, rollback). SPARQL Update text is
 * first checked by oxigraph's own parser (run against an empty store, so nothing is evaluated on data) for exact
 * syntax errors with line and column, then parsed by sparqljs and evaluated operation by operation (update-delta.ts).
 */
import oxigraph from 'oxigraph';
import sparqljs from 'sparqljs';
import type { Quad } from '@rdfjs/types';
import { syntaxError } from '../errors.js';
import type { GraphName, WriteOp } from './types.js';
import { DataFactory } from 'n3';
import { Changes } from './changes.js';
import { mergeGraph, type Pending } from './bulk.js';
import { nquadsLines } from './line-delta.js';
import { graphNQuads } from './local-read.js';
import { applyUpdate } from './update-delta.js';
import { graphIri, toNQuads, toOxQuad, quadKey } from './terms.js';

/** A write op with its update text parsed (undefined: oxigraph accepts it but sparqljs cannot read it). */
export interface PreparedOp {
  op: WriteOp;
  update?: sparqljs.Update;
}

/** Parses an update (syntax errors: AppError 400 UPDATE_SYNTAX with line and column); other ops pass through. */
export function prepareOp(op: WriteOp): PreparedOp {
  if (op.type !== 'update') return { op };
  checkUpdateSyntax(op.update, op.baseIri);
  let parsed: sparqljs.SparqlQuery;
  try {
    parsed = new sparqljs.Parser({ baseIRI: op.baseIri, skipUngroupedVariableCheck: true }).parse(op.update);
  } catch {
    return { op };
  }
  if (parsed.type !== 'update') throw syntaxError('UPDATE_SYNTAX', 'Expected a SPARQL Update request, got a query.');
  return { op, update: parsed };
}

/** Applies a prepared op to the writer's store; the returned Pending has its net delta and can undo it. */
export function applyOp({ op, update }: PreparedOp, store: oxigraph.Store): Pending {
  switch (op.type) {
    case 'put-graph':
    case 'post-graph':
    case 'delete-graph': {
      const lines = op.type === 'delete-graph' ? [] : nquadsLines([toNQuads(op.quads.map((q) => regraph(q, graphTerm(op.graph))))]);
      return mergeGraphLines(store, op.graph, lines, op.type !== 'post-graph');
    }
    default: {
      const changes = new Changes(store);
      try {
        if (op.type === 'patch') {
          for (const q of op.delta.removed) changes.delete(toOxQuad(q));
          for (const q of op.delta.added) changes.add(toOxQuad(q));
        } else if (!update) applyByDiff(op.update, op.baseIri, changes); // sparqljs cannot read it: oxigraph applies it, the dataset is diffed
        else applyUpdate(update, { changes, unionDefaultGraph: op.unionDefaultGraph });
        changes.finish();
      } catch (e) {
        changes.rollback();
        throw e;
      }
      return changes;
    }
  }
}

/** Oxigraph parses before it evaluates; on an empty store the evaluation is trivial, so this is a syntax check. */
export function checkUpdateSyntax(text: string, baseIri: string | undefined): void {
  try {
    new oxigraph.Store().update(text, baseIri ? { base_iri: baseIri } : {});
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const m = /^error at (\d+):(\d+): ?([\s\S]*)$/.exec(message);
    if (m) throw syntaxError('UPDATE_SYNTAX', `Syntax error at line ${m[1]}, column ${m[2]}: ${m[3]}`, Number(m[1]), Number(m[2]));
    // Other failures (LOAD without network, CREATE of an existing graph...) are evaluation matters, handled later.
  }
}

function applyByDiff(text: string, baseIri: string | undefined, changes: Changes): void {
  const store = changes.store;
  const before = new Map(store.match().map((q) => [quadKey(q), q] as const));
  store.update(text, baseIri ? { base_iri: baseIri } : {});
  const after = new Map(store.match().map((q) => [quadKey(q), q] as const));
  // Put the store back, then replay the difference through the recorder.
  for (const [k, q] of after) if (!before.has(k)) store.delete(q);
  for (const [k, q] of before) if (!after.has(k)) store.add(q);
  for (const [k, q] of before) if (!after.has(k)) changes.delete(q);
  for (const [k, q] of after) if (!before.has(k)) changes.add(q);
}

/**
 * A graph-store write of N-Quads `lines` (every quad in `graph` already) against the graph's current content: PUT and
 * DELETE replace it (`replace`), POST adds. The delta is computed on lines (line-delta.ts), so a 100 MB upload stays
 * text until oxigraph loads it.
 */
export function mergeGraphLines(store: oxigraph.Store, graph: GraphName, lines: readonly string[], replace: boolean): Pending {
  const g = graphTerm(graph);
  return mergeGraph(store, g.value, graphNQuads(store, g), lines, replace);
}

/** `q` in graph `g` (`q` itself when it is there already). */
export function regraph(q: Quad, g: oxigraph.NamedNode | oxigraph.DefaultGraph | Quad['graph']): Quad {
  return q.graph.equals(g) ? q : DataFactory.quad(q.subject, q.predicate, q.object, g.termType === 'DefaultGraph' ? DataFactory.defaultGraph() : DataFactory.namedNode(g.value));
}

export function graphTerm(g: GraphName): oxigraph.NamedNode | oxigraph.DefaultGraph {
  return g === 'default' ? oxigraph.defaultGraph() : graphIri(g.iri);
}
