/**
 * The statistics service over an embedded store with a data dir: the checkpoint is adopted at the store's version
 * (no read of the store), rebuilt when the store moved on without it, rebuilt by `osce-kg load`; the SPARQL-aggregate
 * mode (what an external store gets) answers the same as the index.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import n3 from 'n3';
import { Iris, NS } from '../../src/model/ns.js';
import { loadReferenceQuads } from '../../src/model/reference.js';
import { createEmbeddedStore } from '../../src/store/embedded-store.js';
import type { KgStore } from '../../src/store/types.js';
import { StatsService, statsFile } from '../../src/stats/service.js';
import { DIMENSIONS, type StatsRequest } from '../../src/stats/types.js';
import { runLoad } from '../../src/commands/load.js';
import { AppError } from '../../src/errors.js';
import { loadConfig } from '../../src/config.js';
import { ReleaseMaker, mulberry32, vocabulary } from '../support/stats-data.js';

const BASE = 'http://localhost:8080/';
const iris = new Iris(BASE);
const maker = new ReleaseMaker(iris, vocabulary(BASE), mulberry32(7));
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'osce-kg-stats-'));
  dirs.push(d);
  return d;
}

const open = (dataDir: string) => createEmbeddedStore({ dataDir, workers: 0, seed: () => [...loadReferenceQuads(BASE), ...maker.persons()] });

/** The store with its SELECTs counted (rows to this thread, or reduced where they ran). */
function counting(store: KgStore): { store: KgStore; selects: () => number } {
  let n = 0;
  const proxy = new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'select') return (...args: Parameters<KgStore['select']>) => (n++, target.select(...args));
      if (prop === 'selectReduced') return (...args: Parameters<NonNullable<KgStore['selectReduced']>>) => (n++, target.selectReduced!(...args));
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { store: proxy, selects: () => n };
}

const REQUESTS: StatsRequest[] = [
  ...DIMENSIONS.map((d): StatsRequest => ({ by: [d], filters: {} })),
  { by: ['year', 'publisher'], filters: { from: '2018-01-01' } },
  { by: ['state', 'speaker'], filters: { language: 'en' } },
  { by: ['month'], filters: { publisher: `${BASE}id/organization/osce`, to: '2022-12-31' } },
];

async function sameAsSparql(store: KgStore, stats: StatsService): Promise<void> {
  const sparql = new StatsService(store, { mode: 'sparql' });
  for (const req of REQUESTS) assert.deepEqual(await stats.answer(req), await sparql.answer(req), JSON.stringify(req));
}

async function addReleases(store: KgStore, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const key = maker.key();
    await store.write({ type: 'put-graph', graph: { iri: iris.releaseGraph(key) }, quads: maker.release(key) });
  }
}

describe('statistics service', () => {
  const dir = tempDir();

  it('answers as the SPARQL aggregates do, and checkpoints its version on stop', async () => {
    const store = open(dir);
    await store.open();
    await addReleases(store, 30);
    const stats = new StatsService(store, { file: statsFile(dir) });
    await stats.start();
    await addReleases(store, 10); // followed from the deltas
    await sameAsSparql(store, stats);
    assert.equal((await stats.answer({ by: ['genre'], filters: {} })).reduce((a, r) => a + r.releases, 0), 40);
    await stats.stop();
    const saved = JSON.parse(readFileSync(statsFile(dir), 'utf8').split('\n')[0]!) as { version: number };
    assert.equal(saved.version, await store.version());
    await store.close();
  });

  it('adopts a checkpoint at the store version without reading the store', async () => {
    const store = open(dir);
    await store.open();
    const { store: watched, selects } = counting(store);
    const stats = new StatsService(watched, { file: statsFile(dir) });
    await stats.start();
    assert.equal(selects(), 0);
    assert.equal((await stats.answer({ by: ['genre'], filters: {} })).reduce((a, r) => a + r.releases, 0), 40);
    await sameAsSparql(store, stats);
    await stats.stop();
    await store.close();
  });

  it('rebuilds when the store moved on without it, and when the file is torn', async () => {
    const store = open(dir);
    await store.open();
    await addReleases(store, 5); // no statistics listening
    const { store: watched, selects } = counting(store);
    const stats = new StatsService(watched, { file: statsFile(dir) });
    await stats.start();
    assert.ok(selects() > 0);
    assert.equal((await stats.answer({ by: ['genre'], filters: {} })).reduce((a, r) => a + r.releases, 0), 45);
    await sameAsSparql(store, stats);
    await stats.stop();
    writeFileSync(statsFile(dir), readFileSync(statsFile(dir), 'utf8').slice(0, 100));
    const again = new StatsService(store, { file: statsFile(dir) });
    assert.equal((await again.answer({ by: ['genre'], filters: {} })).reduce((a, r) => a + r.releases, 0), 45);
    await again.stop();
    await store.close();
  });

  it('computes every answer anew, with the version it was computed at: nothing is kept between two asks', async () => {
    const store = open(tempDir());
    await store.open();
    await addReleases(store, 6);
    for (const mode of ['index', 'sparql'] as const) {
      const stats = new StatsService(store, { mode });
      const req: StatsRequest = { by: ['speaker'], filters: {} };
      const first = await stats.body(req, 'application/json');
      const again = await stats.body(req, 'application/json');
      assert.notEqual(again.body, first.body, `${mode}: made again`);
      assert.deepEqual(again.body, first.body, `${mode}: the same bytes`);
      assert.equal(stats.answers.made, 2);
      assert.equal(first.version, await store.version());
      assert.deepEqual(JSON.parse(first.body.toString()), await stats.answer(req));
      // another representation of the same question is another answer
      const csv = await stats.body(req, 'text/csv');
      assert.match(csv.contentType, /^text\/csv/);
      assert.equal(csv.body.toString().trimEnd().split('\r\n').length, JSON.parse(first.body.toString()).length + 1);
      const total = (b: Buffer) => (JSON.parse(b.toString()) as { releases: number }[]).reduce((a, r) => a + r.releases, 0);
      const genre = await stats.body({ by: ['genre'], filters: {} }, 'application/json');
      await addReleases(store, 1); // one more release: one more count by content type
      const after = await stats.body({ by: ['genre'], filters: {} }, 'application/json');
      assert.equal(after.version, await store.version());
      assert.ok(after.version > genre.version);
      assert.equal(total(after.body), total(genre.body) + 1, mode);
      assert.deepEqual(JSON.parse(after.body.toString()), await stats.answer({ by: ['genre'], filters: {} }));
      if (mode === 'index') {
        // the fields-of-work rows follow the write as the counts by field do, at the version they were computed at
        const byField = new Map((await stats.answer({ by: ['field'], filters: {} })).map((r) => [r.key, r.releases]));
        const fields = (await stats.fieldsOfWork())!;
        assert.equal(fields.version, await store.version());
        for (const r of fields.rows) assert.equal(r.releases, byField.get(r.field) ?? 0, r.field);
        assert.ok(fields.rows.some((r) => r.releases > 0));
      } else {
        assert.equal(await stats.fieldsOfWork(), undefined); // the SPARQL answers it on a shared store
      }
      await stats.stop();
    }
    await store.close();
  });

  it('ends a build cut short by stop, or by its store closing under it, silently; a request after it is a 503', async () => {
    const errors: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      // stop (a server's close) while the build reads: it ends at its next read, and stop waits for that
      const store = open(tempDir());
      await store.open();
      await addReleases(store, 3);
      const { store: watched, selects } = counting(store);
      const stats = new StatsService(watched);
      const started = stats.start();
      await stats.stop();
      await started;
      assert.ok(selects() <= 1, `the build went on reading (${selects()} SELECTs)`);
      await assert.rejects(stats.answer({ by: ['year'], filters: {} }), { code: 'STORE_CLOSED', status: 503 });
      await store.close();
      // the store closed under a build (an app whose statistics nobody stops, as in the HTTP tests): the query pool
      // rejects the read in flight with STORE_CLOSED (src/store/pool.ts)
      const closing = new Proxy(store, {
        get: (target, prop) => (prop === 'select' || prop === 'selectReduced' ? () => Promise.reject(new AppError(503, 'STORE_CLOSED', 'The store is closed.')) : Reflect.get(target, prop)),
      });
      const orphan = new StatsService(closing);
      await orphan.start();
      await assert.rejects(orphan.answer({ by: ['year'], filters: {} }), { code: 'STORE_CLOSED', status: 503 });
    } finally {
      console.error = original;
    }
    assert.deepEqual(errors, []);
  });

  it('OSCE_KG_STATS chooses statistics in memory or SPARQL aggregates', () => {
    assert.equal(loadConfig({}, {}).stats, 'index');
    assert.equal(loadConfig({}, { OSCE_KG_STATS: 'sparql' }).stats, 'sparql');
    assert.equal(loadConfig({ store: 'sparql' }, {}).stats, 'sparql');
    assert.throws(() => loadConfig({}, { OSCE_KG_STATS: 'memory' }), /OSCE_KG_STATS must be "index" or "sparql", got "memory"/);
    assert.throws(() => loadConfig({ store: 'sparql' }, { OSCE_KG_STATS: 'index' }), /needs the embedded store/);
  });

  it('osce-kg load writes the statistics of the loaded data at its version', async () => {
    const d = tempDir();
    const file = join(d, 'releases.nq');
    const keys = Array.from({ length: 12 }, () => maker.key());
    writeFileSync(file, new n3.Writer({ format: 'N-Quads' }).quadsToString(keys.flatMap((k) => maker.release(k))));
    const { version } = await runLoad([file], { dataDir: d, base: BASE });
    assert.ok(existsSync(statsFile(d)));
    const saved = JSON.parse(readFileSync(statsFile(d), 'utf8').split('\n')[0]!) as { version: number };
    assert.equal(saved.version, version);
    const store = open(d);
    await store.open();
    const { store: watched, selects } = counting(store);
    const stats = new StatsService(watched, { file: statsFile(d) });
    const dated = await store.select(`SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a <${NS.osce}PressRelease> ; <${NS.schema}datePublished> ?d }`);
    assert.equal((await stats.answer({ by: ['year'], filters: {} })).reduce((a, r) => a + r.releases, 0), Number(dated[0]!.n!.value));
    assert.ok(Number(dated[0]!.n!.value) >= 12); // the loaded releases, and the built-in data's seed release
    assert.equal(selects(), 0);
    await sameAsSparql(store, stats);
    await stats.stop();
    await store.close();
  });
});
