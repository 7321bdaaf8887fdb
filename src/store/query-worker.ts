/**
 * A query worker: one replica of the dataset, built straight from the snapshot on disk (or pieces for an in-memory
 * store) plus the journal records after it, so N workers load in parallel and hold N copies. It runs the pool's jobs
 * (replica-jobs.ts) and applies committed writes in the order they are posted, so a query posted after a commit sees
 * it. One worker is the writer: its jobs also apply a pending write. The pool terminates a worker whose job runs past
 * its timeout (oxigraph's `query()` is synchronous and cannot be cancelled).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ReplayRecord } from './record.js';
import { Replica, buildReplica, transferables, type Job, type JobReply, type ReplicaSeed } from './replica-jobs.js';

/** What the pool posts to a worker. */
export type WorkerMessage =
  | { type: 'delta'; record: ReplayRecord }
  | { type: 'job'; job: Job };

/** What a worker posts: once loaded, then one reply per job, in order. */
export type ReplyMessage =
  | { type: 'ready'; quads: number }
  | { type: 'reply'; reply: JobReply };

const replica = new Replica(buildReplica(workerData as ReplicaSeed));
const post = (message: ReplyMessage) => parentPort!.postMessage(message, message.type === 'reply' ? transferables(message.reply) : []);
post({ type: 'ready', quads: replica.count() });

// in order: a committed write posted before a job is applied before it runs
let last: Promise<void> = Promise.resolve();
parentPort!.on('message', (msg: WorkerMessage) => {
  last = last.then(async () => {
    if (msg.type === 'delta') replica.applyRecord(msg.record);
    else post({ type: 'reply', reply: await replica.run(msg.job) });
  });
});
