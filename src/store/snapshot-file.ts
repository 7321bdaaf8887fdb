/**
 * Snapshot files read and written without holding the dataset as one string (V8 caps a string at ~512 M characters,
 * a 100k-release snapshot is ~1 GB). Reading streams the file in pieces cut at line ends straight into
 * `Store.load` (lenient: the file is our own, already checked, output); only pieces holding a blank node go through
 * the label-keeping path (record.ts addNQuads), because `Store.load` renames blank nodes and journal records name them.
 * Writing is synchronous so it can run in a worker thread (the writer's replica) without involving the HTTP thread.
 */
import { closeSync, fsyncSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import oxigraph from 'oxigraph';
import { addNQuads } from './record.js';
import { graphNQuads, namedGraphs } from './local-read.js';
import { isFsError, storageFault } from './storage-fault.js';

const PIECE = 16 << 20;
const BLANK = Buffer.from('_:');

/** The file behind `fd` in pieces of about `size` bytes, each ending after a line end (positional reads). */
export function* filePieces(fd: number, size = PIECE): Generator<Buffer> {
  let position = 0;
  let carry = Buffer.alloc(0);
  for (;;) {
    const buf = Buffer.allocUnsafe(size);
    const n = readSync(fd, buf, 0, size, position);
    position += n;
    if (n === 0) {
      if (carry.length > 0) yield carry;
      return;
    }
    const data = carry.length > 0 ? Buffer.concat([carry, buf.subarray(0, n)]) : buf.subarray(0, n);
    const cut = data.lastIndexOf(0x0a);
    if (cut < 0) {
      carry = data;
      continue;
    }
    yield data.subarray(0, cut + 1);
    carry = data.subarray(cut + 1);
  }
}

/** Loads an N-Quads snapshot file (open as `fd`) into `store`, keeping blank node labels. */
export function loadSnapshotFile(store: oxigraph.Store, fd: number): void {
  for (const piece of filePieces(fd)) {
    if (piece.indexOf(BLANK) < 0) store.load(piece, { format: 'application/n-quads', lenient: true, no_transaction: true });
    else addNQuads(store, piece.toString('utf8'), true);
  }
}

/** The whole store as N-Quads, graph by graph (one string per graph, never the whole dataset at once). */
export function* storeNQuads(store: oxigraph.Store): Generator<string> {
  for (const g of [oxigraph.defaultGraph(), ...namedGraphs(store)]) {
    const text = graphNQuads(store, g);
    if (text) yield text;
  }
}

/**
 * Writes `chunks` to `path` and fsyncs it (the caller renames it into place and fsyncs the directory). On failure the
 * file is removed, and a file-system error becomes a storage fault (507 STORAGE_FULL on a full disk): it is thrown in
 * the writer's thread and must reach the client as what it is, not as a query error.
 */
export function writeFileSynced(path: string, chunks: Iterable<string | Uint8Array>): void {
  try {
    const fd = openSync(path, 'w');
    try {
      for (const chunk of chunks) {
        const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
        for (let off = 0; off < buf.length;) off += writeSync(fd, buf, off, buf.length - off);
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    rmSync(path, { force: true });
    throw isFsError(e) ? storageFault(e, 'writing a snapshot') : e;
  }
}

/** Dumps `store` into the temp file `tmp`, fsynced (the caller puts it into place: journal.ts commitSnapshot). */
export function dumpStoreTo(store: oxigraph.Store, tmp: string): void {
  writeFileSynced(tmp, storeNQuads(store));
}
