/**
 * The data directory's lock: one process at a time; a lock left by a process that is gone is taken over, also when
 * its pid now names a thread of another process (Linux answers kill(2) for thread ids too).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAppError } from '../../src/errors.js';
import { acquireLock } from '../../src/store/lock.js';

function withDir(run: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'osce-kg-lock-'));
  try {
    run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a lock held by a live process is refused with 503 STORE_LOCKED naming it', () => {
  withDir((dir) => {
    writeFileSync(join(dir, 'LOCK'), String(process.ppid));
    assert.throws(() => acquireLock(dir), (e: unknown) => isAppError(e) && e.status === 503 && e.code === 'STORE_LOCKED'
      && e.message === `The data directory ${dir} is in use by process ${process.ppid}.`);
  });
});

test('a lock whose pid is now a thread of another process (a crashed server\'s pid reused) is taken over', (t) => {
  if (!existsSync('/proc/self/task')) return t.skip('no /proc: not Linux');
  // a thread of this process stands for the thread another process started under the crashed owner's pid
  const tid = readdirSync('/proc/self/task').map(Number).find((id) => id !== process.pid);
  assert.ok(tid, 'node runs threads besides its main one');
  withDir((dir) => {
    writeFileSync(join(dir, 'LOCK'), String(tid));
    const release = acquireLock(dir);
    assert.equal(readFileSync(join(dir, 'LOCK'), 'utf8'), String(process.pid));
    release();
    assert.ok(!existsSync(join(dir, 'LOCK')));
  });
});
