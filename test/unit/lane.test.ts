import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { PoolLane, poolWords, setQuiet } from '../../src/store/lane.js';
import type { Job, JobReply } from '../../src/store/replica-jobs.js';

/** The workers' spin time here: long enough that the pool's watch (half of it) sees a sleeping worker's reply. */
const SPIN_MS = 200;
const evalJob = (query: string): Job => ({ kind: 'eval', req: { mode: 'serialize', query, union: true } });

/** A worker running lane-worker.ts, its pool end, and its messages. */
async function start() {
  const words = poolWords();
  setQuiet(words, true);
  const lane = new PoolLane(words, 3, SPIN_MS);
  const worker = new Worker(new URL('./lane-worker.js', import.meta.url), { workerData: lane.buffers });
  await once(worker, 'online');
  const next = async (): Promise<{ type: string; id?: number; reply?: JobReply }> => (await once(worker, 'message'))[0];
  /** Sends a job the way the pool does: through the lane if the worker watches it, else as a message. */
  const send = (id: number, job: Job, watched: boolean): boolean => {
    const laned = lane.send(id, job, watched);
    if (!laned) worker.postMessage({ type: 'job', job });
    return laned;
  };
  return { words, lane, worker, next, send };
}

const value = (reply: JobReply | undefined) => (reply?.ok ? (reply.value as { query: string; seen: number[]; big?: string }) : undefined);

test('lane: a job sent while the worker watches goes through the lane, and a watched reply comes back through it, a result body as it was', async (t) => {
  const { lane, worker, send } = await start();
  t.after(() => worker.terminate());
  // the worker sleeps: the first job is posted; its reply still comes through the watched lane
  // (asserted after both: the first use of assert can take longer than the worker watches)
  const posted = send(1, evalJob('first'), true);
  const first = lane.watch();
  // now it watches: the next job goes through the lane
  const laned = send(2, evalJob('second'), true);
  const second = lane.watch();
  assert.deepEqual([posted, laned], [false, true]);
  assert.deepEqual(value(first), { query: 'first', seen: [] });
  assert.deepEqual(value(second), { query: 'second', seen: [] });
  // a serialized result's body (here with quotes, escapes and non-ASCII text) comes back unchanged
  const body = '<http://ex.org/a> <http://ex.org/p> "Z\\u00FCrich \\"quoted\\"\\n Łódź ✓" .\n';
  assert.equal(send(3, evalJob(`body ${body}`), true), true);
  assert.deepEqual(lane.watch(), { ok: true, value: { ok: true, form: 'DESCRIBE', body, mediaType: 'application/n-triples' } });
  // and a reply after it, without a body, is plain JSON again
  assert.equal(send(4, evalJob('plain'), true), true);
  assert.deepEqual(value(lane.watch()), { query: 'plain', seen: [] });
});

test('lane: messages posted before a lane job (committed writes) are handled before it runs', async (t) => {
  const { lane, worker, send } = await start();
  t.after(() => worker.terminate());
  send(1, evalJob('first'), true);
  const first = lane.watch();
  worker.postMessage({ type: 'delta', n: 7 });
  worker.postMessage({ type: 'delta', n: 8 });
  const laned = send(2, evalJob('after'), true);
  const after = lane.watch();
  assert.ok(first);
  assert.equal(laned, true);
  assert.deepEqual(value(after), { query: 'after', seen: [7, 8] });
});

test('lane: an unwatched reply comes with a lane message, a reply too big for the lane as a reply message with the job id', async (t) => {
  const { lane, worker, next, send } = await start();
  t.after(() => worker.terminate());
  send(1, evalJob('first'), false);
  assert.deepEqual(await next(), { type: 'lane' });
  assert.deepEqual(value(lane.take()), { query: 'first', seen: [] });
  assert.equal(lane.take(), undefined, 'a reply is taken once');

  send(2, evalJob('big'), true);
  assert.equal(lane.watch(), undefined);
  const posted = await next();
  assert.equal(posted.type, 'reply');
  assert.equal(posted.id, 2);
  assert.equal(value(posted.reply)?.big?.length, 1.5 * 2 ** 20);
});

test('lane: a job of another kind goes as a message and its reply too; a worker stops watching while the pool is busy, another worker got the latest job, or no job came', async (t) => {
  const { lane, words, worker, next, send } = await start();
  t.after(() => worker.terminate());
  const begin: Job = { kind: 'begin', op: { type: 'delete-graph', graph: 'default' } };
  assert.equal(send(1, begin, true), false);
  assert.equal(lane.watch(), undefined);
  const posted = await next();
  assert.deepEqual([posted.type, posted.id, value(posted.reply)?.query], ['reply', 1, 'begin']);
  // it watches after that job, but not once the pool is busy
  setQuiet(words, false);
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(send(2, evalJob('busy'), true), false);
  assert.deepEqual(value(lane.watch()), { query: 'busy', seen: [] });
  // nor once another worker got the latest job (only one watches)
  setQuiet(words, true);
  assert.equal(send(3, evalJob('mine'), true), false);
  assert.ok(lane.watch());
  new PoolLane(words, 4, SPIN_MS).send(9, evalJob('elsewhere'), false);
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(send(4, evalJob('after another'), true), false);
  assert.ok(lane.watch());
  // and not past its spin time without work
  await new Promise((resolve) => setTimeout(resolve, SPIN_MS + 50));
  assert.equal(send(5, evalJob('late'), true), false);
  assert.deepEqual(value(lane.watch()), { query: 'late', seen: [] });
});
