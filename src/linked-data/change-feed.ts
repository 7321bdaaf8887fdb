/**
 * The change feed (Activity Streams 2.0 in the style of IIIF Change Discovery 1.0): one Create/Update/Delete
 * activity per entity document that a committed delta touched (as subject, or as object, since documents show
 * incoming links), oldest first. Activities are appended to a JSON-lines file so the feed survives restarts; on the
 * first start the seed counts as one Create per entity.
 *
 * Whether an entity exists at a version is decided from a per-entity count of its subject triples, kept in step with
 * the (net) deltas in commit order, so activities do not depend on when the listener runs relative to later writes.
 *
 * Counting every entity's triples scans the whole store (tens of seconds at 100k releases), so the counts are also
 * kept in a checkpoint file (`entity-counts.json`, written after a count, on stop and by `osce-kg load`); a start at
 * the checkpoint's version reads it instead of counting (entity-counts.ts). The seed, the feed file read back at a
 * restart and the checkpoint go a piece at a time, the event loop running between pieces: at 100k releases (183k
 * entities) each held the HTTP thread 1-3 s in one go.
 *
 * A stop cuts a start under way (the count may wait minutes behind other background reads): the seed is written to a
 * temp file renamed into place once whole, so a cut (or killed) seed leaves no feed file, and the next start seeds
 * again; changes committed during a cut start are not in the feed (as below).
 *
 * Known limit: changes committed while the feed is not running (another process writing the data dir) are not seen.
 */
import { createReadStream } from 'node:fs';
import { appendFile, mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import type { Iris } from '../model/ns.js';
import type { ChangeEvent, KgStore } from '../store/types.js';
import { datasetIri } from './void.js';
import { changedObjects, subjectChanges } from '../store/summary.js';
import { countEntities, countsFile, documentEntity, readCounts, writeCounts } from './entity-counts.js';
import { StopSignal, Stopped } from '../model/stop-signal.js';

export { documentEntity } from './entity-counts.js';

/** Activities seeded or read back per slice. */
const SLICE = 5000;
const pause = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Whether the strings are in ascending order (what `sort()` gives). */
function ascending(items: readonly string[]): boolean {
  for (let i = 1; i < items.length; i++) if (items[i - 1]! > items[i]!) return false;
  return true;
}

export type ActivityType = 'Create' | 'Update' | 'Delete';

export interface Activity {
  type: ActivityType;
  /** The entity IRI; its document is the activity's object. */
  entity: string;
  endTime: string;
  version: number;
}

/**
 * The activity of a change that touched no entity document (data about other IRIs): an Update of the dataset itself
 * (the VoID/DCAT dataset IRI), so that `/changes`, VoID's and the catalog's `dct:modified` (the newest activity) move
 * with the dumps, which every change regenerates. Undefined when the change did touch a document.
 */
export function datasetActivity(iris: Iris, documentsTouched: number, changed: boolean, version: number, endTime: string): Activity | undefined {
  return documentsTouched === 0 && changed ? { type: 'Update', entity: datasetIri(iris), endTime, version } : undefined;
}

/** What feed pages and sitemaps read: the file-backed feed below or the shared one (shared-change-feed.ts). */
export interface FeedSource {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves when every change committed so far is in the feed. */
  settled(): Promise<void>;
  activities(): readonly Activity[];
  lastModified(entity: string): string | undefined;
}

export class ChangeFeed implements FeedSource {
  private items: Activity[] = [];
  private readonly live = new Set<string>();
  /** Subject-triple count per entity at version `countedAt`. */
  private counts = new Map<string, number>();
  /** The version the counts are at (the last change applied). */
  private countsAt = -1;
  private countedAt = -1;
  private readonly lastmod = new Map<string, string>();
  private queue: Promise<void> = Promise.resolve();
  private unsubscribe: (() => void) | undefined;
  private readonly stopSignal = new StopSignal('the change feed stopped');
  /** The start under way (a stop waits for it to end, which its cut waits make prompt). */
  private starting: Promise<void> | undefined;
  /** Whether the start completed: only then are changes applied (after a cut start the feed file is not complete). */
  private following = false;

  /** `slice`: activities seeded or read back between two turns of the event loop. */
  constructor(private readonly store: KgStore, private readonly iris: Iris, private readonly file: string, private readonly slice = SLICE) {}

  /** Loads the persisted feed (or seeds it) and follows the store's changes; resolves early when stopped meanwhile. */
  start(): Promise<void> {
    this.starting = this.load().catch((e: unknown) => {
      if (!(e instanceof Stopped)) throw e;
    });
    return this.starting;
  }

  private async load(): Promise<void> {
    let ready!: () => void;
    const counted = new Promise<void>((r) => (ready = r));
    this.queue = counted;
    this.unsubscribe = this.store.onChange((event) => {
      this.queue = this.queue.then(() => this.apply(event)).catch((e) => console.error('osce-kg: change feed', e));
    });
    try {
      if (!(await this.restoreCounts())) {
        await this.countEntities();
        await this.checkpoint();
      }
      if (!(await this.readBack())) await this.seed();
      this.following = true;
    } finally {
      ready(); // changes committed meanwhile are applied only now, after the persisted or seeded feed
    }
  }

  /**
   * Stops following the store: a start under way is cut at its next wait or slice; changes received after a whole
   * start are applied first; the counts are checkpointed at the version they are at.
   */
  async stop(): Promise<void> {
    this.stopSignal.stop();
    this.unsubscribe?.();
    await this.starting?.catch(() => undefined);
    await this.queue;
    if (this.countsAt >= 0) await this.checkpoint().catch((e) => console.error('osce-kg: change feed checkpoint', e));
  }

  private get checkpointFile(): string {
    return countsFile(dirname(this.file));
  }

  /** Writes the counts (a copy taken at once: changes applied while the pieces are written must not mix in). */
  private async checkpoint(): Promise<void> {
    await writeCounts(this.checkpointFile, this.countsAt, new Map(this.counts));
  }

  /** The checkpoint's counts, if they are at the store's current version. */
  private async restoreCounts(): Promise<boolean> {
    const version = await this.store.version();
    const saved = await readCounts(this.checkpointFile, version);
    if (!saved) return false;
    this.counts = saved; // taken as it is: copying 183k entries held the HTTP thread 0.7 s at 100k
    this.countedAt = this.countsAt = version;
    return true;
  }

  /** Reads the persisted feed back a slice at a time; false when there is none (only a missing feed is seeded). */
  private async readBack(): Promise<boolean> {
    const input = createReadStream(this.file, { encoding: 'utf8' });
    try {
      let n = 0;
      for await (const line of createInterface({ input, crlfDelay: Infinity })) {
        if (line.trim()) this.remember(JSON.parse(line) as Activity);
        if (++n % this.slice === 0) {
          await pause();
          this.stopSignal.check();
        }
      }
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw e;
    } finally {
      input.destroy();
    }
  }

  /** Resolves when every change seen so far is in the feed. */
  settled(): Promise<void> {
    return this.queue;
  }

  activities(): readonly Activity[] {
    return this.items;
  }

  /** Time of the last activity of an entity (for sitemap lastmod). */
  lastModified(entity: string): string | undefined {
    return this.lastmod.get(entity);
  }

  private remember(a: Activity): void {
    this.items.push(a);
    this.lastmod.set(a.entity, a.endTime);
    if (a.type === 'Delete') this.live.delete(a.entity);
    else this.live.add(a.entity);
  }

  private async persist(batch: Activity[]): Promise<void> {
    if (batch.length === 0) return;
    await mkdir(dirname(this.file), { recursive: true });
    await appendFile(this.file, batch.map((a) => `${JSON.stringify(a)}\n`).join(''));
    for (const a of batch) this.remember(a);
  }

  /** Counts subject triples per entity at one version (retried if a write lands in between). */
  private async countEntities(): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const before = await this.store.version();
      const counts = await this.stopSignal.race(countEntities(this.store, this.iris));
      if ((await this.store.version()) !== before) continue;
      this.counts = counts;
      this.countedAt = this.countsAt = before;
      return;
    }
    throw new Error('change feed: the dataset kept changing while counting entities');
  }

  /**
   * One Create per entity, in IRI order, written and remembered a slice at a time into a temp file that is fsynced
   * and renamed into place once whole: a feed file is always a whole seed and the changes after it.
   */
  private async seed(): Promise<void> {
    const endTime = new Date().toISOString();
    // the counts come in IRI order from the count (sorted in the query worker) or its checkpoint: sorting 183k IRIs
    // again here held the HTTP thread 0.7 s at 100k
    const entities = [...this.counts.keys()];
    if (!ascending(entities)) entities.sort();
    const tmp = `${this.file}.seed`;
    await mkdir(dirname(this.file), { recursive: true });
    const fh = await open(tmp, 'w');
    try {
      for (let i = 0; i < entities.length; i += this.slice) {
        this.stopSignal.check();
        const batch = entities.slice(i, i + this.slice).map((entity) => ({ type: 'Create' as const, entity, endTime, version: this.countedAt }));
        await fh.write(batch.map((a) => `${JSON.stringify(a)}\n`).join(''));
        for (const a of batch) this.remember(a);
        await pause();
      }
      await fh.sync();
    } catch (e) {
      await fh.close();
      await rm(tmp, { force: true });
      throw e;
    }
    await fh.close();
    await rename(tmp, this.file);
  }

  private async apply(event: ChangeEvent): Promise<void> {
    if (!this.following || event.version <= this.countedAt) return;
    // Read the summary in batches (a bulk upload touches hundreds of thousands of subjects), then change the counts at
    // once, so a checkpoint taken meanwhile never sees them half-way.
    const diff = new Map<string, number>();
    const touched = new Set<string>();
    for await (const batch of subjectChanges(event.summary)) {
      for (const [iri, by] of batch) {
        const entity = documentEntity(iri, this.iris);
        if (!entity) continue;
        diff.set(entity, (diff.get(entity) ?? 0) + by);
        touched.add(entity);
      }
    }
    for await (const batch of changedObjects(event.summary)) {
      for (const iri of batch) {
        const entity = documentEntity(iri, this.iris);
        if (entity) touched.add(entity);
      }
    }
    for (const [entity, by] of diff) this.counts.set(entity, (this.counts.get(entity) ?? 0) + by);
    this.countsAt = event.version;
    const batch: Activity[] = [];
    for (const entity of [...touched].sort()) {
      const exists = (this.counts.get(entity) ?? 0) > 0;
      const known = this.live.has(entity);
      const type: ActivityType | undefined = exists ? (known ? 'Update' : 'Create') : known ? 'Delete' : undefined;
      if (type) batch.push({ type, entity, endTime: event.time.toISOString(), version: event.version });
    }
    const changed = event.summary.added + event.summary.removed > 0;
    const dataset = datasetActivity(this.iris, batch.length, changed, event.version, event.time.toISOString());
    await this.persist(dataset ? [dataset] : batch);
  }
}

/** One page of the feed as an IIIF Change Discovery OrderedCollectionPage. */
export function feedPage(feed: FeedSource, iris: Iris, page: number, pageSize: number): Record<string, unknown> | undefined {
  const all = feed.activities();
  const pages = Math.max(1, Math.ceil(all.length / pageSize));
  if (page >= pages) return undefined;
  const url = (n: number) => `${iris.base}changes/page/${n}`;
  const start = page * pageSize;
  const orderedItems = all.slice(start, start + pageSize).map((a, i) => {
    const parsed = iris.parseEntity(a.entity);
    const doc = parsed ? iris.document(parsed.kind, parsed.key) : a.entity;
    const type = a.entity === datasetIri(iris) ? 'Dataset' : 'Document';
    return { id: `${iris.base}changes/activity/${start + i}`, type: a.type, object: { id: doc, type, canonical: a.entity }, endTime: a.endTime };
  });
  return {
    '@context': 'http://iiif.io/api/discovery/1/context.json',
    id: url(page), type: 'OrderedCollectionPage', startIndex: start,
    partOf: { id: `${iris.base}changes`, type: 'OrderedCollection' },
    ...(page > 0 ? { prev: { id: url(page - 1), type: 'OrderedCollectionPage' } } : {}),
    ...(page + 1 < pages ? { next: { id: url(page + 1), type: 'OrderedCollectionPage' } } : {}),
    orderedItems,
  };
}

/** The feed's entry point (IIIF Change Discovery §2.2). */
export function feedCollection(feed: FeedSource, iris: Iris, pageSize: number): Record<string, unknown> {
  const total = feed.activities().length;
  const last = Math.max(0, Math.ceil(total / pageSize) - 1);
  return {
    '@context': 'http://iiif.io/api/discovery/1/context.json',
    id: `${iris.base}changes`, type: 'OrderedCollection', totalItems: total,
    first: { id: `${iris.base}changes/page/0`, type: 'OrderedCollectionPage' },
    last: { id: `${iris.base}changes/page/${last}`, type: 'OrderedCollectionPage' },
  };
}
