/**
 * Durable state in `dataDir`: `snapshot-<version>.nq` (the whole dataset as N-Quads, written to a temp file, fsynced,
 * renamed, directory fsynced) and `journal-<version>.log`, the writes committed after that snapshot. A journal record
 * is `length (u32 BE) | sha256 prefix (4 bytes) | JSON {version, time, cleared?, removed, added}` (bulk.ts), N-Quads; it
 * is fsynced before the write is acknowledged. On open the newest snapshot is read and its journal replayed; a torn
 * or corrupt tail (a crash during an unacknowledged write) is cut off, so such a write is absent entirely.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { openSync, fsyncSync, closeSync, ftruncateSync } from 'node:fs';
import { join } from 'node:path';
import type { ReplayRecord } from './bulk.js';

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

function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes a snapshot atomically, then removes older snapshots and journals (they are now redundant). */
export async function writeSnapshot(dir: string, version: number, chunks: Iterable<string>): Promise<void> {
  const tmp = snapshotTemp(dir, version);
  const fh = await open(tmp, 'w');
  try {
    for (const chunk of chunks) await fh.write(chunk);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, snapshotPath(dir, version));
  await installSnapshot(dir, version);
}

/**
 * After the snapshot of `version` was renamed into place: makes the rename durable, then removes older snapshots and
 * journals (now redundant). A worker that is still loading an older snapshot holds it open, so removal is safe.
 */
export async function installSnapshot(dir: string, version: number): Promise<void> {
  fsyncDir(dir);
  for (const name of readdirSync(dir)) {
    const m = /^(?:snapshot-(\d+)\.nq|journal-(\d+)\.log)$/.exec(name);
    const v = Number(m?.[1] ?? m?.[2]);
    if (m && v < version) await rm(join(dir, name), { force: true });
  }
}

/** The open journal of the current snapshot: append + fsync per record. */
export class Journal {
  private constructor(private readonly fh: FileHandle, private bytes: number) {}

  static async open(dir: string, snapshotVersion: number): Promise<Journal> {
    const fh = await open(join(dir, journalName(snapshotVersion)), 'a');
    const { size } = await fh.stat();
    if (size === 0) fsyncDir(dir); // the new file's directory entry must be durable too
    return new Journal(fh, size);
  }

  get size(): number {
    return this.bytes;
  }

  async append(record: JournalRecord): Promise<void> {
    const buf = encodeRecord(record);
    await this.fh.write(buf);
    await this.fh.datasync();
    this.bytes += buf.length;
  }

  async close(): Promise<void> {
    await this.fh.close();
  }
}

/** Removes a leftover temp snapshot from a crash during compaction. */
export function cleanTemp(dir: string): void {
  for (const name of readdirSync(dir)) if (name.endsWith('.tmp')) rmSync(join(dir, name), { force: true });
}
