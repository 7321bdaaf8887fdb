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
import type { Changes } from './changes.js';
import { applyUpdate } from './update-delta.js';
import { toOxQuad, quadKey, type OxQuad } from './terms.js';

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

export function applyOp({ op, update }: PreparedOp, changes: Changes): void {
  switch (op.type) {
    case 'update':
      // Without a sparqljs parse, oxigraph applies it and the whole dataset is diffed (slow, exact).
      if (!update) return applyByDiff(op.update, op.baseIri, changes);
      return applyUpdate(update, { changes, unionDefaultGraph: op.unionDefaultGraph });
    case 'put-graph':
      return putGraph(graphTerm(op.graph), op.quads, changes);
    case 'post-graph': {
      const g = graphTerm(op.graph);
      for (const q of op.quads) changes.add(regraph(q, g));
      return;
    }
    case 'delete-graph':
      for (const q of changes.store.match(null, null, null, graphTerm(op.graph))) changes.delete(q);
      return;
    case 'patch':
      for (const q of op.delta.removed) changes.delete(toOxQuad(q));
      for (const q of op.delta.added) changes.add(toOxQuad(q));
      return;
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

function putGraph(g: oxigraph.NamedNode | oxigraph.DefaultGraph, quads: Quad[], changes: Changes): void {
  const incoming = new Map<string, OxQuad>();
  for (const q of quads) {
    const ox = regraph(q, g);
    incoming.set(quadKey(ox), ox);
  }
  for (const q of changes.store.match(null, null, null, g)) if (!incoming.has(quadKey(q))) changes.delete(q);
  for (const q of incoming.values()) changes.add(q);
}

function regraph(q: Quad, g: oxigraph.NamedNode | oxigraph.DefaultGraph): OxQuad {
  const ox = toOxQuad(q);
  return oxigraph.quad(ox.subject, ox.predicate, ox.object, g);
}

export function graphTerm(g: GraphName): oxigraph.NamedNode | oxigraph.DefaultGraph {
  return g === 'default' ? oxigraph.defaultGraph() : oxigraph.namedNode(g.iri);
}
