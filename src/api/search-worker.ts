/**
 * The search worker: one SearchEngine, fed and asked by the HTTP thread's SearchIndex (search-index.ts). Requests
 * are answered in the order they arrive, so a search posted after an update sees it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SearchEngine, type SearchDoc, type SearchOptions } from './search-engine.js';

export type SearchOp =
  | { op: 'clear' }
  | { op: 'replace'; ids: readonly string[]; docs: SearchDoc[] }
  | { op: 'search'; query: string; opts: SearchOptions };
export type SearchRequest = SearchOp & { id: number };

const engine = new SearchEngine((workerData as { base: string }).base);

parentPort!.on('message', (req: SearchRequest) => {
  try {
    let value: unknown = null;
    if (req.op === 'clear') engine.clear();
    else if (req.op === 'replace') engine.replace(req.ids, req.docs);
    else value = engine.search(req.query, req.opts);
    parentPort!.postMessage({ id: req.id, ok: true, value, size: engine.size });
  } catch (error) {
    parentPort!.postMessage({ id: req.id, ok: false, message: error instanceof Error ? error.message : String(error), size: engine.size });
  }
});
