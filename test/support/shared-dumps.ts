/**
 * The dumps of a fixture generated once per test run and adopted by the other files that start linked-data services
 * over the same data, as a restart over an unchanged data dir adopts its manifest (src/linked-data/dump-manifest.ts):
 * a generation of the four gzipped formats costs each file ~1 s of CPU and a dump worker, adopting them a few ms.
 * test/run.js names the run's folder in OSCE_KG_TEST_CACHE and removes it after the run; a file run by itself
 * (without it) generates its own. Only a generation at version 0 of a fresh store is shared, keyed by its data.
 */
import type { Quad } from '@rdfjs/types';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { toNQuads } from '../../src/store/terms.js';

const root = process.env.OSCE_KG_TEST_CACHE;

/** The run's copy of the dumps of `quads` at version 0, if any file generated them already. */
function entry(quads: readonly Quad[]): string | undefined {
  if (!root) return undefined;
  return join(root, `dumps-${createHash('sha256').update(toNQuads([...quads])).digest('hex').slice(0, 32)}`);
}

/** The manifest and the files it names, copied from `from` into `to`. */
function copyGeneration(from: string, to: string): void {
  const manifest = JSON.parse(readFileSync(join(from, 'manifest.json'), 'utf8')) as { files: Array<{ file: string }> };
  mkdirSync(to, { recursive: true });
  for (const { file } of manifest.files) copyFileSync(join(from, file), join(to, file));
  copyFileSync(join(from, 'manifest.json'), join(to, 'manifest.json'));
}

/**
 * Before the services in `dir` start over a fresh store holding `quads`: puts the run's generation of those quads in
 * `dir`/dumps, which the dump service then adopts. Returns whether there was one.
 */
export function adoptSharedDumps(dir: string, quads: readonly Quad[]): boolean {
  const cached = entry(quads);
  if (!cached || !existsSync(join(cached, 'manifest.json'))) return false;
  copyGeneration(cached, join(dir, 'dumps'));
  return true;
}

/** After the services in `dir` generated the dumps of `quads` at version 0: keeps them for the run's other files. */
export function shareDumps(dir: string, quads: readonly Quad[]): void {
  const cached = entry(quads);
  if (!cached || existsSync(cached)) return;
  const dumps = join(dir, 'dumps');
  const manifest = JSON.parse(readFileSync(join(dumps, 'manifest.json'), 'utf8')) as { version: number };
  if (manifest.version !== 0) return;
  // copied aside, then renamed into place: a file adopting them never sees half a generation, and when two files
  // share at once the second rename fails and its copy goes
  const tmp = `${cached}.${process.pid}.tmp`;
  try {
    copyGeneration(dumps, tmp);
    renameSync(tmp, cached);
  } catch {
    rmSync(tmp, { recursive: true, force: true });
  }
}
