import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DataFactory } from 'n3';
import { LinkedDataServices } from '../../src/linked-data/services.js';
import { createEmbeddedStore } from '../../src/store/embedded-store.js';
import type { KgStore } from '../../src/store/types.js';
import { BASE, makeContext, releaseQuads } from '../support/linked-data-fixture.js';
import { serveContext } from '../support/listener.js';

/**
 * A first dump generation over a large store takes minutes (13 min at 100k releases): requests for the dumps and the
 * catalog must be answered at once meanwhile. The store's dump is held open by a gate here, as a slow one would be.
 */
const seedQuads = () => releaseQuads();

/** `store` with `dumpBytes()` (what the dump files are made from) waiting for `gate` before its first piece. */
function gated(store: KgStore, gate: Promise<void>): KgStore {
  return new Proxy(store, {
    get(target, prop) {
      if (prop === 'dumpBytes') {
        return async function* (opts: Parameters<KgStore['dumpBytes']>[0]) {
          await gate;
          yield* target.dumpBytes(opts);
        };
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

async function startGated(dataDir: string) {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => { open = resolve; });
  const raw = createEmbeddedStore({ dataDir, workers: 0, seed: seedQuads });
  await raw.open();
  const store = gated(raw, gate);
  const services = new LinkedDataServices(store, makeContext(store).iris, { dir: join(dataDir, 'publish'), dumpDebounceMs: 20 });
  void services.start().catch(() => undefined);
  const server = await serveContext({ ...makeContext(store), linkedData: services });
  return {
    raw, services, open,
    get: (path: string, headers: Record<string, string> = {}) => server.request(path, { headers }),
    close: async () => {
      open();
      await server.close();
      await services.stop();
      await raw.close();
    },
  };
}

let dataDir: string;
before(() => { dataDir = mkdtempSync(join(tmpdir(), 'osce-kg-dumps-not-ready-')); });
after(() => rmSync(dataDir, { recursive: true, force: true }));

test('before the first generation: /dumps/ and every dump answer 503 DUMPS_NOT_READY with Retry-After at once; then the listing', async () => {
  const s = await startGated(dataDir);
  try {
    for (const path of ['/dumps/', '/dumps/osce-kg.nq.gz', '/dumps/osce-kg.jsonld.gz']) {
      const res = await s.get(path, { accept: 'application/json' });
      assert.equal(res.status, 503, path);
      assert.equal(res.headers.get('retry-after'), '60', path);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/, path);
      assert.deepEqual(await res.json(), { error: { code: 'DUMPS_NOT_READY', message: 'The dumps are being generated for the first time; none is ready yet. Retry later (see Retry-After).' } }, path);
    }
    // the catalog does not wait for the generation either: it describes no dump yet
    const catalog = await s.get('/catalog', { accept: 'application/n-triples' });
    assert.equal(catalog.status, 200);
    assert.ok(!(await catalog.text()).includes(`${BASE}dumps/osce-kg.nq.gz`));
    s.open();
    await s.services.dumps.settled();
    const res = await s.get('/dumps/', { accept: 'application/json' });
    assert.equal(res.status, 200);
    const listing = (await res.json()) as { dumps: Array<{ name: string }>; generating: boolean };
    assert.deepEqual(listing.dumps.map((d) => d.name), ['osce-kg.nt.gz', 'osce-kg.nq.gz', 'osce-kg.ttl.gz', 'osce-kg.jsonld.gz']);
    assert.equal(listing.generating, false);
  } finally {
    await s.close();
  }
});

test('after a restart over changed data the previous generation is served, labelled with its version, until the new one replaces it', async () => {
  // the first test left a published generation and its manifest in dataDir
  const before = createEmbeddedStore({ dataDir, workers: 0, seed: seedQuads });
  const previousVersion = await before.version();
  const { namedNode, literal, quad } = DataFactory;
  const added = quad(namedNode(`${BASE}id/place/waitville`), namedNode('http://www.w3.org/2000/01/rdf-schema#label'), literal('Waitville', 'en'));
  let version: number;
  try {
    version = (await before.write({ type: 'patch', delta: { added: [added], removed: [] } })).version;
  } finally {
    await before.close();
  }
  const s = await startGated(dataDir);
  try {
    const res = await s.get('/dumps/', { accept: 'application/json' });
    assert.equal(res.status, 200);
    const listing = (await res.json()) as { dumps: Array<{ name: string; version: number }>; generating: boolean };
    assert.equal(listing.dumps.length, 4);
    assert.ok(listing.dumps.every((d) => d.version === previousVersion));
    assert.equal(listing.generating, true);
    const file = await s.get('/dumps/osce-kg.nq.gz');
    assert.equal(file.status, 200);
    const text = gunzipSync(Buffer.from(await file.arrayBuffer())).toString('utf8');
    assert.ok(text.includes(`<${BASE}graph/release/`));
    assert.ok(!text.includes('Waitville'));
    s.open();
    await s.services.dumps.settled();
    const after = (await (await s.get('/dumps/', { accept: 'application/json' })).json()) as { dumps: Array<{ version: number }>; generating: boolean };
    assert.ok(after.dumps.every((d) => d.version === version));
    assert.equal(after.generating, false);
  } finally {
    await s.close();
  }
});
