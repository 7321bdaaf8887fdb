/**
 * A graph-store write (GSP PUT, POST, DELETE) on the writer's store. The net delta is computed on N-Quads lines
 * (line-delta.ts), so a large upload stays text until oxigraph loads it, and the store is changed with bulk calls.
 */
import oxigraph from 'oxigraph';
import type { Delta, GraphName } from './types.js';
import { lineDelta, linesText, nquadsLines } from './line-delta.js';
import { graphNQuads } from './local-read.js';
import { addNQuads, applyRecord, clearGraph, type ReplayRecord } from './record.js';
import { graphTerm, parseLabelled } from './terms.js';

/** A write applied to the writer's store and not yet committed: its net delta, its replay record, and how to undo it. */
export interface Pending {
  readonly empty: boolean;
  delta(): Delta;
  /** The net delta as N-Quads text and counts, when the write has it as text already (no quad objects made). */
  deltaText?(): DeltaText;
  record(): ReplayRecord;
  rollback(): void;
}

export interface DeltaText {
  added: string;
  removed: string;
  addedCount: number;
  removedCount: number;
}

/**
 * A graph-store write of N-Quads `lines` (every quad in `graph` already) against the graph's current content: PUT and
 * DELETE replace it (`replace`), POST adds.
 */
export function mergeGraphLines(store: oxigraph.Store, graph: GraphName, lines: readonly string[], replace: boolean): Pending {
  const g = graphTerm(graph);
  return mergeGraph(store, g.value, graphNQuads(store, g), lines, replace);
}

/**
 * GSP PUT (replace = true) or POST into graph `g` ('' = default). `existingText` is the graph's current content as
 * N-Quads; `incoming` is the lines of N-Quads text whose quads are all in `g` already.
 */
export function mergeGraph(store: oxigraph.Store, g: string, existingText: string, incoming: readonly string[], replace: boolean): Pending {
  const delta = lineDelta(nquadsLines([existingText]), incoming, replace);
  const { added, removed } = delta;
  const record: ReplayRecord = replace && removed.length > 0
    ? { cleared: [g], removed: '', added: linesText(delta.fresh) }
    : { removed: linesText(removed), added: linesText(added) };
  const empty = added.length === 0 && removed.length === 0;
  if (!empty) applyRecord(store, record);
  const text: DeltaText = { added: linesText(added), removed: linesText(removed), addedCount: added.length, removedCount: removed.length };
  return {
    empty,
    delta: () => ({ added: parseLabelled(text.added), removed: parseLabelled(text.removed) }),
    deltaText: () => text,
    record: () => record,
    rollback: () => {
      if (empty) return;
      clearGraph(store, g);
      addNQuads(store, existingText);
    },
  };
}
