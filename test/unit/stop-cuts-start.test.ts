/**
 * A stop cuts the background work of a start (or of a rebuild) rather than waiting for it (decision 0044): the dump
 * encoder's thread stuck in a piece, the change feed's count of entities or the statistics' read queued behind
 * other reads. Nothing the cut work was writing is left half-written, and the next start resumes from consistent
 * files. Each stuck piece of work below never ends by itself, so a stop that waited for it would never resolve.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFactory } from 'n3';
import { ChangeFeed, type Activity } from '../../src/linked-data/change-feed.js';
import { DumpEncoder } from '../../src/linked-data/dump-encoder.js';
import { DumpService } from '../../src/linked-data/dumps.js';
import { LinkedDataServices } from '../../src/linked-data/services.js';
import { countEntities } from '../../src/linked-data/entity-counts.js';
import { StatsService } from '../../src/stats/service.js';
import type { KgStore } from '../../src/store/types.js';
import { Iris } from '../../src/model/ns.js';
import { BASE, fixtureStore } from '../support/linked-data-fixture.js';
import { waitUntil } from '../support/wait.js';

const { namedNode, literal, quad } = DataFactory;
const iris = () => new Iris(BASE);
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'osce-kg-stop-cuts-'));
  dirs.push(d);
  return d;
}

/** The store with its SELECTs held: each is counted and never answered (a read queued behind others for good). */
function stuckReads(store: KgStore): { store: KgStore; asked: Promise<void>; reads: () => number } {
  let reads = 0;
  let ask!: () => void;
  const asked = new Promise<void>((resolve) => { ask = resolve; });
  const held = () => {
    reads++;
    ask();
    return new Promise<never>(() => undefined);
  };
  const proxy = new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'select' || prop === 'selectReduced') return held;
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { store: proxy, asked, reads: () => reads };
}

const feedLines = (file: string): Activity[] => readFileSync(file, 'utf8').trimEnd().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Activity);

test('a stop ends a dump generation whose encoder thread is stuck in a piece; no file of it is left and the next start generates that version', { timeout: 60_000 }, async () => {
  const store = await fixtureStore();
  const dir = join(tempDir(), 'dumps');
  const errors: unknown[] = [];
  const stuck = new DumpService(store, { dir, base: BASE, onError: (e) => errors.push(e), encoder: () => new DumpEncoder(new URL('../support/stuck-dump-worker.js', import.meta.url)) });
  const started = stuck.start();
  await waitUntil(() => existsSync(dir) && readdirSync(dir).some((f) => f.endsWith('.tmp')), 'the encoder stuck in its first piece');
  await stuck.stop(); // the thread never reads an abort: only ending it lets this resolve
  await started;
  assert.equal(stuck.generations, 0);
  assert.deepEqual(errors, []);
  assert.deepEqual(readdirSync(dir).filter((f) => /^v\d+-/.test(f)), [], 'neither the partial nor any whole file of the cut generation is left');
  const again = new DumpService(store, { dir, base: BASE });
  await again.start();
  const version = await store.version();
  assert.equal(again.generations, 1);
  assert.deepEqual(again.files().map((f) => [f.format.name, f.version]), [['osce-kg.nt.gz', version], ['osce-kg.nq.gz', version], ['osce-kg.ttl.gz', version], ['osce-kg.jsonld.gz', version]]);
  assert.equal((JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { version: number }).version, version);
  await again.stop();
  await store.close();
});

test('a stop cuts the change feed\'s count of entities: a change meanwhile is not applied to a feed never seeded, and the next start seeds every entity', async () => {
  const store = await fixtureStore();
  const dir = tempDir();
  const file = join(dir, 'changes.jsonl');
  const { store: held, asked } = stuckReads(store);
  const feed = new ChangeFeed(held, iris(), file);
  const started = feed.start();
  await asked;
  const town = namedNode(`${BASE}id/place/stop-town`);
  const { version } = await store.write({ type: 'patch', delta: { added: [quad(town, namedNode('http://www.w3.org/2000/01/rdf-schema#label'), literal('Stop town', 'en'))], removed: [] } });
  await feed.stop();
  await started;
  assert.deepEqual(readdirSync(dir), [], 'no feed file (the change alone would have looked like the whole feed), no seed, no counts');
  const counts = await countEntities(store, iris());
  const resumed = new ChangeFeed(store, iris(), file);
  await resumed.start();
  const seeded = feedLines(file);
  assert.equal(seeded.length, counts.size);
  assert.ok(seeded.every((a) => a.type === 'Create' && a.version === version));
  assert.ok(seeded.some((a) => a.entity === town.value), 'the change made before the stop is in the seed');
  assert.deepEqual(resumed.activities(), seeded);
  await resumed.stop();
  await store.close();
});

test('a stop cuts the change feed\'s seed between slices: no feed file is left, and the next start seeds it whole from the checkpointed counts', async () => {
  const store = await fixtureStore();
  const dir = tempDir();
  const file = join(dir, 'changes.jsonl');
  const feed = new ChangeFeed(store, iris(), file, 1); // one activity per slice: many turns of the event loop
  const started = feed.start();
  while (!existsSync(`${file}.seed`)) await new Promise((resolve) => setImmediate(resolve));
  await feed.stop();
  await started;
  assert.deepEqual(readdirSync(dir), ['entity-counts.json'], 'the counts are checkpointed; neither the seed nor a feed file is left');
  const { store: counted, reads } = stuckReads(store);
  const resumed = new ChangeFeed(counted, iris(), file);
  await resumed.start();
  assert.equal(reads(), 0, 'the counts were read from the checkpoint');
  const seeded = feedLines(file);
  assert.equal(seeded.length, (await countEntities(store, iris())).size);
  assert.deepEqual(resumed.activities(), seeded);
  await resumed.stop();
  await store.close();
});

test('the linked-data services\' stop resolves while the feed\'s count waits for a read that never comes', async () => {
  const store = await fixtureStore();
  const dir = tempDir();
  const { store: held, asked } = stuckReads(store);
  const services = new LinkedDataServices(held, iris(), { dir });
  const started = services.start();
  await asked;
  await services.stop();
  await started;
  assert.equal(existsSync(join(dir, 'changes.jsonl')), false);
  await store.close();
});

test('a stop cuts a statistics build waiting for a read that never comes: the build ends silently, with no checkpoint', async () => {
  const store = await fixtureStore();
  const file = join(tempDir(), 'facets.json');
  const { store: held, asked, reads } = stuckReads(store);
  const stats = new StatsService(held, { file });
  const started = stats.start();
  await asked;
  await stats.stop();
  await started;
  assert.equal(reads(), 1, 'no read after the stop');
  assert.equal(existsSync(file), false);
  await assert.rejects(stats.answer({ by: ['year'], filters: {} }), { code: 'STORE_CLOSED', status: 503 });
  await store.close();
});
