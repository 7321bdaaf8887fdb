/**
 * A full (or failing) disk never costs an acknowledged write (issue 21, point 1). The journal is given a disk that
 * fails at a chosen byte (test/support/faulty-disk.ts); the snapshot path writes into /dev/full, which fails every
 * write with ENOSPC. Every write that resolved must be there after the store is opened again from its files, as a
 * restart after kill -9 would (nothing is flushed on close: each write is on disk when it resolves); every write that
 * failed must be absent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFactory } from 'n3';
import { AppError } from '../../src/errors.js';
import { createEmbeddedStore, type EmbeddedStore, type EmbeddedStoreOptions } from '../../src/store/embedded-store.js';
import { Journal, decodeRecords, readState, snapshotTemp, type JournalRecord } from '../../src/store/journal.js';
import { FaultyDisk } from '../support/faulty-disk.js';

const { namedNode, literal, quad } = DataFactory;
const EX = 'http://example.org/';
const NO_PROBES = 3_600_000; // the timer never probes during a test; writes do

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'osce-kg-disk-full-'));
}

function record(version: number, size: number): JournalRecord {
  return { version, time: new Date(0).toISOString(), removed: '', added: `<${EX}s${version}> <${EX}p> "${'x'.repeat(size)}" .\n` };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  assert.fail('expected the promise to reject');
}

const journalVersions = (dir: string) => decodeRecords(readFileSync(join(dir, 'journal-0.log'))).records.map((r) => r.version);

for (const [errno, failAt] of [['ENOSPC', 0], ['ENOSPC', 5], ['ENOSPC', 8], ['ENOSPC', 60], ['EIO', 3], ['EIO', 100], ['EDQUOT', 9]] as const) {
  test(`a journal append failing with ${errno} after ${failAt} bytes leaves no trace, and later records follow the last good one`, async () => {
    const dir = tempDir();
    const disk = new FaultyDisk();
    try {
      const journal = await Journal.open(dir, 0, disk);
      for (const v of [1, 2, 3]) await journal.append(record(v, 40 * v));
      const good = journal.size;
      disk.fillAfter(failAt, errno);
      const first = await rejection(journal.append(record(4, 200)));
      assert.equal((first as NodeJS.ErrnoException).code, errno);
      assert.equal(readFileSync(join(dir, 'journal-0.log')).length, good, 'the broken record was cut back out at once');
      assert.equal((await rejection(journal.append(record(5, 10)))) instanceof Error, true, 'still full: the next append fails too');
      disk.makeRoom();
      await journal.append(record(6, 300));
      await journal.append(record(7, 1));
      await journal.close();
      assert.ok(disk.faults >= 2, 'the disk really failed');
      assert.deepEqual(journalVersions(dir), [1, 2, 3, 6, 7]);
      const data = readFileSync(join(dir, 'journal-0.log'));
      assert.equal(decodeRecords(data).validBytes, data.length, 'no broken bytes anywhere in the file');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('a journal whose fsync fails drops the record (the write was not acknowledged) and takes the next one after the last good record', async () => {
  const dir = tempDir();
  const disk = new FaultyDisk();
  try {
    const journal = await Journal.open(dir, 0, disk);
    await journal.append(record(1, 10));
    disk.failSync = true;
    assert.equal(((await rejection(journal.append(record(2, 10)))) as NodeJS.ErrnoException).code, 'EIO');
    disk.makeRoom();
    await journal.append(record(3, 10));
    await journal.close();
    assert.deepEqual(journalVersions(dir), [1, 3]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

function openStore(dir: string, disk: FaultyDisk, options: Partial<EmbeddedStoreOptions> = {}): EmbeddedStore {
  return createEmbeddedStore({ dataDir: dir, workers: 0, io: disk, probeEveryMs: NO_PROBES, compactBytes: 64 << 20, ...options });
}

function add(i: number, size: number) {
  return { type: 'patch' as const, delta: { removed: [], added: [quad(namedNode(`${EX}s${i}`), namedNode(`${EX}p`), literal('v'.repeat(size)))] } };
}

/** The numbers of the subjects `<s{n}>` in the store. */
async function written(store: EmbeddedStore): Promise<number[]> {
  const rows = await store.select(`SELECT ?s WHERE { ?s <${EX}p> ?o }`);
  return rows.map((r) => Number(r.s!.value.slice(`${EX}s`.length))).sort((a, b) => a - b);
}

test('across rounds of a disk filling up and freed again, exactly the acknowledged writes are there after a restart', async () => {
  const dir = tempDir();
  const disk = new FaultyDisk();
  const acked: number[] = [];
  const statuses = new Map<string, number>();
  let store = openStore(dir, disk);
  try {
    await store.open();
    let i = 0;
    const faults: Array<['ENOSPC' | 'EIO' | 'EDQUOT' | 'fsync', number]> = [['ENOSPC', 1500], ['EIO', 700], ['fsync', 0], ['ENOSPC', 0], ['EDQUOT', 2300], ['ENOSPC', 401]];
    for (const [kind, budget] of faults) {
      if (kind === 'fsync') disk.failSync = true;
      else disk.fillAfter(budget, kind);
      let failed = 0;
      for (let n = 0; n < 12; n++, i++) {
        try {
          await store.write(add(i, 20 + ((i * 37) % 400)));
          acked.push(i);
        } catch (e) {
          assert.ok(e instanceof AppError, `write ${i} failed with an AppError, not ${String(e)}`);
          statuses.set(e.code, e.status);
          if (failed++ > 0) assert.match(e.message, /^The store is read-only since \S+Z: the disk of the data directory /);
        }
      }
      assert.ok(failed > 0, `the ${kind} fault was met`);
      assert.equal(store.storage().writable, false, 'read-only while the disk fails');
      disk.makeRoom();
      for (let n = 0; n < 3; n++, i++) {
        await store.write(add(i, 50));
        acked.push(i);
      }
      assert.deepEqual(store.storage(), { writable: true });
      if (acked.length % 2 === 0) {
        // a restart in the middle (the files as a kill -9 would leave them: nothing is written on close)
        await store.close();
        store = openStore(dir, disk);
      }
    }
    assert.deepEqual(Object.fromEntries(statuses), { STORAGE_FULL: 507, STORAGE_ERROR: 503 });
    await store.close();
    const state = readState(dir);
    assert.deepEqual(state.records.map((r) => r.version), acked.map((_, k) => k + 1), 'one journal record per acknowledged write, nothing else');
    store = openStore(dir, disk);
    assert.deepEqual(await written(store), acked, `all ${acked.length} acknowledged writes, and none of the failed ones`);
    assert.equal(await store.version(), acked.length);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a read-only store refuses writes with the first fault\'s code until the probe succeeds, and reads go on', async () => {
  const dir = tempDir();
  const disk = new FaultyDisk();
  const store = openStore(dir, disk);
  try {
    await store.write(add(1, 10));
    disk.fillAfter(30, 'ENOSPC');
    const first = (await rejection(store.write(add(2, 100)))) as AppError;
    assert.equal(first.status, 507);
    assert.equal(first.code, 'STORAGE_FULL');
    assert.equal(first.message, 'The disk of the data directory is full (ENOSPC while appending to the journal); the write was not stored.');
    const status = store.storage();
    assert.equal(status.writable, false);
    assert.equal(status.code, 'STORAGE_FULL');
    assert.equal(status.reason, 'the disk of the data directory is full (ENOSPC while appending to the journal)');
    const refused = (await rejection(store.write(add(3, 1)))) as AppError;
    assert.equal(refused.status, 507);
    assert.match(refused.message, /Writes are refused until a probe write to the data directory succeeds again/);
    assert.deepEqual(await written(store), [1], 'reads are served');
    disk.makeRoom();
    await store.write(add(4, 1));
    assert.deepEqual(await written(store), [1, 4]);
    assert.deepEqual(readdirSync(dir).filter((n) => n.startsWith('.')), [], 'the probe file is removed');
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the timer probes a read-only store back to writable once the disk has room', async () => {
  const dir = tempDir();
  const disk = new FaultyDisk();
  const store = openStore(dir, disk, { probeEveryMs: 20 });
  try {
    await store.open();
    disk.fillAfter(0, 'ENOSPC');
    await rejection(store.write(add(1, 10)));
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(store.storage().writable, false, 'the probes fail while the disk is full');
    disk.makeRoom();
    for (let t = 0; t < 100 && !store.storage().writable; t++) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(store.storage(), { writable: true });
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

const DEV_FULL = existsSync('/dev/full');

test('a snapshot that meets a full disk answers 507 STORAGE_FULL, leaves no temp file, and the write is absent after a restart', { skip: !DEV_FULL && 'no /dev/full here' }, async () => {
  const dir = tempDir();
  const disk = new FaultyDisk();
  // a write over half of compactBytes is made durable by a snapshot instead of a journal record
  let store = openStore(dir, disk, { compactBytes: 4096 });
  try {
    await store.write(add(1, 10));
    symlinkSync('/dev/full', snapshotTemp(dir, 2)); // the snapshot of version 2 is written into a full device
    const error = (await rejection(store.write(add(2, 5000)))) as AppError;
    assert.equal(error.status, 507);
    assert.equal(error.code, 'STORAGE_FULL');
    assert.match(error.message, /ENOSPC while writing a snapshot/);
    assert.deepEqual(readdirSync(dir).filter((n) => n.endsWith('.tmp')), []);
    assert.equal(store.storage().writable, false);
    assert.deepEqual(await written(store), [1], 'the failed write was rolled back');
    await store.write(add(3, 5000)); // the probe finds room: the snapshot of version 2 is written for real
    await store.close();
    store = openStore(dir, disk, { compactBytes: 4096 });
    assert.deepEqual(await written(store), [1, 3]);
    assert.equal(readState(dir).snapshotVersion, 2);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a compaction that meets a full disk still acknowledges the write it follows (its journal record is durable)', { skip: !DEV_FULL && 'no /dev/full here' }, async () => {
  const dir = tempDir();
  const disk = new FaultyDisk();
  let store = openStore(dir, disk, { compactBytes: 3000 });
  try {
    await store.open();
    const acked: number[] = [];
    // records of ~1,100 bytes: the third passes 3,000 bytes and compacts at its version
    for (const i of [1, 2]) {
      await store.write(add(i, 1000));
      acked.push(i);
    }
    symlinkSync('/dev/full', snapshotTemp(dir, 3));
    await store.write(add(3, 1000));
    acked.push(3);
    assert.equal(store.storage().writable, false);
    assert.deepEqual(readdirSync(dir).filter((n) => n.endsWith('.tmp')), []);
    await store.write(add(4, 10)); // probed back to writable; this write compacts at version 4
    acked.push(4);
    await store.close();
    assert.equal(readState(dir).snapshotVersion, 4);
    store = openStore(dir, disk, { compactBytes: 3000 });
    assert.deepEqual(await written(store), acked);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
