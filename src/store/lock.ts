/**
 * One process at a time per data directory: two writers appending to one journal would corrupt it. The lock file
 * holds the owner's pid; a lock left by a dead process (kill -9) is taken over.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return !threadOfAnother(pid);
}

/**
 * Linux answers kill(2) for a thread id as for a process id: after a crash the owner's pid may come back as a thread
 * of another process (a busy machine with many worker threads), and the data directory stayed locked until someone
 * removed the file. A thread's /proc status names the process it belongs to (Tgid); no /proc: kill(2)'s answer stands.
 */
function threadOfAnother(pid: number): boolean {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return false;
  }
  const tgid = /^Tgid:\s*(\d+)$/m.exec(status)?.[1];
  return tgid !== undefined && Number(tgid) !== pid;
}

export function acquireLock(dir: string): () => void {
  const path = join(dir, 'LOCK');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      return () => rmSync(path, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = Number(readFileSync(path, 'utf8'));
      if (owner === process.pid) return () => undefined; // another store of this process: it releases the lock
      if (Number.isInteger(owner) && owner > 0 && alive(owner)) {
        throw new AppError(503, 'STORE_LOCKED', `The data directory ${dir} is in use by process ${owner}.`);
      }
      rmSync(path, { force: true });
    }
  }
  throw new AppError(503, 'STORE_LOCKED', `Cannot lock the data directory ${dir}.`);
}
