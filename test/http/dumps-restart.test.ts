import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFactory } from 'n3';
import { LinkedDataServices } from '../../src/linked-data/services.js';
import { DumpService } from '../../src/linked-data/dumps.js';
import { createEmbeddedStore } from '../../src/store/embedded-store.js';
import { BASE, makeContext, releaseQuads } from '../support/linked-data-fixture.js';

/**
 * The data: one release, without the reference data. What is tested is when a start adopts or regenerates the dumps;
 * the serializations themselves are dumps.test.ts's, over the whole fixture (each start here generated them again).
 */
const seedQuads = () => releaseQuads();
import { serveContext } from '../support/listener.js';

/** One start of the service over `dataDir`: the store, its publishing services (started) and the app, listening. */
async function startAt(dataDir: string) {
  const store = createEmbeddedStore({ dataDir, workers: 0, seed: seedQuads });
  await store.open();
  const services = new LinkedDataServices(store, makeContext(store).iris, { dir: join(dataDir, 'publish'), dumpDebounceMs: 20 });
  await services.start();
  const server = await serveContext({ ...makeContext(store), linkedData: services });
  return {
    store, services,
    get: (path: string, headers: Record<string, string> = {}) => server.request(path, { headers }),
    close: async () => {
      await server.close();
      await services.stop();
      await store.close();
    },
  };
}

type Started = Awaited<ReturnType<typeof startAt>>;
const summary = (s: Started) => s.services.dumps.files().map((f) => ({ name: f.format.name, path: f.path, bytes: f.bytes, sha256: f.sha256, sha1: f.sha1, version: f.version, modified: f.modified.getTime() }));
const dumpsDir = (dataDir: string) => join(dataDir, 'publish', 'dumps');
const manifestPath = (dataDir: string) => join(dumpsDir(dataDir), 'manifest.json');

let dataDir: string;
let first: ReturnType<typeof summary>;
let firstEtag: string;

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'osce-kg-dumps-restart-'));
  const s = await startAt(dataDir);
  try {
    assert.equal(s.services.dumps.generations, 1);
    first = summary(s);
    firstEtag = (await s.get('/dumps/osce-kg.nq.gz')).headers.get('etag') ?? '';
  } finally {
    await s.close();
  }
});
after(() => rmSync(dataDir, { recursive: true, force: true }));

/** Restarts over `dataDir`, runs `check`, and stops again. */
async function restart(check: (s: Started) => Promise<void>): Promise<void> {
  const s = await startAt(dataDir);
  try {
    await check(s);
  } finally {
    await s.close();
  }
}

test('a generation writes a manifest of its files with the version and quad count', async () => {
  const manifest = JSON.parse(readFileSync(manifestPath(dataDir), 'utf8')) as { version: number; quads: number; files: Array<{ name: string; file: string; bytes: number; sha256: string; sha1: string }> };
  assert.equal(manifest.version, first[0]?.version);
  assert.equal(manifest.quads, seedQuads().length);
  assert.deepEqual(manifest.files.map((f) => [f.name, f.file, f.bytes, f.sha256, f.sha1]), first.map((f) => [f.name, `v${f.version}-${f.name}`, f.bytes, f.sha256, f.sha1]));
});

test('a restart over an unchanged data dir adopts the manifest: no generation, same checksums, ETag and bytes', async () => {
  await restart(async (s) => {
    assert.equal(s.services.dumps.generations, 0);
    assert.deepEqual(summary(s), first);
    const res = await s.get('/dumps/osce-kg.nq.gz');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('etag'), firstEtag);
    const body = Buffer.from(await res.arrayBuffer());
    assert.equal(createHash('sha256').update(body).digest('hex'), first.find((f) => f.name === 'osce-kg.nq.gz')?.sha256);
    const listing = (await (await s.get('/dumps/', { accept: 'application/json' })).json()) as { dumps: Array<{ sha256: string }> };
    assert.deepEqual(listing.dumps.map((d) => d.sha256), first.map((f) => f.sha256));
  });
});

test('a truncated or missing dump file is regenerated, byte-identical to the lost one', async () => {
  const nt = first.find((f) => f.name === 'osce-kg.nt.gz')!;
  truncateSync(nt.path, nt.bytes - 1);
  await restart(async (s) => {
    assert.equal(s.services.dumps.generations, 1);
    assert.deepEqual(summary(s).map((f) => [f.name, f.bytes, f.sha256]), first.map((f) => [f.name, f.bytes, f.sha256]));
  });
  unlinkSync(first.find((f) => f.name === 'osce-kg.jsonld.gz')!.path);
  await restart(async (s) => {
    assert.equal(s.services.dumps.generations, 1);
    assert.deepEqual(summary(s).map((f) => f.sha256), first.map((f) => f.sha256));
  });
});

test('a manifest whose quad count or version does not match the store is not adopted', async () => {
  const original = readFileSync(manifestPath(dataDir), 'utf8');
  const manifest = JSON.parse(original) as { version: number; quads: number };
  writeFileSync(manifestPath(dataDir), JSON.stringify({ ...manifest, quads: manifest.quads + 1 }));
  await restart(async (s) => assert.equal(s.services.dumps.generations, 1));
  writeFileSync(manifestPath(dataDir), JSON.stringify({ ...manifest, version: manifest.version + 1 }));
  await restart(async (s) => assert.equal(s.services.dumps.generations, 1));
  writeFileSync(manifestPath(dataDir), '{"version": ');
  await restart(async (s) => assert.equal(s.services.dumps.generations, 1));
  // each regeneration rewrote a manifest the next start adopts
  await restart(async (s) => assert.equal(s.services.dumps.generations, 0));
});

test('a store changed while the service was stopped gets new dumps on the next start', async () => {
  const store = createEmbeddedStore({ dataDir, workers: 0, seed: seedQuads });
  const { namedNode, literal, quad } = DataFactory;
  const added = quad(namedNode(`${BASE}id/place/restartville`), namedNode('http://www.w3.org/2000/01/rdf-schema#label'), literal('Restartville', 'en'));
  let version: number;
  try {
    version = (await store.write({ type: 'patch', delta: { added: [added], removed: [] } })).version;
  } finally {
    await store.close();
  }
  await restart(async (s) => {
    assert.equal(s.services.dumps.generations, 1);
    const files = summary(s);
    assert.ok(files.every((f) => f.version === version));
    assert.ok(files.every((f, i) => f.sha256 !== first[i]?.sha256));
  });
  const manifest = JSON.parse(readFileSync(manifestPath(dataDir), 'utf8')) as { version: number; quads: number };
  assert.deepEqual([manifest.version, manifest.quads], [version, seedQuads().length + 1]);
});

test('a stop during a generation cuts it: no file of it is left, and the next start generates that version', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'osce-kg-dumps-cut-'));
  try {
    const store = createEmbeddedStore({ dataDir: dir, workers: 0, seed: seedQuads });
    await store.open();
    // the store's dump in 64-byte pieces, 20 ms apart: a generation of many seconds, as at 100k releases
    let pieces = 0;
    let firstPiece!: () => void;
    const reading = new Promise<void>((resolve) => { firstPiece = resolve; });
    const slow = new Proxy(store, {
      get(target, prop, receiver) {
        if (prop !== 'dumpBytes') return Reflect.get(target, prop, receiver) as unknown;
        return async function* (opts: Parameters<typeof store.dumpBytes>[0]) {
          for await (const bytes of target.dumpBytes(opts)) {
            for (let i = 0; i < bytes.byteLength; i += 64) {
              pieces++;
              firstPiece();
              await new Promise((r) => setTimeout(r, 20));
              yield bytes.slice(i, i + 64);
            }
          }
        };
      },
    });
    // the services as a server stops them (LinkedDataServices.stop, which waited for its start's first generation)
    const cut = new LinkedDataServices(slow, makeContext(store).iris, { dir: join(dir, 'publish') });
    const errors: unknown[] = [];
    void cut.start().catch((e: unknown) => errors.push(e));
    await reading;
    await cut.stop();
    const read = pieces;
    const whole = (await (async () => { let n = 0; for await (const b of store.dumpBytes({ format: 'application/n-quads' })) n += Math.ceil(b.byteLength / 64); return n; })());
    assert.ok(read < whole / 2, `the generation went on reading (${read} of ${whole} pieces)`);
    assert.equal(cut.dumps.generations, 0);
    assert.deepEqual(errors, []);
    assert.deepEqual(readdirSync(join(dir, 'publish', 'dumps')).filter((f) => /^v\d+-/.test(f)), [], 'files of the cut generation are removed');
    // what a kill in the middle of a generation leaves (no stop to remove it) is removed by the next start
    const leftover = join(dir, 'publish', 'dumps', 'v1-osce-kg.nt.gz.tmp');
    writeFileSync(leftover, 'partial');
    const again = new DumpService(store, { dir: join(dir, 'publish', 'dumps'), base: BASE });
    await again.start();
    assert.equal(again.generations, 1);
    const version = await store.version();
    assert.ok(again.files().length > 0 && again.files().every((f) => f.version === version));
    assert.deepEqual(readdirSync(join(dir, 'publish', 'dumps')).filter((f) => f.endsWith('.tmp')), []);
    await again.stop();
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a stop does not wait for a dump piece the store has not delivered (its read queued behind another)', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'osce-kg-dumps-stuck-'));
  try {
    const store = createEmbeddedStore({ dataDir: dir, workers: 0, seed: seedQuads });
    await store.open();
    let asked!: () => void;
    const waiting = new Promise<void>((resolve) => { asked = resolve; });
    let release!: () => void;
    const never = new Promise<void>((resolve) => { release = resolve; });
    // the store's dump: its first piece comes only when `release` is called, as a batch queued behind a long read
    const stuck = new Proxy(store, {
      get(target, prop, receiver) {
        if (prop !== 'dumpBytes') return Reflect.get(target, prop, receiver) as unknown;
        return async function* () {
          asked();
          await never;
          yield new Uint8Array(0);
        };
      },
    });
    const services = new LinkedDataServices(stuck, makeContext(store).iris, { dir: join(dir, 'publish') });
    const errors: unknown[] = [];
    void services.start().catch((e: unknown) => errors.push(e));
    await waiting;
    await services.stop(); // resolves with the piece still not delivered
    assert.equal(services.dumps.generations, 0);
    release();
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(errors, []);
    assert.deepEqual(readdirSync(join(dir, 'publish', 'dumps')).filter((f) => /^v\d+-/.test(f)), []);
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
