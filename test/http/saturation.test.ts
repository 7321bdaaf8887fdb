/**
 * Under load (issue 21, point 4). Heavy cross products hold both query workers; what each test asserts is the state
 * the server reports (`/health`'s saturation, the answers' codes), reached through barriers on that state, never a
 * duration: a token write is answered while the heavy queries still hold the workers and the queue (the writer is a
 * thread of its own); a query that waits its whole timeout for a worker is answered 503 QUERY_TIMEOUT without running;
 * a cheap query queued behind heavy ones is answered once they are stopped at their timeout. Bounded: at most five
 * heavy queries at once, each stopped when its test closes the store.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DataFactory } from 'n3';
import type { StoreSaturation } from '../../src/store/types.js';
import { AUTH, EX, errorOf, makeApp, type TestApp } from '../support/http-support.js';

const { namedNode, literal, quad } = DataFactory;
const WORKERS = 2;
const JSON_RESULTS = 'application/sparql-results+json';
// 3,000 triples cubed: never ends before its timeout
const triples = () => Array.from({ length: 3000 }, (_, i) => quad(namedNode(`${EX}s${i}`), namedNode(`${EX}p`), literal(String(i))));
const heavy = (i: number) => `SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f FILTER(?a != <${EX}none${i}>) }`;
const sparql = (query: string) => `/sparql?query=${encodeURIComponent(query)}`;

async function saturation(t: TestApp): Promise<StoreSaturation> {
  const res = await t.request('/health');
  assert.equal(res.status, 200);
  return ((await res.json()) as { saturation: StoreSaturation }).saturation;
}

/** Polls /health until the store reports the state wanted (a barrier on the server's state; the test's timeout bounds it). */
async function until(t: TestApp, wanted: (s: StoreSaturation) => boolean): Promise<StoreSaturation> {
  for (;;) {
    const s = await saturation(t);
    if (wanted(s)) return s;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** An app whose own start-up reads (search index, statistics) are done: the query workers idle, nothing queued. */
async function quietApp(queryTimeoutMs: number): Promise<TestApp> {
  // one loopback client sends every request: the per-client bound in front of the store (decision 0016) is raised,
  // the store is what is under test
  const t = await makeApp({ queryTimeoutMs, queryWorkers: WORKERS, clientQueries: 16 }, triples());
  await until(t, (s) => s.query.running === 0 && s.query.queued === 0 && s.write.running === 0);
  return t;
}

/** Heavy queries run through the store itself with a timeout of their own (`timeoutMs`), settled or not. */
function occupy(t: TestApp, count: number, timeoutMs: number) {
  return Array.from({ length: count }, (_, i) => t.ctx.store.query({ query: heavy(i), unionDefaultGraph: true, format: JSON_RESULTS, timeoutMs })
    .then(() => ({ code: 'ANSWERED' }), (e: { code?: string }) => ({ code: e.code ?? String(e) })));
}

describe('saturation', { timeout: 180_000 }, () => {
  it('answers a token write while heavy anonymous queries hold every query worker and the queue, and /health shows each pool', async () => {
    const t = await quietApp(60_000);
    try {
      let settled = 0;
      const heavies = Array.from({ length: 5 }, (_, i) => t.request(sparql(heavy(i))).then(
        (res) => { settled++; return res.status; },
        () => { settled++; return 0; }));
      const full = await until(t, (s) => s.query.running === WORKERS && s.query.queued === 3);
      assert.equal(full.query.workers, WORKERS);
      assert.ok(full.query.oldestWaitMs >= 0);
      assert.deepEqual(full.write, { workers: 1, running: 0, queued: 0, oldestWaitMs: 0 });
      assert.deepEqual([full.expiredInQueue, full.timedOut, full.recycled], [0, 0, 0]);

      const write = await t.request('/sparql', { method: 'POST', headers: { 'Content-Type': 'application/sparql-update', ...AUTH }, body: `INSERT DATA { <${EX}w> <${EX}p> "w" }` });
      assert.equal(write.status, 204, await write.text());
      // answered while the queries it would once have waited for still hold both workers and the queue (each would
      // run for 60 s): nothing of theirs ended
      const after = await saturation(t);
      assert.equal(settled, 0);
      assert.equal(after.query.running, WORKERS);
      assert.ok(after.query.queued >= 3, `${after.query.queued} queued`);
      assert.deepEqual([after.write.running, after.write.queued], [0, 0]);
      assert.deepEqual([after.expiredInQueue, after.timedOut], [0, 0]);
      assert.equal(await t.ctx.store.version(), 1);
      void heavies; // answered by the store's closing (STORE_CLOSED) or cut off with the listener
    } finally {
      await t.close();
    }
  });

  it('answers 503 QUERY_TIMEOUT, without running it, a query that waited its whole timeout for a query worker', async () => {
    const t = await quietApp(2000);
    const occupiers = occupy(t, WORKERS, 60_000);
    try {
      await until(t, (s) => s.query.running === WORKERS);
      const res = await t.request(sparql(`ASK { <${EX}s7> <${EX}p> ?o }`), { headers: { Accept: JSON_RESULTS } });
      assert.equal(res.status, 503);
      assert.equal(res.headers.get('retry-after'), '1');
      assert.deepEqual(await errorOf(res), {
        code: 'QUERY_TIMEOUT',
        message: 'The query waited its whole time limit of 2 s for a free query worker and was not run: the service is busy.',
        detail: { seconds: 2, queued: true },
      });
      const s = await saturation(t);
      // the workers still run what held them: the ASK never reached one
      assert.deepEqual([s.query.running, s.query.queued, s.expiredInQueue, s.timedOut], [WORKERS, 0, 1, 0]);
      // and /metrics says the same, for alerting
      const metrics = (await (await t.request('/metrics')).text()).split('\n');
      for (const line of [
        'osce_kg_store_workers{pool="query"} 2', 'osce_kg_store_workers{pool="write"} 1',
        'osce_kg_store_jobs_running{pool="query"} 2', 'osce_kg_store_jobs_queued{pool="query"} 0',
        'osce_kg_store_queries_expired_in_queue_total 1', 'osce_kg_store_queries_timed_out_total 0',
      ]) assert.ok(metrics.includes(line), `${line} in\n${metrics.filter((l) => l.startsWith('osce_kg_store')).join('\n')}`);
    } finally {
      await t.close();
      assert.deepEqual((await Promise.all(occupiers)).map((o) => o.code), ['STORE_CLOSED', 'STORE_CLOSED']);
    }
  });

  it('answers a cheap query queued behind heavy ones once they are stopped at their timeout', async () => {
    const t = await quietApp(60_000);
    try {
      // the heavy queries' 5 s run from now; the ASK, sent as soon as they hold both workers, waits behind them
      const occupiers = occupy(t, WORKERS, 5000);
      await until(t, (s) => s.query.running === WORKERS);
      let answered = false;
      const ask = t.request(sparql(`ASK { <${EX}s7> <${EX}p> "7" }`), { headers: { Accept: JSON_RESULTS } }).finally(() => { answered = true; });
      const waiting = await until(t, (s) => s.query.queued === 1 || answered);
      assert.equal(waiting.query.queued, 1, 'the ASK was answered before it queued: the heavy queries ended early');
      const res = await ask;
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { head: {}, boolean: true });
      assert.deepEqual((await Promise.all(occupiers)).map((o) => o.code), ['QUERY_TIMEOUT', 'QUERY_TIMEOUT']);
      const s = await saturation(t);
      assert.deepEqual([s.expiredInQueue, s.timedOut], [0, WORKERS]);
    } finally {
      await t.close();
    }
  });
});
