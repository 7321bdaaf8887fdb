/**
 * Whole-dataset dumps, gzipped, written to files and regenerated in the background after changes (debounced and
 * serialized: at most one generation runs, and one more is queued when data changes meanwhile). Each generation
 * writes version-stamped files and only then swaps the metadata, so a download always matches its listed size and
 * checksum; files two generations old are removed after the swap (open downloads keep their inode on POSIX).
 * A generation is published only when the dataset version did not move while it was read, so a dump labelled with a
 * version is exactly that version: instances on one shared store publish byte-identical files (same sha256, same ETag).
 * The encoding (JSON-LD, gzip, checksums, file writes) runs in a dump worker thread (dump-encoder.ts); this thread only
 * forwards the store's dump bytes. After each generation a manifest is written (dump-manifest.ts), and a restart over
 * an unchanged dataset adopts it instead of generating again.
 */
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writesSettled, type KgStore } from '../store/types.js';
import { DumpEncoder } from './dump-encoder.js';
import { adoptManifest, dumpFileName, previousManifest, writeManifest } from './dump-manifest.js';
import { StopSignal, Stopped } from '../model/stop-signal.js';
import { SnapshotArchive } from './snapshots.js';
import { DUMP_FORMATS, type DumpFile, type DumpFormat } from './dump-files.js';

/** What the store is asked for: JSON-LD is encoded from the N-Quads dump (in the dump worker). */
function sourceFormat(format: DumpFormat): 'application/n-quads' | 'application/n-triples' | 'text/turtle' {
  return format.mediaType === 'application/ld+json' ? 'application/n-quads' : format.mediaType;
}

/** The formats grouped by the store dump they are made from: one pass over the store each. */
const PASSES = (() => {
  const passes = new Map<ReturnType<typeof sourceFormat>, DumpFormat[]>();
  for (const format of DUMP_FORMATS) passes.set(sourceFormat(format), [...(passes.get(sourceFormat(format)) ?? []), format]);
  return [...passes];
})();

export interface DumpServiceOptions {
  dir: string;
  base: string;
  /** Quiet time after the last change before regenerating, ms. */
  debounceMs?: number;
  onError?: (e: unknown) => void;
  /** The clock snapshots are dated by (tests set it). */
  now?: () => Date;
  /** Makes each generation's encoder (tests give one whose thread is stuck in a piece). */
  encoder?: () => DumpEncoder;
}

/** How often the dated snapshot is checked for besides each publication: a day's last changes are archived the next day. */
const SNAPSHOT_CHECK_MS = 60 * 60_000;

export class DumpService {
  private current: DumpFile[] = [];
  /** Completed generations since start (debounce evidence for tests and metrics). */
  generations = 0;
  private running: Promise<void> | undefined;
  /** True while a generation reads the store and encodes (the listing says so; the files listed are the previous ones). */
  get generating(): boolean {
    return this.running !== undefined;
  }
  private dirty = false;
  /**
   * Stopped by `stop`: a generation waiting for the store's next piece (queued behind other reads) ends at once, with
   * `Stopped` (no report); its files are removed and the next start generates again.
   */
  private readonly stopSignal = new StopSignal('the dump service stopped');
  /** The encoder of the generation under way: `stop` ends its thread at once. */
  private encoder: DumpEncoder | undefined;
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private snapshotTimer: NodeJS.Timeout | undefined;
  /** Dated snapshots of the N-Quads dump (snapshots.ts), in `{dir}/snapshots`. */
  readonly snapshots: SnapshotArchive;

  /** Resolves once the snapshots are loaded and a generation is listed (adopted, previous or new) or the first one ended. */
  private listedNow!: () => void;
  private readonly listedPromise = new Promise<void>((resolve) => { this.listedNow = resolve; });

  constructor(private readonly store: KgStore, private readonly opts: DumpServiceOptions) {
    this.snapshots = new SnapshotArchive(join(opts.dir, 'snapshots'), opts.now);
  }

  /** Generates the first set and regenerates after every change. */
  start(): Promise<void> {
    this.unsubscribe = this.store.onChange(() => this.schedule());
    this.snapshotTimer = setInterval(() => void this.snapshot(), SNAPSHOT_CHECK_MS);
    this.snapshotTimer.unref();
    const published = new Promise<void>((resolve) => { this.firstPublished = resolve; });
    const loaded = this.snapshots.load();
    const first = this.regenerate();
    void Promise.all([loaded.catch(() => undefined), Promise.race([published, first.catch(() => undefined)])]).then(() => this.listedNow());
    return Promise.all([loaded, first]).then(() => undefined);
  }

  private firstPublished: (() => void) | undefined;

  /** Resolves when `/dumps/` can be answered without waiting for a generation (see `listedPromise`); never rejects. */
  listed(): Promise<void> {
    return this.listedPromise;
  }

  /** Takes today's snapshot of the published files if it is due; a failure is reported, never thrown. */
  async snapshot(): Promise<void> {
    if (this.current.length === 0) return;
    await this.snapshots.take(this.current).catch((e) => this.opts.onError?.(e));
  }

  /**
   * Stops following the store; a generation under way is cut at its next piece of the store's dump and its files
   * removed (at 100k releases a generation takes minutes: a stop that waited for it was killed by the service
   * manager's timeout, before what stops after the dumps had saved its state). The encoder's thread is ended rather
   * than asked to abort: it reads an abort only after the piece it is encoding, and a large graph is one piece (100 MB:
   * 75-84 s). The next start, finding no manifest at its version, lists the previous files and generates again.
   */
  stop(): Promise<void> {
    this.stopSignal.stop();
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    if (this.snapshotTimer) clearInterval(this.snapshotTimer);
    this.timer = undefined;
    const cancelled = this.encoder?.cancel(new Stopped('the dump service stopped'));
    return Promise.all([cancelled?.catch((e) => this.opts.onError?.(e)), this.running]).then(() => undefined);
  }

  files(): readonly DumpFile[] {
    return this.current;
  }

  /** Resolves when no generation is running or queued. */
  async settled(): Promise<void> {
    while (this.running || this.timer) await (this.running ?? new Promise((r) => setTimeout(r, 10)));
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.regenerate();
    }, this.opts.debounceMs ?? 2000);
    this.timer.unref();
  }

  /** Runs a generation now (or queues one after the running one). */
  regenerate(): Promise<void> {
    if (this.running) {
      this.dirty = true;
      return this.running;
    }
    this.running = this.generate()
      .catch((e) => {
        if (!(e instanceof Stopped)) this.opts.onError?.(e);
      })
      .finally(() => {
        this.running = undefined;
        if (this.dirty && !this.stopSignal.stopped) {
          this.dirty = false;
          void this.regenerate();
        }
      });
    return this.running;
  }

  private async generate(): Promise<void> {
    if (this.stopSignal.stopped) return;
    await mkdir(this.opts.dir, { recursive: true });
    const version = await this.store.version();
    if (this.current[0]?.version === version) return; // already published (and its paths must not be overwritten)
    const quads = await this.store.size();
    if (this.current.length === 0) {
      // a generation cut by a kill left its partial files (`v{n}-{name}.tmp`); one process serves a data dir (its
      // store's lock), and no generation of this one has started yet
      for (const f of await readdir(this.opts.dir)) if (/^v\d+-.*\.tmp$/.test(f)) await rm(join(this.opts.dir, f), { force: true });
      // first run since start: the files of an unchanged dataset are on disk already
      const adopted = await adoptManifest(this.opts.dir, DUMP_FORMATS, version, quads);
      if (adopted) {
        await this.publish(adopted);
        return this.snapshot();
      }
      // the data changed since the last generation: its files are listed (each labelled with the version it is)
      // until this generation replaces them, so /dumps/ and harvesters never wait minutes for a large store's dumps
      const previous = await previousManifest(this.opts.dir, DUMP_FORMATS);
      if (previous) await this.publish(previous);
    }
    const next = await this.encode(version);
    if ((await this.store.version()) !== version) {
      // a write landed while reading: these files match no version (on a shared store, another instance's dump of
      // the version they are labelled with would differ), so they are dropped and the next generation is queued
      this.dirty = true;
      for (const f of next) await rm(f.path, { force: true });
      return;
    }
    this.generations++;
    await this.publish(next);
    await writeManifest(this.opts.dir, next, quads);
    await this.snapshot();
  }

  /**
   * Every format of `version`, encoded in a dump worker from the store's dump text (this thread only forwards it):
   * one pass over the store per source format (N-Quads feeds both the N-Quads and the JSON-LD file).
   */
  private async encode(version: number): Promise<DumpFile[]> {
    const encoder = (this.encoder = this.opts.encoder?.() ?? new DumpEncoder());
    const next: DumpFile[] = [];
    try {
      for (const [source, formats] of PASSES) {
        const outputs = formats.map((format) => ({ mediaType: format.mediaType, path: join(this.opts.dir, dumpFileName(version, format)) }));
        const digests = await encoder.encode(outputs, this.untilStopped(this.store.dumpBytes({ format: source })));
        for (const [i, format] of formats.entries()) {
          const path = outputs[i]!.path;
          next.push({ format, path, ...digests[i]!, modified: (await stat(path)).mtime, version });
        }
      }
      this.stopSignal.check(); // a stop as the last pass ended: its files are being removed (DumpEncoder.cancel)
    } catch (e) {
      for (const f of next) await rm(f.path, { force: true });
      throw e;
    } finally {
      this.encoder = undefined;
      await encoder.close();
    }
    return DUMP_FORMATS.map((format) => next.find((f) => f.format === format)!);
  }

  /**
   * The dump's pieces, each taken once no write is in flight (store/types.ts `writesSettled`), until the service
   * stops (then Stopped, which ends the generation without a report): a
   * piece still awaited then (the store's dump batch queued behind a long read, such as the search index's at
   * start) is not waited for; its result or failure (the store closing) is dropped.
   */
  private async *untilStopped(pieces: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
    const it = pieces[Symbol.asyncIterator]();
    try {
      for (;;) {
        // each piece is a whole-store read on a query worker, and its bytes cross this thread: not while an upload runs
        await this.stopSignal.race(writesSettled(this.store));
        const { done, value } = await this.stopSignal.race(it.next());
        if (done) return;
        yield value;
      }
    } finally {
      void it.return?.()?.catch(() => undefined);
    }
  }

  /** Lists `next`; the previous generation stays one round longer (a download that looked it up just before the swap can still open it). */
  private async publish(next: DumpFile[]): Promise<void> {
    const keep = new Set([...next, ...this.current].map((f) => f.path));
    this.current = next;
    this.firstPublished?.();
    for (const name of await readdir(this.opts.dir)) {
      const path = join(this.opts.dir, name);
      if (!keep.has(path) && /^v\d+-osce-kg\./.test(name)) await rm(path, { force: true });
    }
  }
}

