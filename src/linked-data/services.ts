/**
 * The long-lived linked-data services of one store: dumps (regenerated in the background) and the change feed, plus
 * VoID statistics cached per dataset version. `start()` runs once; `stop()` releases listeners and timers.
 */
import { join } from 'node:path';
import type { Iris } from '../model/ns.js';
import type { KgStore } from '../store/types.js';
import { ChangeFeed, type FeedSource } from './change-feed.js';
import { SharedChangeFeed } from './shared-change-feed.js';
import { DumpService } from './dumps.js';
import { computeStats, type VoidStats } from './void.js';

export interface LinkedDataServicesOptions {
  /** Folder for dumps and the change feed (the data dir, or a temp dir for an in-memory store). */
  dir: string;
  dumpDebounceMs?: number;
  feedPageSize?: number;
  /** URLs per sitemap file (sitemaps.org allows 50 000). */
  sitemapUrls?: number;
  /** The clock dump snapshots are dated by (tests set it). */
  now?: () => Date;
}

export class LinkedDataServices {
  readonly dumps: DumpService;
  readonly feed: FeedSource;
  readonly feedPageSize: number;
  readonly sitemapUrls: number;
  private started: Promise<void> | undefined;
  private dumpsStarted: Promise<void> | undefined;
  private feedStarted: Promise<void> | undefined;
  private stopped = false;
  private stats: { version: number; value: Promise<VoidStats> } | undefined;

  constructor(private readonly store: KgStore, private readonly iris: Iris, opts: LinkedDataServicesOptions) {
    this.dumps = new DumpService(store, { dir: join(opts.dir, 'dumps'), base: iris.base, debounceMs: opts.dumpDebounceMs, now: opts.now, onError: (e) => console.error('osce-kg: dump generation failed', e) });
    // a store that keeps a change log shared by all instances is the feed's source; otherwise a local file is
    this.feed = store.changeLog ? new SharedChangeFeed(store, store.changeLog, iris) : new ChangeFeed(store, iris, join(opts.dir, 'changes.jsonl'));
    this.feedPageSize = opts.feedPageSize ?? 1000;
    this.sitemapUrls = opts.sitemapUrls ?? 50_000;
  }

  /** Starts the services once; later calls return the same promise. */
  start(): Promise<void> {
    // independent of each other: adopting the dumps of an unchanged dataset takes milliseconds, while the feed counts
    // every entity first; a generation runs in a dump worker and in the store's workers
    this.started ??= this.stopped ? Promise.resolve() : Promise.all([(this.feedStarted = this.feed.start()), (this.dumpsStarted = this.dumps.start())]).then(() => undefined);
    return this.started;
  }

  /** Starts the services once; resolves when the change feed has started, without waiting for a dump generation. */
  feedReady(): Promise<void> {
    const started = this.start();
    return this.feedStarted ?? started;
  }

  /**
   * Starts the services once; resolves true when the dumps are listed (adopted, the previous generation after a
   * restart over changed data, or the first generation ended), false when that takes longer than `waitMs`: a first
   * generation over a large store takes minutes, and a request must not wait for it (the caller answers 503).
   */
  async dumpsReady(waitMs: number): Promise<boolean> {
    this.start().catch(() => undefined); // a failure is reported by start()'s own callers
    if (this.dumpsStarted === undefined) return true; // stopped before it started: nothing will be listed
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), waitMs); });
    try {
      return await Promise.race([this.dumps.listed().then(() => true as const), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Stops following the store: both services are stopped at once, and each cuts its own start under way (a dump
   * generation, the first one of a start included, minutes at 100k releases; the feed's count of entities) rather
   * than waiting for it (decision 0044).
   */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([this.dumps.stop(), this.feed.stop()]);
    await this.started?.catch(() => undefined);
  }

  /** VoID statistics of the current version (computed once per version). */
  async voidStats(): Promise<VoidStats> {
    const version = await this.store.version();
    if (this.stats?.version !== version) this.stats = { version, value: computeStats(this.store, this.iris) };
    return this.stats.value;
  }

  /** First publication: the oldest activity of the feed. */
  issued(): Date {
    const first = this.feed.activities()[0];
    return first ? new Date(first.endTime) : new Date();
  }

  /** Last change time of the dataset: the newest activity of the feed. */
  modified(): Date {
    const last = this.feed.activities().at(-1);
    return last ? new Date(last.endTime) : new Date();
  }
}
