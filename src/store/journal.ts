/**
 * Durable state in `dataDir`: `snapshot-<version>.nq` (the whole dataset as N-Quads, written to a temp file, fsynced,
 * renamed, directory fsynced) and `journal-<version>.log`, the writes committed after that snapshot. A journal record
 * is `length (u32 BE) | sha256 prefix (4 bytes) | JSON {version, time, cleared?, removed, added}` (record.ts), N-Quads; it
 * is fsynced before the write is acknowledged. On open the newest snapshot is read and its journal replayed; a torn
 * or corrupt tail (a crash during an unacknowledged write) is cut off, so such a write is absent entirely.
 */
import { createHash } from 'node:crypto';
import { constants, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { open, readdir, rename, rm } from 'node:fs/promises';
import { openSync, fsyncSync, closeSync, ftruncateSync } from 'node:fs';
import { join } from 'node:path';
import type { ReplayRecord } from './record.js';

export interface JournalRecord extends ReplayRecord {
  version: number;
  time: string;
  removed: string;
  added: string;
}

export interface PersistedState {
  snapshotVersion: number;
  /** Path of the snapshot's N-Quads file, or undefined when the directory holds no state yet. */
  snapshot: string | undefined;
  records: JournalRecord[];
}

const HEADER = 8;

function checksum(payload: Buffer): Buffer {
  return createHash('sha256').update(payload).digest().subarray(0, 4);
}

export function encodeRecord(record: JournalRecord): Buffer {
  const payload = Buffer.from(JSON.stringify(record), 'utf8');
  const header = Buffer.alloc(HEADER);
  header.writeUInt32BE(payload.length, 0);
  checksum(payload).copy(header, 4);
  return Buffer.concat([header, payload]);
}

/** Decodes records up to the first incomplete or corrupt one; `validBytes` is where the good prefix ends. */
export function decodeRecords(data: Buffer): { records: JournalRecord[]; validBytes: number } {
  const records: JournalRecord[] = [];
  let offset = 0;
  while (offset + HEADER <= data.length) {
    const length = data.readUInt32BE(offset);
    const end = offset + HEADER + length;
    if (end > data.length) break;
    const payload = data.subarray(offset + HEADER, end);
    if (!checksum(payload).equals(data.subarray(offset + 4, offset + HEADER))) break;
    records.push(JSON.parse(payload.toString('utf8')) as JournalRecord);
    offset = end;
  }
  return { records, validBytes: offset };
}

const snapshotName = (v: number) => `snapshot-${v}.nq`;
/** Where the snapshot of `version` lives, and the temp file it is written to first. */
export const snapshotPath = (dir: string, version: number) => join(dir, snapshotName(version));
export const snapshotTemp = (dir: string, version: number) => join(dir, `${snapshotName(version)}.tmp`);
const journalName = (v: number) => `journal-${v}.log`;

/** Reads the newest snapshot and its journal, cutting a torn tail off the journal file. */
export function readState(dir: string): PersistedState {
  mkdirSync(dir, { recursive: true });
  const names = readdirSync(dir);
  const versions = names.map((n) => /^snapshot-(\d+)\.nq$/.exec(n)?.[1]).filter((v): v is string => v !== undefined).map(Number);
  if (versions.length === 0) return { snapshotVersion: 0, snapshot: undefined, records: [] };
  const v = Math.max(...versions);
  const snapshot = snapshotPath(dir, v);
  const journalPath = join(dir, journalName(v));
  let records: JournalRecord[] = [];
  if (names.includes(journalName(v))) {
    const data = readFileSync(journalPath);
    const decoded = decodeRecords(data);
    records = decoded.records.filter((r) => r.version > v);
    if (decoded.validBytes < data.length) truncate(journalPath, decoded.validBytes);
  }
  return { snapshotVersion: v, snapshot, records };
}

function truncate(path: string, length: number): void {
  const fd = openSync(path, 'r+');
  try {
    ftruncateSync(fd, length);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Makes a directory's entries durable. Asynchronous (the thread pool waits for the disk, not the thread that answers
 * requests): right after a large snapshot was written a directory fsync can wait for the file system's journal.
 */
async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Writes `buf` at `start`, looping on partial writes (POSIX lets a write store fewer bytes than asked: a disk that fills up does). */
async function writeAll(fh: JournalFile, buf: Uint8Array, start: number): Promise<void> {
  for (let off = 0; off < buf.length;) {
    const { bytesWritten } = await fh.write(buf, off, buf.length - off, start + off);
    if (bytesWritten <= 0) throw Object.assign(new Error('the write stored no byte'), { code: 'EIO' });
    off += bytesWritten;
  }
}

/** Writes a snapshot atomically (no temp file is left behind on failure), then removes older snapshots and journals. */
export async function writeSnapshot(dir: string, version: number, chunks: Iterable<string>): Promise<void> {
  const tmp = snapshotTemp(dir, version);
  try {
    const fh = await open(tmp, 'w');
    try {
      let position = 0;
      for (const chunk of chunks) {
        const buf = Buffer.from(chunk, 'utf8');
        await writeAll(fh, buf, position);
        position += buf.length;
      }
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  await commitSnapshot(dir, version);
  await removeOlder(dir, version);
}

/**
 * Renames the temp snapshot of `version` into place and makes the rename durable: from here on the snapshot is the
 * state a restart reads. On failure nothing is left: the temp file is removed, and a rename whose directory fsync
 * failed is undone (a snapshot that may or may not survive a crash must not be the base of later journal records).
 * If even the undo fails, the error says so (`undone: false`): the process must not write again before a restart.
 */
export async function commitSnapshot(dir: string, version: number): Promise<void> {
  const [tmp, path] = [snapshotTemp(dir, version), snapshotPath(dir, version)];
  try {
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  try {
    await fsyncDir(dir);
  } catch (e) {
    try {
      await rm(path, { force: true });
      await fsyncDir(dir);
    } catch {
      throw Object.assign(e as Error, { undone: false });
    }
    throw e;
  }
}

/** Removes snapshots and journals older than `version` (redundant once its snapshot is durable); failures only cost space. */
export async function removeOlder(dir: string, version: number): Promise<void> {
  for (const name of await readdir(dir)) {
    const m = /^(?:snapshot-(\d+)\.nq|journal-(\d+)\.log)$/.exec(name);
    const v = Number(m?.[1] ?? m?.[2]);
    if (m && v < version) await rm(join(dir, name), { force: true }).catch((e) => console.error(`osce-kg: could not remove ${name}`, e));
  }
}

/** The file operations the journal needs: Node's FileHandle has them; tests wrap it to fail at a chosen byte. */
export interface JournalFile {
  write(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesWritten: number }>;
  datasync(): Promise<void>;
  truncate(length: number): Promise<void>;
  stat(): Promise<{ size: number }>;
  close(): Promise<void>;
}

/** How the journal (and the probe of a read-only store) reach the disk. */
export interface StorageIo {
  /** Opens `path` for reading and writing at given positions, creating it if absent (never O_APPEND). */
  open(path: string): Promise<JournalFile>;
  unlink(path: string): Promise<void>;
}

export const nodeStorageIo: StorageIo = {
  open: (path) => open(path, constants.O_RDWR | constants.O_CREAT),
  unlink: (path) => rm(path, { force: true }),
};

/**
 * The open journal of the current snapshot: one record per write, fsynced before the write is acknowledged. A record
 * is written at the end of the last good one, never appended blindly: after a failed write or fsync (a full disk) the
 * file is reopened and cut back to the last good record before anything else is written, so the next record never
 * follows broken bytes (which the reader would take for a torn tail, dropping every later record). The reopen matters
 * after a failed fsync: Linux reports a writeback error once and may then drop the dirty pages, so the open file's
 * state cannot be trusted.
 */
export class Journal {
  /** Set when a failed append may have left bytes past `bytes`: the file is repaired before the next write. */
  private damaged = false;

  private constructor(private fh: JournalFile | undefined, private bytes: number, private readonly path: string, private readonly io: StorageIo) {}

  static async open(dir: string, snapshotVersion: number, io: StorageIo = nodeStorageIo): Promise<Journal> {
    const path = join(dir, journalName(snapshotVersion));
    const fh = await io.open(path);
    try {
      const { size } = await fh.stat();
      if (size === 0) await fsyncDir(dir); // the new file's directory entry must be durable too
      return new Journal(fh, size, path, io);
    } catch (e) {
      await fh.close().catch(() => undefined);
      throw e;
    }
  }

  /** Bytes of good records. */
  get size(): number {
    return this.bytes;
  }

  /** True when the last append failed and the file has not been cut back yet. */
  get needsRepair(): boolean {
    return this.damaged;
  }

  /** Appends a record and fsyncs it; on failure the record is cut back out (now, or before the next append). */
  append(record: JournalRecord): Promise<void> {
    return this.appendEncoded(encodeRecord(record));
  }

  /** `append` of a record encoded already (`encodeRecord`, by the writer replica). */
  async appendEncoded(buf: Uint8Array): Promise<void> {
    if (this.damaged) await this.repair();
    try {
      await writeAll(this.fh!, buf, this.bytes);
      await this.fh!.datasync();
    } catch (e) {
      this.damaged = true;
      await this.repair().catch(() => undefined); // retried before the next append if it fails too
      throw e;
    }
    this.bytes += buf.length;
  }

  /** Reopens the file and cuts it back to the last good record (durably). */
  async repair(): Promise<void> {
    const old = this.fh;
    this.fh = undefined;
    await old?.close().catch(() => undefined);
    const fh = await this.io.open(this.path);
    try {
      await fh.truncate(this.bytes);
      await fh.datasync();
    } catch (e) {
      await fh.close().catch(() => undefined);
      throw e;
    }
    this.fh = fh;
    this.damaged = false;
  }

  async close(): Promise<void> {
    const fh = this.fh;
    this.fh = undefined;
    await fh?.close();
  }
}

/** Bytes a probe writes: a little room, not a promise that the next large write fits. */
export const PROBE_BYTES = 64 * 1024;

/** Writes, fsyncs and removes a small file in `dir`: resolves when the disk takes writes again. */
export async function probeWrite(dir: string, io: StorageIo = nodeStorageIo): Promise<void> {
  const path = join(dir, '.write-probe');
  const fh = await io.open(path);
  try {
    await fh.truncate(0);
    await writeAll(fh, Buffer.alloc(PROBE_BYTES, 0x2e), 0);
    await fh.datasync();
  } finally {
    await fh.close().catch(() => undefined);
    await io.unlink(path);
  }
}

/** Removes a leftover temp snapshot from a crash during compaction. */
export function cleanTemp(dir: string): void {
  for (const name of readdirSync(dir)) if (name.endsWith('.tmp') || name === '.write-probe') rmSync(join(dir, name), { force: true });
}
