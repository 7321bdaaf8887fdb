/**
 * `dumps/manifest.json`: the published generation (each file's name, version, size, checksums and time) with the
 * dataset version and quad count it was taken at. Written durably after each generation; on start a manifest whose
 * version and quad count match the store, and whose files are all present with their recorded sizes, is adopted
 * instead of generating the same files again (30+ s of CPU at 10k releases).
 */
import { open, readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DumpFile, DumpFormat } from './dump-files.js';

const MANIFEST = 'manifest.json';

interface ManifestEntry {
  name: string;
  file: string;
  version: number;
  bytes: number;
  sha256: string;
  sha1: string;
  modified: string;
}

interface Manifest {
  version: number;
  quads: number;
  files: ManifestEntry[];
}

/** The file name of a format's dump of `version` (the manifest names files, never paths: they are resolved here). */
export function dumpFileName(version: number, format: DumpFormat): string {
  return `v${version}-${format.name}`;
}

/** Where a dump file is written until it is whole and fsynced (then renamed to `path`); a start removes leftovers. */
export const partialPath = (path: string): string => `${path}.tmp`;

/** Writes the manifest of `files` (temp file, fsync, rename, directory fsync: a crash leaves the old or the new one). */
export async function writeManifest(dir: string, files: readonly DumpFile[], quads: number): Promise<void> {
  const version = files[0]?.version ?? 0;
  const manifest: Manifest = {
    version, quads,
    files: files.map((f) => ({ name: f.format.name, file: dumpFileName(f.version, f.format), version: f.version, bytes: f.bytes, sha256: f.sha256, sha1: f.sha1, modified: f.modified.toISOString() })),
  };
  const tmp = join(dir, `${MANIFEST}.tmp`);
  const out = await open(tmp, 'w');
  try {
    await out.writeFile(`${JSON.stringify(manifest, null, 2)}\n`);
    await out.sync();
  } finally {
    await out.close();
  }
  await rename(tmp, join(dir, MANIFEST));
  const folder = await open(dir, 'r');
  await folder.sync().finally(() => folder.close());
}

async function readManifest(dir: string): Promise<Manifest | undefined> {
  try {
    return JSON.parse(await readFile(join(dir, MANIFEST), 'utf8')) as Manifest;
  } catch {
    return undefined; // missing or unreadable: generate
  }
}

const HEX = { sha256: /^[0-9a-f]{64}$/, sha1: /^[0-9a-f]{40}$/ };

/** The entry's file, if it is the dump of `version` in `format` and is on disk with the recorded size. */
async function adoptEntry(dir: string, version: number, format: DumpFormat, entry: ManifestEntry | undefined): Promise<DumpFile | undefined> {
  if (!entry || entry.version !== version || entry.file !== dumpFileName(version, format)) return undefined;
  if (!Number.isSafeInteger(entry.bytes) || !HEX.sha256.test(entry.sha256) || !HEX.sha1.test(entry.sha1)) return undefined;
  const modified = new Date(entry.modified);
  const path = join(dir, entry.file);
  const size = await stat(path).then((s) => s.size, () => -1);
  if (size !== entry.bytes || Number.isNaN(modified.getTime())) return undefined;
  return { format, path, bytes: entry.bytes, sha256: entry.sha256, sha1: entry.sha1, modified, version };
}

/**
 * The files of the manifest in `dir` when it describes dataset `version` with `quads` quads and every format's file is
 * present with its recorded size; otherwise undefined (the caller generates).
 */
export async function adoptManifest(dir: string, formats: readonly DumpFormat[], version: number, quads: number): Promise<DumpFile[] | undefined> {
  const manifest = await readManifest(dir);
  if (!manifest || manifest.version !== version || manifest.quads !== quads || !Array.isArray(manifest.files)) return undefined;
  return manifestFiles(dir, formats, manifest);
}

/**
 * The files of the manifest in `dir` whatever dataset version it describes (every file present with its recorded
 * size), or undefined: the previous generation, served while the current one is generated after a restart over
 * changed data. Each file is still exactly the version it is labelled with.
 */
export async function previousManifest(dir: string, formats: readonly DumpFormat[]): Promise<DumpFile[] | undefined> {
  const manifest = await readManifest(dir);
  if (!manifest || !Number.isSafeInteger(manifest.version) || !Array.isArray(manifest.files)) return undefined;
  return manifestFiles(dir, formats, manifest);
}

async function manifestFiles(dir: string, formats: readonly DumpFormat[], manifest: Manifest): Promise<DumpFile[] | undefined> {
  const version = manifest.version;
  const files: DumpFile[] = [];
  for (const format of formats) {
    const file = await adoptEntry(dir, version, format, manifest.files.find((f) => f?.name === format.name));
    if (!file) return undefined;
    files.push(file);
  }
  return files;
}
