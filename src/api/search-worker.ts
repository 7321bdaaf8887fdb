/**
 * The search worker: one SearchEngine, fed and asked by the HTTP thread's SearchIndex (search-index.ts). Requests
 * are answered in the order they arrive, so a search posted after an update sees it. Documents arrive as the bytes
 * a query worker made of the store's rows (search-docs.ts), handed over untouched by the HTTP thread; the index's
 * checkpoint is written and read here too (search-checkpoint.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SearchEngine, type SearchOptions } from './search-engine.js';
import { docsFromBytes } from './search-docs.js';
import { readCheckpoint, writeCheckpoint } from './search-checkpoint.js';

export type SearchOp =
  /** Re-indexes `ids` (their old documents go) with the documents in `bytes`; `clear` empties the index first. */
  | { op: 'replace'; ids: readonly string[]; bytes: Uint8Array; clear?: boolean }
  | { op: 'search'; query: string; opts: SearchOptions }
  /** Writes the index as it is now, labelled with `version`. */
  | { op: 'save'; file: string; version: number }
  /** Adopts the checkpoint if it is at `version`: answers whether it did. */
  | { op: 'restore'; file: string; version: number };
export type SearchRequest = SearchOp & { id: number };

const engine = new SearchEngine((workerData as { base: string }).base);

async function run(req: SearchRequest): Promise<unknown> {
  switch (req.op) {
    case 'replace':
      if (req.clear) engine.clear();
      engine.replace(req.ids, docsFromBytes(req.bytes));
      return null;
    case 'search':
      return engine.search(req.query, req.opts);
    case 'save':
      await writeCheckpoint(req.file, req.version, engine.toPlain());
      return true;
    case 'restore': {
      const plain = await readCheckpoint(req.file, req.version);
      if (plain) engine.loadPlain(plain);
      return plain !== undefined;
    }
  }
}

let last: Promise<void> = Promise.resolve();
parentPort!.on('message', (req: SearchRequest) => {
  // in order: a search posted after an update, or a checkpoint being read, waits for it
  last = last.then(async () => {
    try {
      const value = await run(req);
      parentPort!.postMessage({ id: req.id, ok: true, value, size: engine.size });
    } catch (error) {
      parentPort!.postMessage({ id: req.id, ok: false, message: error instanceof Error ? error.message : String(error), size: engine.size });
    }
  });
});
