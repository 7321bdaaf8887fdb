/**
 * Background work that reads the whole store (dump generation, a statistics rebuild) takes its next piece only once no
 * write is in flight (store/types.ts `writesSettled`, decision 0041): an upload does not share the thread that answers
 * requests, the query workers and the cores with the previous write's regeneration.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryStore } from '../../src/store/embedded-store.js';
import { writesSettled, type KgStore, type RdfBody } from '../../src/store/types.js';
import { DumpService } from '../../src/linked-data/dumps.js';

const EX = 'http://example.org/';

/** An N-Triples body whose last piece arrives only when `release` is called. */
function heldBody(lines: number): { body: RdfBody; release: () => void } {
  let release!: () => void;
  const released = new Promise<void>((resolve) => { release = resolve; });
  const text = Array.from({ length: lines }, (_, i) => `<${EX}s${i}> <${EX}p> "${i}" .\n`).join('');
  async function* chunks(): AsyncGenerator<Uint8Array> {
    yield new TextEncoder().encode(text);
    await released;
    yield new TextEncoder().encode(`<${EX}last> <${EX}p> "last" .\n`);
  }
  return { body: { chunks: chunks(), mediaType: 'application/n-triples', baseIri: EX }, release };
}

const state = async (p: Promise<unknown>): Promise<'pending' | 'settled'> =>
  Promise.race([p.then(() => 'settled' as const), new Promise<'pending'>((r) => setTimeout(() => r('pending'), 200))]);

test('writesSettled resolves at once with no write in flight, and only after the answer of one that is (success or failure)', async () => {
  const store = createMemoryStore([], { workers: 1 });
  try {
    assert.equal(await state(store.writesSettled()), 'settled');
    const held = heldBody(10);
    const write = store.write({ type: 'put-graph', graph: { iri: `${EX}g` }, body: held.body });
    assert.equal(await state(store.writesSettled()), 'pending', 'the body is still arriving');
    held.release();
    const result = await write;
    assert.equal(result.summary.added, 11);
    assert.equal(await state(store.writesSettled()), 'settled');
    const bad = store.write({ type: 'put-graph', graph: { iri: `${EX}g` }, body: { chunks: (async function* () { yield new TextEncoder().encode('<a> .\n'); })(), mediaType: 'application/n-triples', baseIri: EX } });
    await assert.rejects(bad);
    assert.equal(await state(store.writesSettled()), 'settled', 'a failed write is no longer in flight');
  } finally {
    await store.close();
  }
});

test('writesSettled gives up waiting after maxMs, so a stream of writes never stops background work', async () => {
  const store = createMemoryStore([], { workers: 1 });
  const held = heldBody(1);
  const write = store.write({ type: 'put-graph', graph: { iri: `${EX}g` }, body: held.body });
  try {
    const t0 = performance.now();
    await writesSettled(store, 150);
    assert.ok(performance.now() - t0 >= 140, 'waited for the cap');
    assert.equal(await state(store.writesSettled()), 'pending', 'the write is still in flight');
  } finally {
    held.release();
    await write;
    await store.close();
  }
});

test('a dump generation takes no piece of the store while a write is in flight, and publishes the version after it', async () => {
  const store = createMemoryStore([], { workers: 1 });
  const dir = mkdtempSync(join(tmpdir(), 'osce-writes-settled-'));
  await store.write({ type: 'put-graph', graph: { iri: `${EX}g0` }, quads: [] });
  await store.write({ type: 'update', update: `INSERT DATA { GRAPH <${EX}g0> { <${EX}a> <${EX}p> "a" } }`, unionDefaultGraph: true });
  let open = false;
  const pulls: boolean[] = []; // for each piece taken: whether a write's body was still arriving
  const watched = new Proxy(store, {
    get(target, key, receiver) {
      if (key !== 'dumpBytes') return Reflect.get(target, key, receiver) as unknown;
      return (opts: Parameters<KgStore['dumpBytes']>[0]) => (async function* () {
        for await (const piece of target.dumpBytes(opts)) {
          pulls.push(open);
          yield piece;
        }
      })();
    },
  });
  const dumps = new DumpService(watched, { dir, base: EX, debounceMs: 0 });
  try {
    const held = heldBody(100);
    open = true;
    const write = store.write({ type: 'put-graph', graph: { iri: `${EX}g1` }, body: held.body });
    const generation = dumps.start();
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(pulls, [], 'no piece while the upload is in flight');
    assert.equal(dumps.generations, 0);
    open = false;
    held.release();
    const { version } = await write;
    await generation;
    await dumps.settled();
    assert.ok(pulls.length >= 3 && pulls.every((p) => !p), JSON.stringify(pulls));
    assert.deepEqual(dumps.files().map((f) => f.version), [version, version, version, version]);
  } finally {
    await dumps.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
