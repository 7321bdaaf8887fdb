/**
 * A trap of oxigraph's WebAssembly leaves its store broken (every later query fails). A query nesting 20,000
 * parentheses triggers one for real (its Rust stack overflows into the heap): the client gets a 400 ENGINE_LIMIT,
 * the replica that ran it is replaced, and the store answers correctly afterwards, on every replica. (Over HTTP such
 * a query is refused before it reaches the engine: QUERY_TOO_DEEP; a trap there comes from memory exhaustion.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataFactory } from 'n3';
import { createMemoryStore } from '../../src/store/embedded-store.js';
import { isAppError } from '../../src/errors.js';
import { makeApp } from '../support/http-support.js';
import { loadInputs } from '../../src/store/bulk-load.js';
import type oxigraph from 'oxigraph';

const { namedNode, literal, quad } = DataFactory;
const EX = 'http://example.org/';
const DEEP = 20_000;
const deepQuery = `SELECT (${'('.repeat(DEEP)}1${')'.repeat(DEEP)} AS ?x) WHERE {}`;
const COUNT = 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }';

function fixture() {
  return [1, 2, 3].map((i) => quad(namedNode(`${EX}s${i}`), namedNode(`${EX}p`), literal(String(i))));
}

const isCode = (status: number, code: string) => (e: unknown) => isAppError(e) && e.status === status && e.code === code;

async function count(store: ReturnType<typeof createMemoryStore>): Promise<number> {
  const rows = await store.select(COUNT);
  return Number(rows[0]?.n?.value);
}

test('a query that traps the engine is a 400 ENGINE_LIMIT, and every replica answers correctly after it', async () => {
  const store = createMemoryStore(fixture(), { workers: 2 });
  try {
    // twice: with two replicas idle, either may take it
    for (let i = 0; i < 2; i++) {
      await assert.rejects(store.query({ query: deepQuery, unionDefaultGraph: true, format: 'application/sparql-results+json', timeoutMs: 30_000 }),
        isCode(400, 'ENGINE_LIMIT'));
    }
    const answers = await Promise.all([1, 2, 3, 4].map(() => count(store)));
    assert.deepEqual(answers, [3, 3, 3, 3]);
    // the writer (a replica of its own) never ran it: writes still apply, and every replica sees them
    await store.write({ type: 'update', update: `INSERT DATA { <${EX}s4> <${EX}p> "4" }`, unionDefaultGraph: true });
    assert.deepEqual(await Promise.all([1, 2, 3, 4].map(() => count(store))), [4, 4, 4, 4]);
  } finally {
    await store.close();
  }
});

test('a trap on the only query replica rebuilds it from the committed writes, and writes go on', async () => {
  const store = createMemoryStore(fixture(), { workers: 1 });
  try {
    await store.write({ type: 'update', update: `INSERT DATA { <${EX}s5> <${EX}p> "5" }`, unionDefaultGraph: true });
    const version = await store.version();
    await assert.rejects(store.select(deepQuery), isCode(400, 'ENGINE_LIMIT'));
    assert.equal(await store.version(), version);
    assert.equal(await count(store), 4);
    await store.write({ type: 'update', update: `INSERT DATA { <${EX}s6> <${EX}p> "6" }`, unionDefaultGraph: true });
    assert.equal(await count(store), 5);
  } finally {
    await store.close();
  }
});

test('on the calling thread (workers: 0) the trapped store refuses further work with 503 ENGINE_FAULT', async () => {
  const store = createMemoryStore(fixture(), { workers: 0 });
  try {
    await assert.rejects(store.select(deepQuery), isCode(400, 'ENGINE_LIMIT'));
    await assert.rejects(store.select(COUNT), isCode(503, 'ENGINE_FAULT'));
  } finally {
    await store.close();
  }
});

test('over HTTP such a query is refused before any parse or evaluation (QUERY_TOO_DEEP), and the endpoint keeps answering', async () => {
  const t = await makeApp();
  try {
    const form = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/sparql-results+json' };
    for (let i = 0; i < 2; i++) {
      const res = await t.request('/sparql', { method: 'POST', headers: form, body: new URLSearchParams({ query: deepQuery }).toString() });
      assert.equal(res.status, 400);
      assert.equal(res.headers.get('x-cache'), null);
      const body = (await res.json()) as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'QUERY_TOO_DEEP');
      assert.match(body.error.message, /more than 100 levels deep/);
    }
    const ok = await t.request('/sparql', { method: 'POST', headers: form, body: new URLSearchParams({ query: COUNT }).toString() });
    assert.equal(ok.status, 200);
    const json = (await ok.json()) as { results: { bindings: { n: { value: string } }[] } };
    assert.ok(Number(json.results.bindings[0]!.n.value) > 0);
  } finally {
    await t.close();
  }
});

test('a bulk load the engine cannot hold is 413 STORE_FULL naming the 4 GiB limit and the external store', () => {
  // what Store.load throws when its WebAssembly memory is exhausted (measured: 1M releases at 4.1 GB RSS)
  const full = { load: () => { throw new WebAssembly.RuntimeError('unreachable'); } } as unknown as oxigraph.Store;
  assert.throws(() => loadInputs(full, [{ data: '<http://e/s> <http://e/p> "1" .\n', format: 'application/n-triples' }]),
    (e: unknown) => isCode(413, 'STORE_FULL')(e) && /4 GiB/.test((e as Error).message) && /--store sparql/.test((e as Error).message));
  const broken = { load: () => { throw new SyntaxError('bad input'); } } as unknown as oxigraph.Store;
  assert.throws(() => loadInputs(broken, [{ data: 'x', format: 'application/n-triples' }]), SyntaxError);
});
