/**
 * A query worker: one replica of the dataset, built straight from the snapshot on disk (or pieces for an in-memory
 * store) plus the journal records after it, so N workers load in parallel and hold N copies. It runs the pool's jobs
 * (replica-jobs.ts) and applies committed writes in the order they are posted, so a query posted after a commit sees
 * it. One worker is the writer: its jobs also apply a pending write. The pool terminates a worker whose job runs past
 * its timeout (oxigraph's `query()` is synchronous and cannot be cancelled).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ReplayRecord } from './bulk.js';
import { WorkerLane, type LaneBuffers, type LaneMessage, type ReplyMessage } from './lane.js';
import { Replica, buildReplica, transferables, type Job, type ReplicaSeed } from './replica-jobs.js';

export type WorkerMessage =
  | { type: 'delta'; record: ReplayRecord }
  | { type: 'job'; job: Job };

export interface QueryWorkerData extends ReplicaSeed {
  lane: LaneBuffers;
}

const data = workerData as QueryWorkerData;
const replica = new Replica(buildReplica(data));
const lane = new WorkerLane(data.lane, parentPort!);
parentPort!.postMessage({ type: 'ready', quads: replica.count() });

const post = (m: LaneMessage | ReplyMessage) =>
  parentPort!.postMessage(m, m.type === 'reply' ? transferables(m.reply) : []);
const run = (job: Job) => lane.answer(replica.run(job), post);

function onMessage(msg: WorkerMessage): void {
  if (msg.type === 'delta') replica.applyRecord(msg.record);
  else run(msg.job);
}

// after a job the next one often follows at once: the lane watches for it (lane.ts)
parentPort!.on('message', (msg: WorkerMessage) => lane.handle(msg, onMessage, run));
