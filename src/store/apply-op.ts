/**
 * Applies one WriteOp to the writer's store: graph-store writes on N-Quads lines (graph-write.ts), updates and patches
 * through a Changes recorder (net delta, rollback). SPARQL Update is evaluated operation by operation
 * (update-delta.ts); an update sparqljs cannot read is applied by oxigraph and the dataset diffed.
 */
import oxigraph from 'oxigraph';
import type sparqljs from 'sparqljs';
import type { QuadWriteOp } from './types.js';
import { Changes } from './changes.js';
import { mergeGraphLines, type Pending } from './graph-write.js';
import { nquadsLines } from './line-delta.js';
import { applyUpdate, parseUpdate } from './update-delta.js';
import { graphTerm, quadKey, regraph, toNQuads, toOxQuad } from './terms.js';

/** A write op with its update text parsed (undefined: oxigraph accepts it but sparqljs cannot read it). */
export interface PreparedOp {
  op: QuadWriteOp;
  update?: sparqljs.Update;
}

/** Parses an update (syntax errors: AppError 400 UPDATE_SYNTAX with line and column); other ops pass through. */
export function prepareOp(op: QuadWriteOp): PreparedOp {
  return op.type === 'update' ? { op, update: parseUpdate(op.update, op.baseIri) } : { op };
}

/** Applies a prepared op to the writer's store; the returned Pending has its net delta and can undo it. */
export async function applyOp({ op, update }: PreparedOp, store: oxigraph.Store): Promise<Pending> {
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
          for (const q of op.delta.removed) changes.deleteQuad(toOxQuad(q));
          for (const q of op.delta.added) changes.addQuad(toOxQuad(q));
        } else if (!update) applyByDiff(op.update, op.baseIri, changes);
        else await applyUpdate(update, changes, op.unionDefaultGraph);
        changes.finish();
      } catch (e) {
        changes.rollback();
        throw e;
      }
      return changes;
    }
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
  for (const [k, q] of before) if (!after.has(k)) changes.deleteQuad(q);
  for (const [k, q] of after) if (!before.has(k)) changes.addQuad(q);
}
