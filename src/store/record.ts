/**
 * A `ReplayRecord` is how a committed write is replayed on a replica or from the journal: clear these graphs, delete
 * these quads, add these quads. For most writes it is the net delta; a graph replacement (GSP PUT) is "clear the graph,
 * add the new content", which avoids per-quad deletes of a whole graph.
 *
 * Oxigraph's per-quad `add`/`has` cross the JS↔WASM boundary term by term (about 10x the cost of `Store.load`), but
 * `load` renames blank nodes. So N-Quads lines without blank nodes go through `load`, and only lines with a blank
 * node are parsed and added one by one (labels kept).
 */
import oxigraph from 'oxigraph';
import { parseNQuads } from './terms.js';

export interface ReplayRecord {
  /** Graph IRIs, '' for the default graph: emptied before `removed` and `added` apply. */
  cleared?: string[];
  removed: RecordText;
  added: RecordText;
}

/**
 * N-Quads of a record: text, or UTF-8 bytes as the writer sends a committed record, so it crosses threads by transfer
 * and copy rather than as a string (deserializing a large string holds the receiving thread).
 */
export type RecordText = string | Uint8Array;

export function recordText(t: RecordText): string {
  return typeof t === 'string' ? t : new TextDecoder().decode(t);
}

/** Its size: characters of text, bytes of UTF-8 (what compaction thresholds count). */
export function recordSize(t: RecordText): number {
  return typeof t === 'string' ? t.length : t.byteLength;
}

/**
 * The record with its N-Quads as UTF-8 bytes in shared memory: the calling thread posts a committed record to every
 * replica, and a shared buffer crosses by reference, where a plain one is copied once per replica on the thread that
 * answers requests (twice 20 MB for a 16 MB upload).
 */
export function recordBytes(record: ReplayRecord): ReplayRecord & { removed: Uint8Array; added: Uint8Array } {
  return { ...record, removed: sharedUtf8(record.removed), added: sharedUtf8(record.added) };
}

const encoder = new TextEncoder();

function sharedUtf8(t: RecordText): Uint8Array {
  if (typeof t !== 'string') return t;
  const bytes = new Uint8Array(new SharedArrayBuffer(Buffer.byteLength(t, 'utf8')));
  encoder.encodeInto(t, bytes);
  return bytes;
}

/**
 * Adds N-Quads to a store, keeping blank node labels (`lenient` for text this store wrote itself). The text goes to
 * `Store.load` as pieces of about LOAD_PIECE bytes in one call, never as one string: oxigraph 0.5.11's WebAssembly
 * load of one large string costs far more than its size (430,701 triples, 100 MB: as one string 322 s, as 1 MiB
 * pieces 3.8-5.0 s of CPU; docs/decisions/0031-replicas-apply-in-turn.md).
 */
export function addNQuads(store: oxigraph.Store, text: RecordText, lenient = false): void {
  const plain: string[] = [];
  const blank: string[] = [];
  for (const piece of textPieces(text)) {
    if (!piece.includes('_:')) {
      plain.push(piece);
      continue;
    }
    const lines: string[] = [];
    for (const line of piece.split('\n')) if (line) (line.includes('_:') ? blank : lines).push(line);
    if (lines.length > 0) plain.push(`${lines.join('\n')}\n`);
  }
  // the bulk loader (no_transaction): the same pieces in a transaction took half the WebAssembly memory, but under a
  // loaded machine V8 (Node 20) aborted the whole process in its deoptimizer ("unreachable code") about 1 run in 5 of
  // store-write-transaction's large rejected upload, never with the bulk loader (decision 0031)
  if (plain.length > 0) store.load(plain, { format: 'application/n-quads', no_transaction: true, lenient });
  if (blank.length > 0) for (const q of parseNQuads(blank.join('\n'))) store.add(q);
}

/** Bytes per piece handed to `Store.load` (linear cost from 256 KiB to 8 MiB pieces; one 100 MB string is not). */
const LOAD_PIECE = 1 << 20;

/** N-Quads text or UTF-8 bytes as strings of about LOAD_PIECE, each ending at a line end. */
export function* textPieces(text: RecordText): Generator<string> {
  const bytes = typeof text === 'string' ? undefined : Buffer.from(text.buffer, text.byteOffset, text.byteLength);
  const length = bytes ? bytes.byteLength : (text as string).length;
  for (let at = 0; at < length;) {
    let end = Math.min(length, at + LOAD_PIECE);
    if (end < length) {
      const nl = bytes ? bytes.lastIndexOf(0x0a, end - 1) : (text as string).lastIndexOf('\n', end - 1);
      end = nl >= at ? nl + 1 : length; // a line longer than a piece: the rest in one
      if (nl < at) {
        const next = bytes ? bytes.indexOf(0x0a, at + LOAD_PIECE) : (text as string).indexOf('\n', at + LOAD_PIECE);
        end = next < 0 ? length : next + 1;
      }
    }
    yield bytes ? bytes.toString('utf8', at, end) : (text as string).slice(at, end);
    at = end;
  }
}

export function applyRecord(store: oxigraph.Store, record: ReplayRecord): void {
  for (const g of record.cleared ?? []) clearGraph(store, g);
  const touched: oxigraph.NamedNode[] = [];
  for (const q of parseNQuads(recordText(record.removed))) {
    store.delete(q);
    if (q.graph.termType === 'NamedNode') touched.push(q.graph);
  }
  addNQuads(store, record.added);
  dropEmptyGraphs(store, touched);
}

/** Empties a graph ('' = the default graph). */
export function clearGraph(store: oxigraph.Store, g: string): void {
  store.update(g === '' ? 'CLEAR DEFAULT' : `DROP SILENT GRAPH <${g}>`);
}

/**
 * After deletions, by the writer and the replicas alike so both end in the same state: a named graph left without
 * quads is dropped: oxigraph otherwise keeps it as an empty graph that `GRAPH ?g {}` still finds, and the journal
 * (quads only) could not reproduce it after a restart.
 */
export function dropEmptyGraphs(store: oxigraph.Store, graphs: Iterable<oxigraph.NamedNode | oxigraph.BlankNode>): void {
  for (const g of graphs) {
    if (g.termType === 'NamedNode' && store.query(`ASK { GRAPH <${g.value}> { ?s ?p ?o } }`) === false) {
      store.update(`DROP SILENT GRAPH <${g.value}>`);
    }
  }
}
