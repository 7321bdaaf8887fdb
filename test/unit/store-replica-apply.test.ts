/**
 * Query replicas apply a committed write in turn (decision 0031): while one applies it, another answers queries at
 * the previous version; the write is acknowledged once a replica has applied it, and every query started after the
 * acknowledgement sees it; a query started before may see either version, never part of the write. With one query
 * worker, the write is acknowledged once durable and queries wait for the replica to apply it (as before).
 * Asserted by states, not durations: the replicas' application is held open (`holdRecords`, a shared flag the
 * query workers wait on before applying a record) and the barriers are the pool's own counts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataFactory } from 'n3';
import { createMemoryStore, type EmbeddedStore } from '../../src/store/embedded-store.js';
import type { StoreSaturation } from '../../src/store/types.js';

const { namedNode, literal, quad, defaultGraph } = DataFactory;
const EX = 'http://example.org/';
const G = `${EX}big`;
const COUNT = 3000;
const seed = [quad(namedNode(`${EX}a`), namedNode(`${EX}p`), literal('seed'))];
const big = Array.from({ length: COUNT }, (_, i) => quad(namedNode(`${EX}s${i}`), namedNode(`${EX}p`), literal(`v${i}`), defaultGraph()));

/** Triples of the large write a query sees: 0 or COUNT, anything else would be a torn write. */
async function seen(store: EmbeddedStore): Promise<number> {
  const rows = await store.select(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${G}> { ?s ?p ?o } }`);
  return Number(rows[0]!.n!.value);
}

/** Polls the store's own state until it is as wanted (the test's timeout bounds the wait). */
async function until(store: EmbeddedStore, wanted: (s: StoreSaturation) => boolean, what: string): Promise<StoreSaturation> {
  for (;;) {
    const s = store.saturation();
    assert.ok(s, what);
    if (wanted(s)) return s;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A store whose query workers have all loaded (memory() lists loaded workers only). */
async function opened(workers: number, hold: Int32Array): Promise<EmbeddedStore> {
  const store = createMemoryStore(seed, { workers, holdRecords: hold });
  await store.open();
  for (;;) {
    if (store.workerMemory().filter((m) => m.pool === 'query').length === workers) return store;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const release = (hold: Int32Array) => {
  Atomics.store(hold, 0, 0);
  Atomics.notify(hold, 0);
};

test('two query workers: one applies a large write while the other answers at the previous version; the ack comes once one has applied it', { timeout: 120_000 }, async () => {
  const hold = new Int32Array(new SharedArrayBuffer(4));
  const store = await opened(2, hold);
  try {
    Atomics.store(hold, 0, 1);
    let acknowledged = false;
    const put = store.write({ type: 'put-graph', graph: { iri: G }, quads: big }).finally(() => { acknowledged = true; });
    // durable and posted to one replica only (in turn): that one is applying it, the other is behind and serves
    const during = await until(store, (s) => s.applying > 0, 'a replica applying the write');
    assert.deepEqual([during.applying, during.behind, during.version], [1, 2, 0]);
    // queries started before the acknowledgement are answered meanwhile, by the replica still at the previous version
    const before = await Promise.all(Array.from({ length: 4 }, () => seen(store)));
    assert.deepEqual(before, [0, 0, 0, 0]);
    assert.equal(acknowledged, false, 'acknowledged before any query replica applied the write');
    assert.equal(await store.version(), 0);
    const still = store.saturation()!;
    assert.deepEqual([still.applying, still.behind, still.query.running], [1, 2, 0]);

    // queries running across the acknowledgement: each sees all of the write or none of it
    let racing = true;
    const across: Promise<number>[] = [];
    const racer = (async () => {
      while (racing) {
        across.push(seen(store));
        await across.at(-1);
      }
    })();
    release(hold);
    const result = await put;
    assert.equal(result.version, 1);
    // read-your-writes: a query started after the acknowledgement sees the write, even while the other replica
    // may still be applying it
    assert.equal(await seen(store), COUNT);
    assert.equal(await store.version(), 1);
    const caught = await until(store, (s) => s.behind === 0 && s.applying === 0, 'every replica applied the write');
    assert.equal(caught.version, 1);
    racing = false;
    await racer;
    for (const n of await Promise.all(across)) assert.ok(n === 0 || n === COUNT, `a query saw ${n} of ${COUNT} triples`);
    // and both replicas now answer with it (two at once, one on each)
    assert.deepEqual(await Promise.all([seen(store), seen(store)]), [COUNT, COUNT]);
  } finally {
    release(hold);
    await store.close();
  }
});

test('one query worker: the write is acknowledged once durable, and a query after it waits for the replica to apply it', { timeout: 120_000 }, async () => {
  const hold = new Int32Array(new SharedArrayBuffer(4));
  const store = await opened(1, hold);
  try {
    Atomics.store(hold, 0, 1);
    const result = await store.write({ type: 'put-graph', graph: { iri: G }, quads: big });
    // acknowledged while the only replica still holds the record unapplied
    assert.equal(result.version, 1);
    const s = store.saturation()!;
    assert.deepEqual([s.applying, s.behind, s.version], [1, 1, 1]);
    let answered = false;
    const after = seen(store).finally(() => { answered = true; });
    await until(store, (x) => x.query.queued === 1, 'the query queued for the replica');
    assert.equal(answered, false);
    release(hold);
    assert.equal(await after, COUNT);
  } finally {
    release(hold);
    await store.close();
  }
});

test('a write is never held by queries: with every query replica busy it is acknowledged at once and later queries see it', { timeout: 120_000 }, async () => {
  const hold = new Int32Array(new SharedArrayBuffer(4));
  const store = await opened(2, hold);
  try {
    // two queries that run until stopped at their 60 s timeout (or the store closes) hold both query replicas
    const cross = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }';
    await store.write({ type: 'put-graph', graph: { iri: `${EX}filler` }, quads: Array.from({ length: 300 }, (_, i) => quad(namedNode(`${EX}f${i}`), namedNode(`${EX}p`), literal(String(i)))) });
    const heavy = [0, 1].map(() => store.query({ query: cross, unionDefaultGraph: true, format: 'application/sparql-results+json', timeoutMs: 60_000 }).catch((e: { code?: string }) => e.code));
    await until(store, (x) => x.query.running === 2, 'both replicas busy');
    const result = await store.write({ type: 'put-graph', graph: { iri: G }, quads: big });
    assert.equal(result.version, 2);
    const s = store.saturation()!;
    assert.deepEqual([s.query.running, s.version], [2, 2]);
    await store.close();
    assert.deepEqual(await Promise.all(heavy), ['STORE_CLOSED', 'STORE_CLOSED']);
  } finally {
    release(hold);
    await store.close();
  }
});
