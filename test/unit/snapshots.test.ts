/**
 * The snapshots' retention policy and archive: the newest 7 days and the first snapshot of each of the newest 12
 * months are kept; a snapshot is taken once a day, only when the dump changed, and a restart finds them as they were.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DUMP_FORMATS, type DumpFile } from '../../src/linked-data/dump-files.js';
import { retainedDates, SnapshotArchive } from '../../src/linked-data/snapshots.js';

const day = (start: string, n: number) => new Date(Date.parse(`${start}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

test('retention keeps the 7 newest days and the first snapshot of each of the 12 newest months', () => {
  const dates = Array.from({ length: 500 }, (_, i) => day('2025-01-01', i)); // 2025-01-01 … 2026-05-15
  const kept = [...retainedDates(dates)].sort();
  const months = ['2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05'];
  assert.deepEqual(kept, [...months.map((m) => `${m}-01`), ...Array.from({ length: 7 }, (_, i) => day('2026-05-09', i))].sort());
  assert.deepEqual([...retainedDates(['2026-01-05', '2026-01-03'])].sort(), ['2026-01-03', '2026-01-05']);
});

test('the archive takes one snapshot a day when the dump changed, prunes by the policy, and a restart finds them', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'osce-kg-snapshots-'));
  try {
    let now = new Date('2026-01-01T08:00:00Z');
    const archive = new SnapshotArchive(join(dir, 'snapshots'), () => now);
    const format = DUMP_FORMATS.find((f) => f.name === 'osce-kg.nq.gz')!;
    const dump = (version: number): DumpFile => {
      const path = join(dir, `v${version}-osce-kg.nq.gz`);
      writeFileSync(path, `dump ${version}`);
      return { format, path, bytes: 6 + String(version).length, sha256: String(version).padStart(64, '0'), sha1: String(version).padStart(40, '0'), modified: now, version };
    };
    assert.equal((await archive.take([dump(1)]))?.date, '2026-01-01');
    assert.equal(await archive.take([dump(2)]), undefined, 'one a day');
    now = new Date('2026-01-02T08:00:00Z');
    assert.equal(await archive.take([dump(1)]), undefined, 'no change since the last snapshot');
    for (let i = 0; i < 40; i++) {
      now = new Date(`${day('2026-01-02', i)}T08:00:00Z`);
      await archive.take([dump(10 + i)]);
    }
    const dates = archive.list().map((s) => s.date);
    assert.deepEqual(dates, ['2026-02-10', '2026-02-09', '2026-02-08', '2026-02-07', '2026-02-06', '2026-02-05', '2026-02-04', '2026-02-01', '2026-01-01']);
    const oldest = archive.list().at(-1)!;
    assert.equal(readFileSync(oldest.path, 'utf8'), 'dump 1', 'a hard link outlives its generation file');
    const reopened = new SnapshotArchive(join(dir, 'snapshots'));
    await reopened.load();
    assert.deepEqual(reopened.list().map((s) => [s.date, s.sha256, s.version]), archive.list().map((s) => [s.date, s.sha256, s.version]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
