/**
 * A query worker: one replica of the dataset, built straight from the snapshot on disk (or pieces for an in-memory
 * store) plus the journal records after it, so N workers load in parallel and hold N copies. It runs the pool's jobs
 * (replica.ts) and applies committed writes in the order they are posted, so a query posted after a commit sees it.
 * One worker is the writer: its write jobs hold a pending write (writer.ts). The pool terminates a worker whose job
 * runs past its timeout (oxigraph's `query()` is synchronous and cannot be cancelled).
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { Replica, buildReplica } from './replica.js';
import { replyTransferables, type FromWorker, type ReplicaSeed, type ToWorker } from './protocol.js';

const replica = new Replica(buildReplica(workerData as ReplicaSeed));
const post = (message: FromWorker, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(message, transfer);
// this isolate's memory outside its heap: oxigraph's WebAssembly memory, which grows with a result and never shrinks
const memory = () => getHeapStatistics().external_memory;
const heap = () => getHeapStatistics().used_heap_size;
post({ type: 'ready', quads: replica.count(), memory: memory(), heap: heap() });

// in order: a committed write posted before a job is applied before it runs, and a write's job may await (its gate)
let last: Promise<void> = Promise.resolve();
parentPort!.on('message', (msg: ToWorker) => {
  last = last.then(async () => {
    if (msg.type === 'record') {
      const hold = (workerData as ReplicaSeed).holdRecords;
      while (hold && Atomics.load(hold, 0) !== 0) Atomics.wait(hold, 0, Atomics.load(hold, 0), 1000);
      replica.applyRecord(msg.record);
      post({ type: 'applied' });
    } else {
      const started = performance.now();
      const reply = await replica.run(msg.job);
      const transfer = replyTransferables(reply);
      // the reply's buffers (a reduced SELECT's hundreds of MB at 100k) leave with it: not memory this worker keeps
      const leaving = transfer.reduce((n, b) => n + b.byteLength, 0);
      post({ type: 'reply', reply, memory: memory() - leaving, heap: heap(), ms: performance.now() - started, pending: replica.holding }, transfer);
    }
  });
});
