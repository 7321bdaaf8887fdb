/**
 * Dated, immutable snapshots of the whole graph for citation: `dumps/{YYYY-MM-DD}/osce-kg.nq.gz`, the N-Quads dump
 * (every named graph with its provenance: the one lossless format) as it was on that day (UTC). A snapshot is taken
 * when a dump generation is published, and hourly, on the first occasion each day when the published N-Quads differ
 * from the newest snapshot: a day without changes adds none. It is a hard link to the published file (no copy, and it
 * outlives the generation's removal), with a manifest (size, SHA-256, SHA-1, dataset version, time), made in a temp
 * folder that is renamed into place: a crash leaves a whole snapshot or none, and it never changes afterwards.
 *
 * Retention (docs/decisions/0017-dump-snapshots.md): the newest {@link RETENTION}.daily snapshots, and the first
 * snapshot of each of the newest {@link RETENTION}.monthly months; others are deleted.
 */
import { link, mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DumpFile } from './dump-files.js';

export const RETENTION = { daily: 7, monthly: 12 } as const;
/** The retention policy in a sentence, as the listing, the catalog and VoID state it. */
export const RETENTION_NOTE = `Snapshots are kept for the ${RETENTION.daily} newest days and, beyond them, the first snapshot of each of the ${RETENTION.monthly} newest months.`;
/** The one format kept in snapshots. */
export const SNAPSHOT_NAME = 'osce-kg.nq.gz';
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface Snapshot {
  /** The UTC day it was taken, YYYY-MM-DD: its version label and its folder. */
  date: string;
  name: string;
  path: string;
  bytes: number;
  sha256: string;
  sha1: string;
  /** Dataset version of the dump. */
  version: number;
  created: Date;
}

/** The policy's choice among snapshot dates: the newest `daily`, and the oldest of each of the newest `monthly` months. */
export function retainedDates(dates: readonly string[], policy: { daily: number; monthly: number } = RETENTION): Set<string> {
  const sorted = [...dates].sort().reverse();
  const keep = new Set(sorted.slice(0, policy.daily));
  const firstOfMonth = new Map<string, string>();
  for (const d of sorted) firstOfMonth.set(d.slice(0, 7), d); // descending: the last one set is the month's oldest
  for (const d of [...firstOfMonth.values()].slice(0, policy.monthly)) keep.add(d);
  return keep;
}

async function syncDir(path: string): Promise<void> {
  const dir = await open(path, 'r');
  await dir.sync().finally(() => dir.close());
}

export class SnapshotArchive {
  private snapshots: Snapshot[] = [];
  private loaded: Promise<void> | undefined;

  constructor(private readonly dir: string, private readonly now: () => Date = () => new Date()) {}

  /** Newest first. */
  list(): readonly Snapshot[] {
    return this.snapshots;
  }

  get(date: string): Snapshot | undefined {
    return this.snapshots.find((s) => s.date === date);
  }

  /** Reads the snapshots on disk (once); a folder without a readable manifest is not a snapshot. */
  load(): Promise<void> {
    this.loaded ??= (async () => {
      await mkdir(this.dir, { recursive: true });
      const found: Snapshot[] = [];
      for (const name of await readdir(this.dir)) {
        if (!DATE.test(name)) continue;
        try {
          const m = JSON.parse(await readFile(join(this.dir, name, 'manifest.json'), 'utf8')) as Omit<Snapshot, 'path' | 'created'> & { created: string };
          found.push({ ...m, date: name, path: join(this.dir, name, m.name), created: new Date(m.created) });
        } catch {
          // an unfinished or damaged folder: left alone, never listed
        }
      }
      this.snapshots = found.sort((a, b) => (a.date < b.date ? 1 : -1));
    })();
    return this.loaded;
  }

  /**
   * Takes today's snapshot of the published `files` when there is none for today and the N-Quads dump differs from
   * the newest snapshot; then applies the retention policy. Returns the new snapshot, if one was taken.
   */
  async take(files: readonly DumpFile[]): Promise<Snapshot | undefined> {
    await this.load();
    const nq = files.find((f) => f.format.name === SNAPSHOT_NAME);
    const date = this.now().toISOString().slice(0, 10);
    if (!nq || this.get(date) || this.snapshots[0]?.sha256 === nq.sha256) return undefined;
    const tmp = join(this.dir, `.tmp-${date}`);
    await rm(tmp, { recursive: true, force: true });
    await mkdir(tmp);
    await link(nq.path, join(tmp, SNAPSHOT_NAME));
    const created = this.now();
    const manifest = { name: SNAPSHOT_NAME, bytes: nq.bytes, sha256: nq.sha256, sha1: nq.sha1, version: nq.version, created: created.toISOString() };
    const out = await open(join(tmp, 'manifest.json'), 'w');
    try {
      await out.writeFile(`${JSON.stringify(manifest, null, 2)}\n`);
      await out.sync();
    } finally {
      await out.close();
    }
    await syncDir(tmp);
    await rename(tmp, join(this.dir, date));
    await syncDir(this.dir);
    const snapshot: Snapshot = { ...manifest, date, path: join(this.dir, date, SNAPSHOT_NAME), created };
    this.snapshots = [snapshot, ...this.snapshots];
    await this.prune();
    return snapshot;
  }

  private async prune(): Promise<void> {
    const keep = retainedDates(this.snapshots.map((s) => s.date));
    for (const s of this.snapshots.filter((x) => !keep.has(x.date))) await rm(join(this.dir, s.date), { recursive: true, force: true });
    this.snapshots = this.snapshots.filter((s) => keep.has(s.date));
  }
}

/** Public download URL of a snapshot. */
export function snapshotUrl(base: string, s: Snapshot): string {
  return `${base}dumps/${s.date}/${s.name}`;
}
