/**
 * A query worker: holds one replica of the dataset and evaluates queries off the HTTP thread. It applies the
 * writer's committed deltas in the order they are posted, so a query posted after a commit sees it. The pool
 * terminates a worker whose query runs past its timeout (oxigraph's `query()` is synchronous and cannot be cancelled).
 */
import { parentPort, workerData } from 'node:worker_threads';
import oxigraph from 'oxigraph';
import { evaluate, type EvalRequest } from './evaluate.js';
import { parseNQuads } from './terms.js';
import { applyReplicaDelta } from './replica.js';

export type WorkerMessage =
  | { type: 'delta'; removed: string; added: string }
  | ({ type: 'query'; id: number } & EvalRequest);

const store = new oxigraph.Store();
for (const q of parseNQuads((workerData as { nquads: string }).nquads)) store.add(q);
parentPort!.postMessage({ type: 'ready' });

parentPort!.on('message', (msg: WorkerMessage) => {
  if (msg.type === 'delta') {
    applyReplicaDelta(store, parseNQuads(msg.removed), parseNQuads(msg.added));
  } else {
    const { id, type: _type, ...req } = msg;
    parentPort!.postMessage({ type: 'reply', id, reply: evaluate(store, req) });
  }
});
