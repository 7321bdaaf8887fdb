/**
 * A query worker's loop over a fake replica, for lane.test.ts: `delta` messages are logged, and an `eval` job answers
 * with its query and the deltas seen before it (a query `big` answers with more than fits in the lane, a query
 * `body TEXT` with a serialized result whose body is TEXT).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { WorkerLane, type LaneBuffers } from '../../src/store/lane.js';
import type { Job } from '../../src/store/replica-jobs.js';

const lane = new WorkerLane(workerData as LaneBuffers, parentPort!);
const seen: number[] = [];
const run = (job: Job) => {
  const query = job.kind === 'eval' ? job.req.query : job.kind;
  if (query.startsWith('body ')) {
    // a serialized result: its body travels as raw UTF-8 after the JSON
    lane.answer({ ok: true, value: { ok: true, form: 'DESCRIBE', body: query.slice(5), mediaType: 'application/n-triples' } }, (m) => parentPort!.postMessage(m));
    return;
  }
  lane.answer({ ok: true, value: { query, seen: [...seen], big: query === 'big' ? 'x'.repeat(1.5 * 2 ** 20) : undefined } }, (m) => parentPort!.postMessage(m));
};
type Message = { type: 'delta'; n: number } | { type: 'job'; job: Job };
const onMessage = (msg: Message) => (msg.type === 'delta' ? seen.push(msg.n) : run(msg.job));
parentPort!.on('message', (msg: Message) => lane.handle(msg, onMessage, run));
