import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Quad } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { AUTH, EX, errorOf, makeApp } from '../support/http-support.js';
import type { StoreSaturation } from '../../src/store/types.js';

const { namedNode, literal, quad } = DataFactory;

function manyTriples(n: number): Quad[] {
  return Array.from({ length: n }, (_, i) => quad(namedNode(`${EX}s${i}`), namedNode(`${EX}p`), literal(String(i))));
}

describe('operations and limits', () => {
  it('health reports liveness and readiness with the store size', async () => {
    // the query pool's saturation is reported only where there are query workers
    const t = await makeApp({ queryWorkers: 1 });
    try {
      const res = await t.request('/health');
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      const { saturation, statistics, ...rest } = (await res.json()) as { saturation: StoreSaturation; statistics: { mode: string; version: number; restored: number; rebuilt: number } };
      assert.deepEqual(rest, { status: 'ok', live: true, ready: true, quads: 3, version: 0, storage: { writable: true } });
      // the statistics (no data dir: never restored); they may still be read from the store (version -1, none built)
      assert.equal(statistics.mode, 'index');
      assert.equal(statistics.restored, 0);
      assert.ok(statistics.version === -1 ? statistics.rebuilt === 0 : statistics.version === 0 && statistics.rebuilt === 1, JSON.stringify(statistics));
      // each pool as it stands: the app's own start-up reads (the search index) may be running or queued, so those
      // counts are not fixed; the writer's pool, the workers and what was cut short since start are
      assert.deepEqual(Object.keys(saturation), ['query', 'write', 'expiredInQueue', 'timedOut', 'recycled', 'writerRecycled', 'version', 'applying', 'behind']);
      assert.deepEqual(Object.keys(saturation.query), ['workers', 'running', 'queued', 'oldestWaitMs']);
      assert.equal(saturation.query.workers, 1);
      assert.deepEqual(saturation.write, { workers: 1, running: 0, queued: 0, oldestWaitMs: 0 });
      assert.deepEqual([saturation.expiredInQueue, saturation.timedOut, saturation.recycled, saturation.writerRecycled], [0, 0, 0, 0]);
      // the version queries see (no write yet), and no replica applying a write or behind the newest
      assert.deepEqual([saturation.version, saturation.applying, saturation.behind], [0, 0, 0]);
    } finally {
      await t.close();
    }
  });

  it('metrics expose requests by route and status, query counts and the store size', async () => {
    const t = await makeApp();
    try {
      await t.request(`/sparql?query=${encodeURIComponent('ASK {}')}`);
      await t.request(`/sparql?query=${encodeURIComponent('ASK {')}`);
      const res = await t.request('/metrics');
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
      const lines = (await res.text()).split('\n');
      assert.ok(lines.includes('osce_kg_http_requests_total{method="GET",route="/sparql",status="200"} 1'));
      assert.ok(lines.includes('osce_kg_http_requests_total{method="GET",route="/sparql",status="400"} 1'));
      assert.ok(lines.includes('osce_kg_sparql_operations_total{kind="query",outcome="ok"} 1'));
      // the syntax error is found by the engine (only federated and SELECT * queries are parsed first): an error outcome
      assert.ok(lines.includes('osce_kg_sparql_operations_total{kind="query",outcome="error"} 1'));
      assert.ok(lines.includes('osce_kg_sparql_operation_duration_seconds_count{kind="query"} 2'));
      assert.ok(lines.includes('osce_kg_store_quads 3'));
    } finally {
      await t.close();
    }
  });

  it('metrics give each worker thread\'s WebAssembly memory and JS heap, the HTTP thread\'s heap and the process RSS', async () => {
    const t = await makeApp({ queryWorkers: 1 });
    try {
      await t.request(`/sparql?query=${encodeURIComponent('ASK { ?s ?p ?o }')}`);
      const scrape = async () => new Map((await (await t.request('/metrics')).text()).split('\n').filter((l) => l && !l.startsWith('#')).map((l) => {
        const at = l.lastIndexOf(' ');
        return [l.slice(0, at), Number(l.slice(at + 1))] as const;
      }));
      // a worker is listed once its replica has loaded (the writer's may load after the query worker answered)
      let values = await scrape();
      for (let i = 0; i < 100 && !values.has('osce_kg_worker_heap_bytes{pool="write",worker="0"}'); i++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        values = await scrape();
      }
      const names = ['osce_kg_worker_external_bytes', 'osce_kg_worker_heap_bytes'];
      // one query worker and the writer, each with a replica loaded: WebAssembly memory (MiBs) and a JS heap
      for (const name of names) {
        assert.deepEqual([...values.keys()].filter((k) => k.startsWith(`${name}{`)).sort(), [`${name}{pool="query",worker="0"}`, `${name}{pool="write",worker="0"}`]);
      }
      for (const pool of ['query', 'write']) assert.ok(values.get(`osce_kg_worker_external_bytes{pool="${pool}",worker="0"}`)! >= 1 << 20);
      const heap = values.get('osce_kg_main_heap_bytes')!;
      assert.ok(heap > 0 && heap < values.get('osce_kg_process_rss_bytes')!);
      // the HTTP thread's garbage collections: counted by length, each threshold counting fewer than the one below
      const pauses = ['1ms', '5ms', '10ms', '50ms'].map((over) => values.get(`osce_kg_main_gc_pauses_total{over="${over}"}`));
      assert.ok(pauses.every((n) => typeof n === 'number' && n >= 0), JSON.stringify(pauses));
      assert.ok(pauses.every((n, i) => i === 0 || n! <= pauses[i - 1]!));
      assert.ok(values.get('osce_kg_main_gc_seconds_total')! >= 0);
    } finally {
      await t.close();
    }
  });

  it('a runaway query is stopped with 503 QUERY_TIMEOUT while health and other queries are answered', async () => {
    const t = await makeApp({ queryTimeoutMs: 3000, queryWorkers: 2 }, manyTriples(3000));
    try {
      // warm both workers (WASM start-up) so that the other query finds one ready
      // (with a generous timeout: a worker still starting counts against the timeout of its first query)
      const warm = { query: 'ASK {}', unionDefaultGraph: true, format: 'application/sparql-results+json', timeoutMs: 30_000 };
      await Promise.all([t.ctx.store.query(warm), t.ctx.store.query(warm)]);
      const runaway = `SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }`;
      const started = Date.now();
      let stopped = false;
      const slow = Promise.resolve(t.request(`/sparql?query=${encodeURIComponent(runaway)}`)).finally(() => (stopped = true));
      await new Promise((r) => setTimeout(r, 150));
      const health = await t.request('/health');
      assert.equal(health.status, 200);
      const other = await t.request(`/sparql?query=${encodeURIComponent(`ASK { <${EX}s1> ?p ?o }`)}`);
      const otherBody = await other.text();
      assert.equal(other.status, 200, otherBody);
      assert.equal((JSON.parse(otherBody) as { boolean: boolean }).boolean, true);
      assert.equal(stopped, false, 'health and the other query were answered while the runaway query ran');
      const res = await slow;
      assert.equal(res.status, 503);
      assert.equal(res.headers.get('retry-after'), '1');
      assert.equal((await errorOf(res)).code, 'QUERY_TIMEOUT');
      const elapsed = Date.now() - started;
      assert.ok(elapsed >= 3000, `timeout answered after ${elapsed} ms, before the 3 s limit`);
      // the store keeps serving after the worker was replaced
      const again = await t.request(`/sparql?query=${encodeURIComponent('ASK {}')}`);
      assert.equal(again.status, 200);
    } finally {
      await t.close();
    }
  });

  it('a runaway update WHERE is stopped with 503 QUERY_TIMEOUT and changes nothing', async () => {
    const t = await makeApp({ queryWorkers: 1, queryTimeoutMs: 1000 }, manyTriples(3000));
    try {
      const update = `INSERT { <${EX}x> <${EX}count> ?n } WHERE { SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f } }`;
      const res = await t.request('/sparql', { method: 'POST', headers: { 'Content-Type': 'application/sparql-update', ...AUTH }, body: update });
      assert.equal(res.status, 503);
      assert.equal((await errorOf(res)).code, 'QUERY_TIMEOUT');
      assert.equal(await t.ctx.store.size(), 3000);
    } finally {
      await t.close();
    }
  });
});
