/**
 * A query worker: holds one replica of the dataset and evaluates queries off the HTTP thread. It applies the
 * writer's committed deltas in the order they are posted, so a query posted after a commit sees it. The pool
 * terminates a worker whose query runs past its timeout (oxigraph's `query()` is synchronous and cannot be cancelled).
 */
import { parentPort, workerData } from 'node:worker_threads';
import oxigraph from 'oxigraph';
import { evaluate, type EvalRequest } from './evaluate.js';
import { addNQuads, applyRecord, type ReplayRecord } from './bulk.js';

export type WorkerMessage =
  | { type: 'delta'; record: ReplayRecord }
  | ({ type: 'query'; id: number } & EvalRequest);

const store = new oxigraph.Store();
for (const chunk of (workerData as { chunks: string[] }).chunks) addNQuads(store, chunk);
parentPort!.postMessage({ type: 'ready' });

parentPort!.on('message', (msg: WorkerMessage) => {
  if (msg.type === 'delta') {
    applyRecord(store, msg.record);
  } else {
    const { id, type: _type, ...req } = msg;
    parentPort!.postMessage({ type: 'reply', id, reply: evaluate(store, req) });
  }
});
