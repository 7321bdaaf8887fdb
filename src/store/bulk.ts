/**
 * Fast paths for large data. Oxigraph's per-quad `add`/`has` cross the JS↔WASM boundary term by term (about 10x the
 * cost of `Store.load`), but `load` renames blank nodes. So N-Quads lines without blank nodes go through `load`, and
 * only lines with a blank node are parsed and added one by one (labels kept).
 *
 * A `ReplayRecord` is how a committed write is replayed on a replica or from the journal: clear these graphs, delete
 * these quads, add these quads. For most writes it is the net delta; a graph replacement (GSP PUT) is "clear the graph,
 * add the new content", which avoids per-quad deletes of a whole graph.
 */
import oxigraph from 'oxigraph';
import { Parser } from 'n3';
import type { Quad } from '@rdfjs/types';
import type { Delta } from './types.js';
import { parseNQuads } from './terms.js';
import { lineDelta, linesText, nquadsLines } from './line-delta.js';
import { dropEmptyGraphs } from './replica.js';

export interface ReplayRecord {
  /** Graph IRIs, '' for the default graph: emptied before `removed` and `added` apply. */
  cleared?: string[];
  removed: RecordText;
  added: RecordText;
}

/**
 * N-Quads of a record: text, or UTF-8 bytes as the writer sends a committed record, so it crosses threads by transfer
 * and copy rather than as a string (a 100 MB string held the receiving thread for 80-160 ms to deserialize).
 */
export type RecordText = string | Uint8Array;

export function recordText(t: RecordText): string {
  return typeof t === 'string' ? t : new TextDecoder().decode(t);
}

/** Its size: characters of text, bytes of UTF-8 (what compaction thresholds count). */
export function recordSize(t: RecordText): number {
  return typeof t === 'string' ? t.length : t.byteLength;
}

/** The record with its N-Quads as UTF-8 bytes. */
export function recordBytes(record: ReplayRecord): ReplayRecord & { removed: Uint8Array; added: Uint8Array } {
  const encoder = new TextEncoder();
  const bytes = (t: RecordText) => (typeof t === 'string' ? encoder.encode(t) : t);
  return { ...record, removed: bytes(record.removed), added: bytes(record.added) };
}

/** Adds N-Quads text to a store, keeping blank node labels (`lenient` for text this store wrote itself). */
export function addNQuads(store: oxigraph.Store, text: string, lenient = false): void {
  if (!text) return;
  if (!text.includes('_:')) {
    store.load(text, { format: 'application/n-quads', no_transaction: true, lenient });
    return;
  }
  const plain: string[] = [];
  const blank: string[] = [];
  for (const line of text.split('\n')) if (line) (line.includes('_:') ? blank : plain).push(line);
  if (plain.length > 0) store.load(plain.join('\n'), { format: 'application/n-quads', no_transaction: true, lenient });
  if (blank.length > 0) for (const q of parseNQuads(blank.join('\n'))) store.add(q);
}

export function applyRecord(store: oxigraph.Store, record: ReplayRecord): void {
  for (const g of record.cleared ?? []) clearGraph(store, g);
  const touched: oxigraph.NamedNode[] = [];
  for (const q of parseNQuads(recordText(record.removed))) {
    store.delete(q);
    if (q.graph.termType === 'NamedNode') touched.push(q.graph);
  }
  addNQuads(store, recordText(record.added));
  dropEmptyGraphs(store, touched);
}

function clearGraph(store: oxigraph.Store, g: string): void {
  store.update(g === '' ? 'CLEAR DEFAULT' : `DROP SILENT GRAPH <${g}>`);
}

/** A write prepared outside the per-quad recorder: its net delta, its replay record, and how to undo it. */
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
 * GSP PUT (replace = true) or POST into graph `g` ('' = default). `existingText` is the graph's current content as
 * N-Quads; `incoming` is the lines of N-Quads text (n3's Writer) whose quads are all in `g` already. The net delta is computed on
 * lines (line-delta.ts); the store is changed with bulk calls.
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

/** N-Quads to RDF/JS quads, blank node labels kept. */
export function parseLabelled(text: string): Quad[] {
  return text ? (new Parser({ format: 'N-Quads', blankNodePrefix: '' }).parse(text) as Quad[]) : [];
}

/** One input of a bulk load (`osce-kg load`). */
export interface BulkInput {
  /** The content: a file to read (streamed in pieces), or the data itself. */
  file?: string;
  data?: string | Uint8Array;
  /** Media type: text/turtle, application/n-triples, application/n-quads, application/trig, application/rdf+xml, ... */
  format: string;
  baseIri?: string;
  /** Load triples into this named graph instead of the default graph. */
  graph?: string;
}
