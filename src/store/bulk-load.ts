/**
 * The bulk path of `osce-kg load`: inputs are parsed (checked) into the replica in 16 MiB pieces, which `Store.load`
 * takes about twice as fast as one large buffer. N-Quads/N-Triples input into the default graph without blank
 * nodes is already in snapshot form, so the new snapshot is the old one with the input appended: no dump.
 */
import { closeSync, copyFileSync, fsyncSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import oxigraph from 'oxigraph';
import { isEngineFault, storeFull } from './engine-fault.js';
import { isFsError, storageFault } from './storage-fault.js';

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

const PIECE = 16 << 20;

/** The input's bytes in pieces (a file is read as it goes, never whole). */
function* inputPieces(input: BulkInput): Generator<Uint8Array> {
  if (input.file === undefined) {
    const data = input.data ?? '';
    yield typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    return;
  }
  const fd = openSync(input.file, 'r');
  try {
    for (let position = 0; ;) {
      const buf = Buffer.allocUnsafe(PIECE);
      const n = readSync(fd, buf, 0, PIECE, position);
      if (n === 0) return;
      position += n;
      yield buf.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

export function loadInputs(store: oxigraph.Store, inputs: BulkInput[]): void {
  for (const input of inputs) {
    try {
      store.load(inputPieces(input), { format: input.format, base_iri: input.baseIri, no_transaction: true,
        ...(input.graph ? { to_graph_name: oxigraph.namedNode(input.graph) } : {}) });
    } catch (e) {
      throw isEngineFault(e) ? storeFull(e) : e;
    }
  }
}

/** N-Quads or N-Triples (valid N-Quads lines) into the default graph, without a blank node: snapshot form already. */
export function appendable(input: BulkInput): boolean {
  if (input.graph || (input.format !== 'application/n-quads' && input.format !== 'application/n-triples')) return false;
  let tail = Buffer.alloc(0);
  for (const piece of inputPieces(input)) {
    const buf = Buffer.concat([tail, piece]); // a "_:" split across two pieces is still found
    if (buf.indexOf('_:') >= 0) return false;
    tail = buf.subarray(buf.length - 1);
  }
  return true;
}

/** Writes `current` followed by the inputs to `tmp`, fsynced (no temp file is left on failure; the caller renames it). */
export function appendSnapshot(current: string, inputs: BulkInput[], tmp: string): void {
  try {
    appendTo(current, inputs, tmp);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw isFsError(e) ? storageFault(e, 'writing a snapshot') : e;
  }
}

function appendTo(current: string, inputs: BulkInput[], tmp: string): void {
  copyFileSync(current, tmp);
  const fd = openSync(tmp, 'a');
  try {
    for (const input of inputs) {
      let last = 0x0a;
      for (const piece of inputPieces(input)) {
        for (let off = 0; off < piece.length;) off += writeSync(fd, piece, off, piece.length - off);
        if (piece.length > 0) last = piece[piece.length - 1]!;
      }
      if (last !== 0x0a) writeSync(fd, '\n');
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
