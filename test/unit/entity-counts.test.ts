/**
 * The change feed's entity counts: grouped where the count ran (no rows to the calling thread), written by
 * `osce-kg load` so the first start counts nothing, and the feed seeded and read back a slice at a time (at 100k
 * releases each held the HTTP thread for seconds in one go; decision 0023).
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import n3 from 'n3';
import { Iris, NS } from '../../src/model/ns.js';
import { createEmbeddedStore, createMemoryStore } from '../../src/store/embedded-store.js';
import type { KgStore } from '../../src/store/types.js';
import { ChangeFeed } from '../../src/linked-data/change-feed.js';
import { countEntities, countsFile, readCounts } from '../../src/linked-data/entity-counts.js';
import { runLoad } from '../../src/commands/load.js';
import { countedReads } from '../support/counted-store.js';

const { namedNode, literal, quad } = n3.DataFactory;
const BASE = 'http://localhost:8080/';
const iris = new Iris(BASE);
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'osce-kg-counts-'));
  dirs.push(d);
  return d;
};

/** `n` places with a label each, and a hash IRI under the first (its triples count for the place's document). */
const places = (n: number) => [
  ...Array.from({ length: n }, (_, i) => quad(namedNode(`${BASE}id/place/p${i}`), namedNode(`${NS.rdfs}label`), literal(`Place ${i}`, 'en'))),
  quad(namedNode(`${BASE}id/place/p0#centre`), namedNode(`${NS.rdfs}label`), literal('Centre', 'en')),
];


/** The feed's activity counts seen at each turn of the event loop while `work` runs. */
async function seenDuring(feed: ChangeFeed, work: () => Promise<void>): Promise<number[]> {
  const seen: number[] = [];
  let running = true;
  const spin = () => {
    seen.push(feed.activities().length);
    if (running) setImmediate(spin);
  };
  spin();
  await work();
  running = false;
  seen.push(feed.activities().length);
  return [...new Set(seen)];
}

describe('change feed entity counts', () => {
  it('are grouped by entity document in the query worker: one reduced SELECT, no rows to this thread', async () => {
    const store = createMemoryStore(places(5), { workers: 1 });
    await store.open();
    try {
      const { view, calls } = countedReads(store);
      const counts = await countEntities(view, iris);
      assert.deepEqual(calls, { select: 0, selectReduced: 1 });
      assert.equal(counts.get(`${BASE}id/place/p0`), 2); // its own label and its hash IRI's
      assert.equal(counts.get(`${BASE}id/place/p4`), 1);
      assert.equal(counts.has(`${BASE}id/place/p0#centre`), false);
    } finally {
      await store.close();
    }
  });

  it('osce-kg load writes them at the loaded version, and the first start counts nothing', async () => {
    const dir = tempDir();
    const file = join(dir, 'places.nq');
    writeFileSync(file, new n3.Writer({ format: 'N-Quads' }).quadsToString(places(7)));
    const { version } = await runLoad([file], { dataDir: dir, base: BASE, empty: true });
    const saved = await readCounts(countsFile(join(dir, 'publish')), version);
    assert.equal(saved?.size, 7);
    assert.equal(saved.get(`${BASE}id/place/p0`), 2);
    const store = createEmbeddedStore({ dataDir: dir, workers: 0 });
    await store.open();
    const { view, calls } = countedReads(store);
    const feed = new ChangeFeed(view, iris, join(dir, 'publish', 'changes.jsonl'));
    try {
      await feed.start();
      assert.deepEqual(calls, { select: 0, selectReduced: 0 });
      assert.deepEqual(feed.activities().map((a) => a.type), Array(7).fill('Create'));
    } finally {
      await feed.stop();
      await store.close();
    }
  });

  it('the feed is seeded, and read back at a restart, a slice at a time with the event loop running between', async () => {
    const dir = tempDir();
    const store = createMemoryStore(places(10), { workers: 0 });
    await store.open();
    try {
      const file = join(dir, 'changes.jsonl');
      const seeding = new ChangeFeed(store, iris, file, 3);
      // 10 Creates in slices of 3: the loop sees 0, 3, 6, 9 and 10 of them (in one go: 0 and 10 only)
      assert.deepEqual(await seenDuring(seeding, () => seeding.start()), [0, 3, 6, 9, 10]);
      await seeding.stop();
      const restarted = new ChangeFeed(store, iris, file, 3);
      const seen = await seenDuring(restarted, () => restarted.start());
      assert.deepEqual([seen[0], seen.at(-1)], [0, 10]);
      assert.ok(seen.length >= 4, `read back in slices: ${seen.join(', ')}`);
      await restarted.stop();
    } finally {
      await store.close();
    }
  });
});
