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
