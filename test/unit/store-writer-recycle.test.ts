/**
 * The writer is replaced between two writes once its memory grew past the bound (decision 0021 did this for query
 * workers only): an upload or update leaves WebAssembly memory that is never given back. No acknowledged write may be
 * lost or reordered by the swap: writes queued meanwhile wait for the new writer and run on it, and a restart reads
 * every one of them back.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFactory } from 'n3';
import { createEmbeddedStore } from '../../src/store/embedded-store.js';

const { namedNode, literal, quad } = DataFactory;
const EX = 'http://example.org/';
const seed = () => [quad(namedNode(`${EX}seed`), namedNode(`${EX}p`), literal('seed'))];

/** Appends `i` to the sequence and moves <last> to it: the final <last> is the last write only if none was reordered. */
const step = (i: number) =>
  `DELETE { <${EX}log> <${EX}last> ?old } INSERT { <${EX}log> <${EX}last> ${i} . <${EX}log> <${EX}step> ${i} } ` +
  `WHERE { OPTIONAL { <${EX}log> <${EX}last> ?old } }`;

/** What the store holds of the sequence: the steps in order and the last one. */
async function sequence(store: ReturnType<typeof createEmbeddedStore>): Promise<{ steps: number[]; last: number[] }> {
  const steps = (await store.select(`SELECT ?n { <${EX}log> <${EX}step> ?n } ORDER BY ?n`)).map((r) => Number(r.n?.value));
  const last = (await store.select(`SELECT ?n { <${EX}log> <${EX}last> ?n }`)).map((r) => Number(r.n?.value));
  return { steps, last };
}

/** About 6 MB of N-Quads in one graph: enough to grow the writer's memory past a 4 MiB bound. */
const bulk = Array.from({ length: 30_000 }, (_, i) => quad(namedNode(`${EX}bulk/${i}`), namedNode(`${EX}text`), literal(`${'y'.repeat(150)} ${i}`)));

test('a writer grown past the bound is replaced between writes, and every write before, during and after the swap stands, in order, also after a restart', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'osce-kg-writer-recycle-'));
  // compactBytes 64 KiB: the bulk write takes the snapshot path, which the writer writes while the write is pending
  const options = { dataDir: dir, seed, workers: 1, recycleBytes: 4 << 20, compactBytes: 64 << 10 };
  let store = createEmbeddedStore(options);
  try {
    for (let i = 1; i <= 3; i++) await store.write({ type: 'update', update: step(i), unionDefaultGraph: true });
    assert.equal(store.saturation()?.writerRecycled, 0);
    // the bulk write and the writes queued behind it, all sent at once
    const acknowledged = [
      store.write({ type: 'put-graph', graph: { iri: `${EX}bulk` }, quads: bulk }),
      ...[4, 5, 6, 7, 8].map((i) => store.write({ type: 'update', update: step(i), unionDefaultGraph: true })),
    ];
    const results = await Promise.all(acknowledged);
    assert.equal(results[0]!.summary.added, bulk.length);
    assert.deepEqual(results.map((r) => r.version), [4, 5, 6, 7, 8, 9]);
    assert.equal(store.saturation()?.writerRecycled, 1);
    // read on the new writer: an update's WHERE runs there, so this counts what the replacement holds
    await store.write({
      type: 'update', unionDefaultGraph: true,
      update: `INSERT { <${EX}log> <${EX}bulkCount> ?n } WHERE { SELECT (COUNT(*) AS ?n) { GRAPH <${EX}bulk> { ?s ?p ?o } } }`,
    });
    await store.write({ type: 'update', update: step(9), unionDefaultGraph: true });
    const counted = await store.select(`SELECT ?n { <${EX}log> <${EX}bulkCount> ?n }`);
    assert.deepEqual(counted.map((r) => Number(r.n?.value)), [bulk.length]);
    assert.deepEqual(await sequence(store), { steps: [1, 2, 3, 4, 5, 6, 7, 8, 9], last: [9] });
    assert.equal(store.saturation()?.writerRecycled, 1);
    await store.close();

    store = createEmbeddedStore({ ...options, seed: undefined });
    assert.equal(await store.version(), 11);
    assert.deepEqual(await sequence(store), { steps: [1, 2, 3, 4, 5, 6, 7, 8, 9], last: [9] });
    assert.equal((await store.select(`SELECT (COUNT(*) AS ?n) { GRAPH <${EX}bulk> { ?s ?p ?o } }`))[0]?.n?.value, String(bulk.length));
    assert.equal(await store.ask(`ASK { <${EX}seed> <${EX}p> "seed" }`), true);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a writer that stays under the bound is never replaced', async () => {
  const store = createEmbeddedStore({ dataDir: mkdtempSync(join(tmpdir(), 'osce-kg-writer-recycle-')), seed, workers: 1, recycleBytes: 256 << 20 });
  try {
    for (let i = 1; i <= 5; i++) await store.write({ type: 'update', update: step(i), unionDefaultGraph: true });
    assert.deepEqual(await sequence(store), { steps: [1, 2, 3, 4, 5], last: [5] });
    assert.equal(store.saturation()?.writerRecycled, 0);
  } finally {
    await store.close();
  }
});
