/**
 * A query worker: one replica of the dataset, built straight from the snapshot on disk (or pieces for an in-memory
 * store) plus the journal records after it, so N workers load in parallel and hold N copies. It runs the pool's jobs
 * (replica-jobs.ts) and applies committed writes in the order they are posted, so a query posted after a commit sees
 * it. One worker is the writer: its jobs also apply a pending write. The pool terminates a worker whose job runs past
 * its timeout (oxigraph's `query()` is synchronous and cannot be cancelled).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ReplayRecord } from './bulk.js';
import { Replica, buildReplica, transferables, type Job, type ReplicaSeed } from './replica-jobs.js';

export type WorkerMessage =
  | { type: 'delta'; record: ReplayRecord }
  | { type: 'job'; id: number; job: Job };

const replica = new Replica(buildReplica(workerData as ReplicaSeed));
parentPort!.postMessage({ type: 'ready', quads: replica.count() });

parentPort!.on('message', (msg: WorkerMessage) => {
  if (msg.type === 'delta') replica.applyRecord(msg.record);
  else {
    const reply = replica.run(msg.job);
    parentPort!.postMessage({ type: 'reply', id: msg.id, reply }, transferables(reply));
  }
});
