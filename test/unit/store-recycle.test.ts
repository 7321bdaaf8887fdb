/**
 * A query worker whose memory grew past the bound is replaced (issue 21, point 5): oxigraph builds a result inside
 * its WebAssembly memory, which never shrinks, so one oversized result (refused with 413) would otherwise leave the
 * worker that large for good. The worker is replaced between jobs: the query that grew it is answered (a refusal, or
 * its whole result), the queries queued behind it run on the replacement, which is rebuilt from the committed state
 * (every acknowledged write in it).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataFactory } from 'n3';
import { createMemoryStore } from '../../src/store/embedded-store.js';
import { isAppError } from '../../src/errors.js';

const { namedNode, literal, quad } = DataFactory;
const EX = 'http://example.org/';

test('an oversized result is a 413, and the worker it grew past the memory bound is replaced', async () => {
  const quads = Array.from({ length: 2000 }, (_, i) => quad(namedNode(`${EX}s${i}`), namedNode(`${EX}p`), literal(`${'x'.repeat(40)}${i}`)));
  const store = createMemoryStore(quads, { workers: 1, recycleBytes: 16 << 20 });
  try {
    // a million values of 41-44 characters in one: some 44 MB built inside the engine before the size check (one
    // row, so cheaper to evaluate than as many rows; 300,000 rows took over 60 s under the loaded suite)
    const big = 'SELECT (GROUP_CONCAT(?c) AS ?all) { SELECT ?c { ?a ?b ?c . ?d ?e ?f } LIMIT 1000000 }';
    await assert.rejects(store.query({ query: big, unionDefaultGraph: true, format: 'application/sparql-results+json', timeoutMs: 120_000, maxResultBytes: 1 << 20 }),
      (e: unknown) => isAppError(e) && e.status === 413 && e.code === 'RESULT_TOO_LARGE');
    assert.equal(store.saturation()?.recycled, 1);
    assert.equal(await store.ask(`ASK { <${EX}s7> <${EX}p> ?o }`), true);
    // a small result leaves the worker as it is
    await store.select(`SELECT ?o { <${EX}s7> ?p ?o }`);
    assert.equal(store.saturation()?.recycled, 1);
  } finally {
    await store.close();
  }
});

test('the query whose answer grew its worker past the bound is answered in full, and the replacement has every write', async () => {
  const quads = Array.from({ length: 2000 }, (_, i) => quad(namedNode(`${EX}s${i}`), namedNode(`${EX}p`), literal(`${'x'.repeat(40)}${i}`)));
  const store = createMemoryStore(quads, { workers: 1, recycleBytes: 16 << 20 });
  try {
    await store.write({ type: 'update', update: `INSERT DATA { <${EX}new> <${EX}p> "acknowledged" }`, unionDefaultGraph: true });
    // a small answer that takes a large string inside the engine: a million values of 41-44 characters concatenated
    const concat = 'SELECT (COUNT(*) AS ?rows) (STRLEN(GROUP_CONCAT(?c)) AS ?chars) { SELECT ?c { ?a ?b ?c . ?d ?e ?f } LIMIT 1000000 }';
    const big = store.select(concat, { timeoutMs: 120_000 });
    // queued behind it on the only query worker: runs on the replacement
    const behind = store.ask(`ASK { <${EX}new> <${EX}p> "acknowledged" }`);
    const [row] = await big;
    assert.equal(row?.rows?.value, '1000000');
    const chars = Number(row?.chars?.value);
    assert.ok(chars >= 41 * 1_000_000 + 999_999 && chars <= 44 * 1_000_000 + 999_999, `${chars} characters`);
    assert.equal(await behind, true);
    assert.equal(store.saturation()?.recycled, 1);
    assert.equal(await store.size(), 2001);
    assert.equal((await store.select(`SELECT ?o { <${EX}new> ?p ?o }`)).length, 1);
  } finally {
    await store.close();
  }
});

test('a worker whose JS heap a job left past the bound (its rows, never collected while it idles) is replaced too', async () => {
  const { DOCS_MODULE } = await import('../../src/api/search-docs.js');
  const quads = Array.from({ length: 20_000 }, (_, i) => quad(namedNode(`${EX}s${i}`), namedNode('http://schema.org/name'), literal(`${'y'.repeat(100)}${i}`)));
  const read = 'SELECT ?s ?p ?o { ?s ?p ?o }';
  const reduce = { url: DOCS_MODULE, options: { base: EX } };
  // with a loose bound: what the read leaves in the worker, its WebAssembly memory and its JS heap
  const loose = createMemoryStore(quads, { workers: 1, recycleBytes: 1 << 30 });
  let grown: { external: number; heap: number };
  try {
    await loose.ask('ASK {}');
    const before = loose.workerMemory().find((w) => w.pool === 'query')!;
    await loose.selectReduced(read, reduce);
    const after = loose.workerMemory().find((w) => w.pool === 'query')!;
    grown = { external: after.externalBytes - before.externalBytes, heap: after.heapBytes - before.heapBytes };
    assert.equal(loose.saturation()?.recycled, 0);
  } finally {
    await loose.close();
  }
  // a bound between the two: only the heap passes it
  const bound = Math.max(grown.external, 0) + Math.floor((grown.heap - Math.max(grown.external, 0)) / 2);
  assert.ok(grown.heap > Math.max(grown.external, 0) + (4 << 20), `heap ${grown.heap}, external ${grown.external}`);
  const tight = createMemoryStore(quads, { workers: 1, recycleBytes: bound });
  try {
    const bytes = await tight.selectReduced(read, reduce);
    assert.ok(bytes.byteLength > 2_000_000); // answered in full
    assert.equal(tight.saturation()?.recycled, 1);
    assert.equal(await tight.ask(`ASK { <${EX}s7> ?p ?o }`), true); // by the replacement
  } finally {
    await tight.close();
  }
});
