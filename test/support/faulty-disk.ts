/**
 * A disk that fills up on command, for the journal and the probe of the embedded store (StorageIo): files are real
 * files, but the disk takes only `free` more bytes. A write that crosses the limit stores the bytes that fit and reports
 * a short count, as write(2) does on a full file system; the next write fails with `errno` (ENOSPC, or EIO for a
 * failing device). `failSync` makes fsync fail with EIO after the write went through (the kernel lost the pages).
 */
import { constants } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import type { JournalFile, StorageIo } from '../../src/store/journal.js';

export class FaultyDisk implements StorageIo {
  /** Bytes the disk still takes beyond the files' current sizes (Infinity: room). */
  free = Infinity;
  errno: 'ENOSPC' | 'EIO' | 'EDQUOT' = 'ENOSPC';
  failSync = false;
  /** Short writes and failed calls so far (a test checks the fault was really met). */
  faults = 0;
  private readonly sizes = new Map<string, number>();

  /** Makes the disk fail once `bytes` more bytes have been written. */
  fillAfter(bytes: number, errno: FaultyDisk['errno'] = 'ENOSPC'): void {
    this.free = bytes;
    this.errno = errno;
  }

  /** Frees the disk again. */
  makeRoom(): void {
    this.free = Infinity;
    this.failSync = false;
  }

  async open(path: string): Promise<JournalFile> {
    const fh = await open(path, constants.O_RDWR | constants.O_CREAT);
    const { size } = await fh.stat();
    this.sizes.set(path, size);
    const fail = (syscall: string, errno: string = this.errno) => {
      this.faults++;
      return Object.assign(new Error(`${errno}: simulated fault, ${syscall} '${path}'`), { code: errno, syscall, path });
    };
    return {
      write: async (buffer, offset, length, position) => {
        const current = this.sizes.get(path) ?? 0;
        const room = Math.max(0, current - position) + this.free;
        const n = Math.min(length, room);
        if (n <= 0) throw fail('write');
        if (n < length) this.faults++;
        const { bytesWritten } = await fh.write(buffer, offset, n, position);
        const grown = Math.max(0, position + bytesWritten - current);
        this.free -= grown;
        this.sizes.set(path, current + grown);
        return { bytesWritten };
      },
      datasync: async () => {
        if (this.failSync) throw fail('fdatasync', 'EIO');
        await fh.datasync();
      },
      truncate: async (length) => {
        const current = this.sizes.get(path) ?? 0;
        await fh.truncate(length);
        this.free += Math.max(0, current - length);
        this.sizes.set(path, length);
      },
      stat: () => fh.stat(),
      close: () => fh.close(),
    };
  }

  async unlink(path: string): Promise<void> {
    await rm(path, { force: true });
    this.free += this.sizes.get(path) ?? 0;
    this.sizes.delete(path);
  }
}
