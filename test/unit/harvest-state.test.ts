/**
 * The harvest state: durable records read back after a reopen, a torn last line cut, the job to resume chosen by its
 * seeds and filters, and the log compacted to its live records.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HarvestState, type PageRecord } from '../../src/harvest/state.js';

function withDir(run: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'osce-kg-harvest-state-'));
  try {
    run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const page = (url: string, job: string, extra: Partial<PageRecord> = {}): PageRecord =>
  ({ t: 'page', url, job, at: '2024-03-05T10:00:00.000Z', standing: 'release', ...extra });

test('records survive a reopen; the last record of a URL is its state', () => {
  withDir((dir) => {
    const state = HarvestState.open(dir);
    state.write({ t: 'job', id: 'j1', started: '2024-03-05T10:00:00Z', fingerprint: 'F' });
    state.write(page('https://a.example/1', 'j1', { validators: { etag: '"a"' }, sha256: 'aa' }));
    state.write(page('https://a.example/1', 'j1', { standing: 'rejected', code: 'INVALID_DATE', message: 'bad date' }));
    state.close();
    const again = HarvestState.open(dir);
    assert.deepEqual(again.pages.get('https://a.example/1'), page('https://a.example/1', 'j1', { standing: 'rejected', code: 'INVALID_DATE', message: 'bad date' }));
    assert.equal(again.resumable('F')?.id, 'j1', 'a job without an end is resumed by the same seeds and filters');
    assert.equal(again.resumable('G'), undefined);
    again.write({ t: 'end', id: 'j1', finished: '2024-03-05T11:00:00Z', counts: {}, complete: true });
    assert.equal(again.resumable('F'), undefined, 'an ended job is not resumed');
    again.close();
  });
});

test('a torn last line (a kill during a write) is cut on open', () => {
  withDir((dir) => {
    const state = HarvestState.open(dir);
    state.write(page('https://a.example/1', 'j1'));
    state.close();
    const file = join(dir, 'harvest', 'state.jsonl');
    appendFileSync(file, '{"t":"page","url":"https://a.example/2","jo');
    const again = HarvestState.open(dir);
    assert.deepEqual([...again.pages.keys()], ['https://a.example/1']);
    again.write(page('https://a.example/3', 'j1'));
    again.close();
    assert.deepEqual(readFileSync(file, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as PageRecord).url), ['https://a.example/1', 'https://a.example/3']);
  });
});

test('a read-only state changes nothing on disk', () => {
  withDir((dir) => {
    const state = HarvestState.open(dir);
    state.write(page('https://a.example/1', 'j1'));
    state.close();
    const file = join(dir, 'harvest', 'state.jsonl');
    const before = readFileSync(file, 'utf8');
    const readOnly = HarvestState.open(dir, true);
    readOnly.write(page('https://a.example/2', 'j2'));
    assert.equal(readOnly.pages.size, 2, 'kept in memory');
    readOnly.close();
    assert.equal(readFileSync(file, 'utf8'), before);
  });
});

test('the log is compacted to its live records when it has grown past twice their number', () => {
  withDir((dir) => {
    const state = HarvestState.open(dir);
    state.write({ t: 'job', id: 'j1', started: 's', fingerprint: 'F' });
    for (let i = 0; i < 300; i++) state.write(page(`https://a.example/${i % 3}`, 'j1', { sha256: String(i) }));
    state.close();
    const again = HarvestState.open(dir);
    again.close();
    const lines = readFileSync(join(dir, 'harvest', 'state.jsonl'), 'utf8').trim().split('\n');
    assert.equal(lines.length, 4, 'the job and three pages');
    const reread = HarvestState.open(dir);
    assert.equal(reread.pages.get('https://a.example/2')?.sha256, '299');
    assert.equal(reread.resumable('F')?.id, 'j1');
    reread.close();
  });
});

test('kept bodies are read back, also read-only, and dropped by compaction once no page that is not a release uses them', () => {
  withDir((dir) => {
    const state = HarvestState.open(dir);
    state.keepBody('aa', Buffer.from('rejected page'));
    state.keepBody('bb', Buffer.from('older version'));
    state.write(page('https://a.example/1', 'j1', { standing: 'rejected', sha256: 'aa' }));
    for (let i = 0; i < 120; i++) state.write(page('https://a.example/2', 'j1', { standing: 'release', sha256: 'bb' }));
    state.close();
    assert.equal(Buffer.from(HarvestState.open(dir, true).body('aa') ?? []).toString(), 'rejected page');
    const again = HarvestState.open(dir);
    again.close();
    assert.deepEqual(readdirSync(join(dir, 'harvest', 'bodies')), ['aa']);
  });
});
