/**
 * A full or failing disk over HTTP (issue 21, point 1): the write that meets it gets 507 STORAGE_FULL (503
 * STORAGE_ERROR for an I/O error), never 500 or a query error; the service turns read-only, says so in /health, serves
 * reads, and takes writes again once a probe write succeeds. The journal's disk fails on command
 * (test/support/faulty-disk.ts); the snapshot path writes into /dev/full.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/config.js';
import type { AppContext } from '../../src/context.js';
import { Iris } from '../../src/model/ns.js';
import { createEmbeddedStore, type EmbeddedStore } from '../../src/store/embedded-store.js';
import { snapshotTemp } from '../../src/store/journal.js';
import { FaultyDisk } from '../support/faulty-disk.js';
import { AUTH, EX, TOKEN, errorOf, fixtureQuads } from '../support/http-support.js';
import { serveContext, type Listener } from '../support/listener.js';

interface DiskApp {
  app: Listener;
  store: EmbeddedStore;
  dir: string;
  close(): Promise<void>;
}

async function diskApp(dir: string, disk: FaultyDisk): Promise<DiskApp> {
  const config = Object.freeze(loadConfig({}, { OSCE_KG_TOKEN: TOKEN }));
  // a write over 4 KiB is made durable by a snapshot, smaller ones by a journal record
  const store = createEmbeddedStore({ dataDir: dir, workers: 1, seed: fixtureQuads, io: disk, probeEveryMs: 3_600_000, compactBytes: 8192 });
  await store.open();
  const ctx: AppContext = { config, iris: new Iris(config.base), store };
  const app = await serveContext(ctx);
  return {
    app, store, dir,
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}

const G = (name: string) => `/graph-store?graph=${encodeURIComponent(`${EX}${name}`)}`;
const put = (name: string, body = `<${EX}s> <${EX}p> "${name}" .`) =>
  [G(name), { method: 'PUT', headers: { ...AUTH, 'Content-Type': 'application/n-triples' }, body }] as const;
const update = (text: string) =>
  ['/sparql', { method: 'POST', headers: { ...AUTH, 'Content-Type': 'application/sparql-update' }, body: text }] as const;

async function health(app: DiskApp['app']): Promise<{ status: string; storage: Record<string, unknown> }> {
  const res = await app.request('/health');
  assert.equal(res.status, 200, 'a read-only service is still ready: it serves reads');
  return (await res.json()) as { status: string; storage: Record<string, unknown> };
}

describe('a full disk', () => {
  it('a write that meets it gets 507 STORAGE_FULL, /health says read-only, reads go on, and writes resume once there is room', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'osce-kg-http-disk-'));
    const disk = new FaultyDisk();
    let t = await diskApp(dir, disk);
    try {
      assert.equal((await t.app.request(...put('before'))).status, 201);
      disk.fillAfter(20);
      const failed = await t.app.request(...update(`INSERT DATA { <${EX}x> <${EX}p> "lost" }`));
      assert.equal(failed.status, 507);
      assert.deepEqual(await errorOf(failed), {
        code: 'STORAGE_FULL',
        message: 'The disk of the data directory is full (ENOSPC while appending to the journal); the write was not stored.',
        detail: { errno: 'ENOSPC', reason: 'the disk of the data directory is full (ENOSPC while appending to the journal)' },
      });
      const h = await health(t.app);
      assert.equal(h.status, 'read-only');
      assert.equal(h.storage.writable, false);
      assert.equal(h.storage.code, 'STORAGE_FULL');
      assert.equal(h.storage.reason, 'the disk of the data directory is full (ENOSPC while appending to the journal)');
      assert.ok(!Number.isNaN(Date.parse(String(h.storage.since))), 'since is a time');

      const refused = await t.app.request(...put('refused'));
      assert.equal(refused.status, 507);
      const error = await errorOf(refused);
      assert.equal(error.code, 'STORAGE_FULL');
      assert.equal(error.message, `The store is read-only since ${String(h.storage.since)}: the disk of the data directory is full ` +
        '(ENOSPC while appending to the journal). Writes are refused until a probe write to the data directory succeeds again ' +
        '(tried every 3600 s and before each write); reads are served.');
      const read = await t.app.request(G('before'), { headers: { Accept: 'application/n-triples' } });
      assert.equal(read.status, 200);
      assert.equal(await read.text(), `<${EX}s> <${EX}p> "before" .\n`);

      disk.makeRoom();
      assert.equal((await t.app.request(...put('after'))).status, 201);
      const back = await health(t.app);
      assert.equal(back.status, 'ok');
      assert.deepEqual(back.storage, { writable: true });

      await t.close(); // the files as a kill -9 would leave them: a write is on disk when it is acknowledged
      t = await diskApp(dir, disk);
      for (const [name, status] of [['before', 200], ['after', 200], ['refused', 404]] as const) {
        assert.equal((await t.app.request(G(name))).status, status, `graph ${name} after the restart`);
      }
      const ask = await t.app.request(`/sparql?query=${encodeURIComponent(`ASK { <${EX}x> ?p ?o }`)}`, { headers: { Accept: 'application/sparql-results+json' } });
      assert.equal(((await ask.json()) as { boolean: boolean }).boolean, false, 'the failed update is absent');
    } finally {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an I/O error gets 503 STORAGE_ERROR with Retry-After', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'osce-kg-http-disk-'));
    const disk = new FaultyDisk();
    const t = await diskApp(dir, disk);
    try {
      disk.fillAfter(0, 'EIO');
      const res = await t.app.request(...put('eio'));
      assert.equal(res.status, 503);
      assert.equal(res.headers.get('retry-after'), '10');
      const error = await errorOf(res);
      assert.equal(error.code, 'STORAGE_ERROR');
      assert.match(error.message, /^The disk of the data directory failed \(EIO: simulated fault, write '.*journal-0\.log', while appending to the journal\); the write was not stored\.$/);
      assert.equal((await health(t.app)).storage.code, 'STORAGE_ERROR');
    } finally {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a snapshot that meets it gets 507 STORAGE_FULL (not a query error) and leaves no temp file', { skip: !existsSync('/dev/full') && 'no /dev/full here' }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'osce-kg-http-disk-'));
    const disk = new FaultyDisk();
    const t = await diskApp(dir, disk);
    try {
      const big = Array.from({ length: 200 }, (_, i) => `<${EX}s${i}> <${EX}p> "a value long enough to pass 4 KiB" .`).join('\n');
      symlinkSync('/dev/full', snapshotTemp(dir, 1)); // version 1's snapshot goes into a full device
      const res = await t.app.request(...put('big', big));
      assert.equal(res.status, 507);
      const error = await errorOf(res);
      assert.equal(error.code, 'STORAGE_FULL');
      assert.equal(error.message, 'The disk of the data directory is full (ENOSPC while writing a snapshot); the write was not stored.');
      assert.deepEqual(readdirSync(dir).filter((n) => n.endsWith('.tmp')), []);
      assert.equal((await health(t.app)).status, 'read-only');
      assert.equal((await t.app.request(G('big'))).status, 404, 'nothing of the write is visible');
      assert.equal((await t.app.request(...put('big', big))).status, 201, 'the probe finds room: the same write now succeeds');
    } finally {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
