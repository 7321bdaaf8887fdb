/**
 * A pool of worker threads, each with a replica of the dataset (query-worker.ts): `size` query replicas and one writer,
 * a thread of its own whose replica applies the writes and takes no query, so a write never waits behind a query
 * (nor is aborted because a query on its replica ran past its timeout). A job runs in one idle worker; a query's
 * timeout counts from when it was queued: one that waits its whole timeout is answered 503 QUERY_TIMEOUT without
 * running, and one past it on a worker has that worker terminated (its CPU stops at once) and replaced by a fresh
 * replica built from the committed state (`seed`: the snapshot on disk and the records after it), while the other
 * workers keep serving; so is a worker whose engine trapped (engine-fault.ts), and a query worker whose memory grew
 * past `recycleBytes` (WebAssembly memory never shrinks: one large result would otherwise keep it for good). Idle
 * workers are unref'd so an unclosed store never keeps a process alive. Jobs and replies are messages; a worker with
 * nothing to do sleeps.
 */
import { closeSync, openSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { AppError, queryTimeout } from '../errors.js';
import { replyError } from './evaluate.js';

import { currentMeter, type EvalMeter } from './eval-time.js';
import type { ReplayRecord } from './record.js';
import type { PoolSaturation, StoreSaturation, WorkerMemory } from './types.js';
import { jobTransferables, type FromWorker, type Job, type JobReply, type ReplicaSeed, type ToWorker } from './protocol.js';
import type { Engine, RunOptions } from './local-engine.js';

/**
 * The thread stack of each query worker (and the writer), MiB; node's default is 4. oxigraph evaluates a query by
 * recursion, through WebAssembly frames on this stack, and once V8 has tiered the engine up (a query run before) each
 * frame takes more of it: with the default a warm worker refused queries the complexity check admits. With this size
 * the bound on every shape is the engine's own stack inside its memory, cold or warm, above the check's limits; only
 * the pages a query touches are committed. Measurements: docs/decisions/0018-query-complexity.md.
 */
export const WORKER_STACK_MB = 16;

interface QueuedJob {
  job: Job;
  timeoutMs: number;
  writer: boolean;
  epoch?: number;
  background: boolean;
  /** When it was queued (performance.now()); a query's timeout counts from here. */
  queuedAt: number;
  /** Fires when a query has waited its whole timeout in the queue. */
  expiry?: NodeJS.Timeout;
  /** When a worker took it (performance.now()). */
  startedAt?: number;
  /** Whose evaluation time it counts in (eval-time.ts). */
  meter?: EvalMeter;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface Slot {
  worker: Worker;
  writer: boolean;
  /** False until the replica has loaded its data. */
  ready: boolean;
  /** The worker's memory (bytes: WebAssembly and JS heap) once loaded, against which growth is measured. */
  baseline?: number;
  /**
   * The least JS heap in use the worker has reported: at `ready` its heap may still hold the garbage of loading the
   * replica (a baseline taken there hid the growth of a later job), so the bound counts from the least seen.
   */
  baselineHeap?: number;
  /** The memory outside the JS heap (WebAssembly's) and the JS heap in use, as of the worker's last message. */
  memory?: number;
  heap?: number;
  /** Grown past the memory bound: takes no job, replaced once its reply is out. */
  retiring?: boolean;
  job?: QueuedJob;
  /** The version of the committed state this replica holds (its seed's, then each record it applied). */
  version: number;
  /** Versions of the committed records posted to the replica and not yet applied: a job sent now would wait for them. */
  posted: number[];
  timer?: NodeJS.Timeout;
  /** The snapshot file, open until the replica has read it (a compaction may remove the file meanwhile). */
  fd?: number;
  /**
   * Whether the worker keeps the process alive (set only on change: each call goes into native code); unknown until
   * the worker is online, since Node 20 does not hold an `unref()` made before that.
   */
  refd?: boolean;
}

/** The committed state a new replica starts from: a snapshot file or N-Quads pieces, and the records after it. */
export interface SeedSource {
  file?: string;
  chunks?: string[];
  records: ReplayRecord[];
  /** The version of the committed state it holds. */
  version: number;
}

export interface PoolOptions {
  /** Query workers (the writer comes on top). */
  size: number;
  /** A query worker whose memory grew by more than this past its size once loaded is replaced (default 256 MiB). */
  recycleBytes?: number;
  seed: () => SeedSource;
  /** Told the number of quads of each replica that has loaded (all equal the committed state's). */
  onReady?: (quads: number) => void;
  /**
   * Tests only: while its first element is not 0, a query worker waits before applying a committed record (a large
   * record's application held open, so a test can assert what is answered meanwhile without timing it).
   */
  holdRecords?: Int32Array;
}

/** Adds a job's evaluation time to its caller's meter. */
function charge(job: QueuedJob, ms: number): void {
  if (!job.meter) return;
  job.meter.ms += ms;
  job.meter.jobs++;
}

/**
 * Whether a background job (RunOptions.background: a dump batch, a service's whole-store read) may take a query
 * worker now: never while a query waits for one, whatever their order in the queue, and never the last query worker
 * of a pool with several. A worker still loading the store counts for nothing: at start (100k releases) the first
 * ready worker took the search index's 2-minute read while the other still loaded, and queries waited for that one.
 */
export function backgroundMayStart(
  queue: ReadonlyArray<{ writer: boolean; background: boolean }>,
  slots: Iterable<{ writer: boolean; ready?: boolean; job?: { background: boolean } }>,
): boolean {
  if (queue.some((j) => !j.writer && !j.background)) return false;
  let workers = 0;
  let ready = 0;
  let background = 0;
  for (const slot of slots) {
    if (slot.writer) continue;
    workers++;
    if (slot.ready !== false) ready++;
    if (slot.job?.background) background++;
  }
  return background < (workers > 1 ? ready - 1 : 1);
}

/** What a job on a closed store is answered (the store's own reads after close answer the same). */
export const closedError = () => new AppError(503, 'STORE_CLOSED', 'The store is closed.');

/** Whether a background job ended because its service's store closed under it (not a failure worth a log line). */
export const isStoreClosed = (error: unknown): boolean => error instanceof AppError && error.code === 'STORE_CLOSED';

export class QueryPool implements Engine {
  private readonly slots = new Set<Slot>();
  private readonly queue: QueuedJob[] = [];
  private closed = false;
  private epoch = 0;
  private readonly counts = { expiredInQueue: 0, timedOut: 0, recycled: 0, writerRecycled: 0 };
  /** Committed records some query replica has not applied yet, in version order. */
  private readonly log: { version: number; record: ReplayRecord }[] = [];
  /** The newest committed version posted. */
  private latest: number;
  /**
   * The version every query from now on sees at least: a query starts only on a replica at this version or newer.
   * It becomes a write's version when a query replica has applied it (or at once, see publish), before the write is
   * acknowledged.
   */
  private visible: number;
  /** Writes waiting to become visible (the store acknowledges them then), in version order. */
  private readonly waiters: { version: number; resolve: () => void }[] = [];
  private readonly firstReady: Promise<void>;
  private markReady: () => void = () => undefined;
  private failReady: (error: Error) => void = () => undefined;

  constructor(private readonly options: PoolOptions) {
    this.firstReady = new Promise<void>((resolve, reject) => {
      this.markReady = resolve;
      this.failReady = reject;
    });
    this.firstReady.catch(() => undefined);
    this.latest = this.visible = options.seed().version;
    this.spawn(true);
    for (let i = 0; i < options.size; i++) this.spawn(false);
  }

  /** Resolves when a replica has loaded the data; rejects when a worker fails before any has. */
  ready(): Promise<void> {
    return this.firstReady;
  }

  run(job: Job, opts: RunOptions = {}): Promise<unknown> {
    if (this.closed) return Promise.reject(closedError());
    return new Promise((resolve, reject) => {
      const queued: QueuedJob = { job, timeoutMs: opts.timeoutMs ?? 0, writer: opts.writer ?? false, epoch: opts.epoch, background: opts.background ?? false, queuedAt: performance.now(), meter: currentMeter(), resolve, reject };
      // a query's timeout runs while it waits (a write waits only for the writer, never for a query)
      if (!queued.writer && queued.timeoutMs > 0) queued.expiry = setTimeout(() => this.expire(queued), queued.timeoutMs);
      this.queue.push(queued);
      this.dispatch();
    });
  }

  /** A query that waited its whole timeout: answered without running. */
  private expire(job: QueuedJob): void {
    const at = this.queue.indexOf(job);
    if (at < 0) return;
    this.queue.splice(at, 1);
    this.counts.expiredInQueue++;
    charge(job, 0);
    job.reject(queryTimeout(job.timeoutMs / 1000, 'for a free query worker'));
    this.dispatch();
  }

  /** Each loaded worker's memory as of its last reply, for /metrics. */
  memory(): WorkerMemory[] {
    return [...this.slots].filter((s) => s.ready).map((s) => ({ pool: s.writer ? 'write' : 'query', externalBytes: s.memory ?? 0, heapBytes: s.heap ?? 0 }));
  }

  /** How busy each pool is (query workers, writer), for /health. */
  load(): StoreSaturation {
    const now = performance.now();
    const pool = (writer: boolean): PoolSaturation => {
      const slots = [...this.slots].filter((s) => s.writer === writer);
      const queued = this.queue.filter((j) => j.writer === writer);
      const oldest = queued.reduce((min, j) => Math.min(min, j.queuedAt), now);
      return { workers: slots.length, running: slots.filter((s) => s.job).length, queued: queued.length, oldestWaitMs: Math.round(now - oldest) };
    };
    const replicas = [...this.slots].filter((s) => !s.writer && s.ready);
    return {
      query: pool(false), write: pool(true), ...this.counts,
      version: this.visible,
      applying: replicas.filter((s) => s.posted.length > 0).length,
      behind: replicas.filter((s) => s.version < this.latest).length,
    };
  }

  writerEpoch(): number {
    return this.epoch;
  }

  /**
   * A committed (durable) write for the query replicas, and the writer too when it was rebuilt meanwhile (its seed
   * may predate the write). Resolves when the write is visible: every query started from then on sees it.
   *
   * With two or more loaded query replicas they apply it in turn, never all at once: one (already applying, or idle)
   * applies it while the others keep answering queries at the previous version, and the write becomes visible when
   * that one has applied it; then the next idle replica applies it, and so on. A write never waits for a query: when
   * every query replica is busy, it is visible at once (a query then waits for a replica to apply it, as with one
   * query replica, which applies each write before its next job).
   */
  publish(record: ReplayRecord, version: number, writerToo = false): Promise<void> {
    const msg: ToWorker = { type: 'record', record };
    for (const slot of this.slots) if (slot.writer && writerToo) slot.worker.postMessage(msg);
    this.log.push({ version, record });
    this.latest = version;
    const shown = new Promise<void>((resolve) => this.waiters.push({ version, resolve }));
    const replicas = this.replicas();
    if (replicas.length >= 2) {
      const applier = replicas.find((s) => s.posted.length > 0) ?? replicas.find((s) => !s.job);
      if (applier) this.feed(applier);
      else this.show(version);
    } else {
      this.show(version);
      for (const slot of replicas) this.feed(slot);
    }
    this.dispatch();
    return shown;
  }

  /** The loaded query replicas that may take jobs (not about to be replaced). */
  private replicas(): Slot[] {
    return [...this.slots].filter((s) => !s.writer && s.ready && !s.retiring);
  }

  /** Posts to a replica every committed record it has neither applied nor been posted. */
  private feed(slot: Slot): void {
    const from = slot.posted.at(-1) ?? slot.version;
    for (const { version, record } of this.log) {
      if (version <= from) continue;
      slot.posted.push(version);
      slot.worker.postMessage({ type: 'record', record } satisfies ToWorker);
    }
  }

  /** Queries from now on see `version` at least; the writes up to it are acknowledged. */
  private show(version: number): void {
    if (version > this.visible) this.visible = version;
    while (this.waiters.length > 0 && this.waiters[0]!.version <= this.visible) this.waiters.shift()!.resolve();
    // records every query replica has applied are no longer needed here (a new replica starts from the store's seed)
    let oldest = this.latest;
    for (const slot of this.slots) if (!slot.writer) oldest = Math.min(oldest, slot.version);
    while (this.log.length > 0 && this.log[0]!.version <= oldest) this.log.shift();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.show(this.latest); // durable writes: their clients are answered
    for (const job of this.queue.splice(0)) {
      if (job.expiry) clearTimeout(job.expiry);
      job.reject(closedError());
    }
    const slots = [...this.slots];
    this.slots.clear();
    for (const slot of slots) {
      if (slot.timer) clearTimeout(slot.timer);
      slot.job?.reject(closedError());
    }
    await Promise.all(slots.map((s) => s.worker.terminate()));
    for (const slot of slots) this.closeFd(slot);
  }

  private spawn(writer: boolean): void {
    const seed = this.options.seed();
    const fd = seed.file === undefined ? undefined : openSync(seed.file, 'r');
    const data: ReplicaSeed = { fd, chunks: seed.chunks, records: seed.records, ...(writer ? {} : { holdRecords: this.options.holdRecords }) };
    const worker = new Worker(new URL('./query-worker.js', import.meta.url), { workerData: data, resourceLimits: { stackSizeMb: WORKER_STACK_MB } });
    const slot: Slot = { worker, writer, ready: false, version: seed.version, posted: [], fd };
    worker.unref();
    worker.on('message', (msg: FromWorker) => {
      if (msg.type === 'ready') {
        slot.ready = true;
        slot.baseline = slot.memory = msg.memory;
        slot.baselineHeap = msg.heap;
        slot.heap = msg.heap;
        slot.refd = undefined;
        this.options.onReady?.(msg.quads);
        this.markReady();
        this.closeFd(slot);
        // started from the committed state: what it holds may be shown (its seed has every durable write)
        if (!writer) this.show(slot.version);
        this.dispatch();
        return;
      }
      if (msg.type === 'applied') {
        if (slot.writer) return; // the writer's own copy of a record (publish's writerToo): nothing waits for it
        slot.version = slot.posted.shift() ?? slot.version;
        this.show(slot.version);
        this.dispatch();
      } else if (slot.job) {
        charge(slot.job, msg.ms);
        slot.memory = msg.memory;
        slot.heap = msg.heap;
        // decided before the reply frees the slot, so that no job is given to a worker about to be replaced
        slot.baselineHeap = Math.min(slot.baselineHeap ?? msg.heap, msg.heap);
        slot.retiring = this.grown(slot, msg.memory, msg.heap, msg.pending);
        this.settle(slot, msg.reply);
        if (slot.retiring && this.slots.has(slot)) {
          if (slot.writer) this.counts.writerRecycled++;
          else this.counts.recycled++;
          // a writer is recycled only between writes: nothing pending is lost, so writes queued meanwhile keep their epoch
          this.replace(slot, new Error('recycled: its memory grew past the bound'), { keepEpoch: slot.writer });
        }
      }
    });
    worker.on('error', (error) => this.replace(slot, error));
    worker.on('exit', (code) => this.replace(slot, new Error(`query worker exited with code ${code}`)));
    this.slots.add(slot);
  }

  /** Ends a slot's job with the worker's reply. */
  private settle(slot: Slot, reply: JobReply): void {
    const job = slot.job!;
    if (!reply.ok && reply.fatal) {
      // the engine trapped: this replica is broken; replace it before any other job can reach it
      slot.job = undefined;
      this.replace(slot, replyError(reply.error));
      job.reject(replyError(reply.error));
      return;
    }
    this.release(slot);
    if (reply.ok) job.resolve(reply.value);
    else job.reject(replyError(reply.error));
  }

  /**
   * Whether a worker's memory grew past the bound (a large result, join, upload or update left WebAssembly memory
   * that is never given back): it is then replaced. The writer only when no write is pending on it (after a commit or
   * rollback, or a write that changed nothing or failed): its replacement starts from the committed state, which then
   * holds every write it applied.
   */
  private grown(slot: Slot, memory: number, heap: number, pending: boolean): boolean {
    if (slot.baseline === undefined || (slot.writer && pending)) return false;
    // a query worker's JS heap too: a whole-store read leaves its rows there, and a worker idle after it never
    // collects them (at 100k the statistics' rebuild left 775 MiB in one query worker, all resident: +813 MB RSS).
    // Not the writer's: its bound is for the WebAssembly memory a write leaves (decision 0021).
    const heapGrowth = slot.writer ? 0 : Math.max(0, heap - (slot.baselineHeap ?? heap));
    return memory - slot.baseline + heapGrowth > (this.options.recycleBytes ?? 256 << 20);
  }

  private closeFd(slot: Slot): void {
    if (slot.fd === undefined) return;
    closeSync(slot.fd);
    slot.fd = undefined;
  }

  /**
   * An idle, loaded replica for a job: the writer's jobs go to the writer, queries to the other replicas, and wait
   * rather than go to one still applying a committed write (a large one takes seconds).
   */
  private pick(writer: boolean): Slot | undefined {
    for (const slot of this.slots) {
      if (!slot.ready || slot.job || slot.retiring || slot.writer !== writer) continue;
      if (!writer && !this.serves(slot)) continue;
      return slot;
    }
    return undefined;
  }

  /** Whether a query replica may take a query now: nothing left to apply, and at the visible version or newer. */
  private serves(slot: Slot): boolean {
    return slot.posted.length === 0 && slot.version >= this.visible;
  }

  private dispatch(): void {
    for (let i = 0; i < this.queue.length;) {
      const job = this.queue[i]!;
      const slot = job.background && !backgroundMayStart(this.queue, this.usable()) ? undefined : this.pick(job.writer);
      if (!slot) {
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      if (job.expiry) clearTimeout(job.expiry);
      if (job.epoch !== undefined && job.epoch !== this.epoch) {
        job.reject(new AppError(503, 'WRITE_ABORTED', 'The write was aborted: its writer replica failed and was rebuilt.'));
        continue;
      }
      this.start(slot, job);
    }
    this.applyInTurn();
    // A worker keeps the process alive only while it has a job, or may get one once it is ready.
    for (const slot of this.slots) {
      // (a replica applying a write counts: the write's client waits for it)
      const ref = slot.job !== undefined || slot.posted.length > 0 || this.queue.length > 0;
      if (ref === slot.refd) continue;
      slot.refd = ref;
      if (ref) slot.worker.ref();
      else slot.worker.unref();
    }
  }

  /**
   * The next idle query replica behind the newest write applies it, when no other is applying one (in turn: the
   * others keep serving). Jobs go first: a replica still at the visible version may answer queries before its turn.
   */
  private applyInTurn(): void {
    const replicas = this.replicas();
    if (replicas.length < 2) {
      for (const slot of replicas) if (slot.version < this.latest && slot.posted.length === 0) this.feed(slot);
      return;
    }
    if (replicas.some((s) => s.posted.length > 0)) return;
    const next = replicas.find((s) => !s.job && s.version < this.latest);
    if (next) this.feed(next);
  }

  /** The slots as background jobs count them: a query replica applying a write or behind the visible one is not free. */
  private usable(): { writer: boolean; ready?: boolean; job?: { background: boolean } }[] {
    return [...this.slots].map((s) => ({ writer: s.writer, ready: s.ready && (s.writer || this.serves(s)), job: s.job }));
  }

  /** Gives a job to an idle worker and arms its timeout (what is left of it, for a query that waited). */
  private start(slot: Slot, job: QueuedJob): void {
    slot.job = job;
    job.startedAt = performance.now();
    slot.worker.postMessage({ type: 'job', job: job.job } satisfies ToWorker, jobTransferables(job.job));
    if (job.timeoutMs <= 0) return;
    const left = job.writer ? job.timeoutMs : Math.max(1, job.timeoutMs - (performance.now() - job.queuedAt));
    slot.timer = setTimeout(() => {
      this.counts.timedOut++;
      charge(job, performance.now() - job.startedAt!);
      this.replace(slot, queryTimeout(job.timeoutMs / 1000));
    }, left);
  }

  private release(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.job = undefined;
    this.dispatch();
  }

  /**
   * Ends a worker (timed out, crashed or recycled), fails its job, and starts a fresh replica from the committed state.
   * A writer's replacement starts a new epoch (a write pending on the old one is aborted), unless `keepEpoch`: a writer
   * recycled between writes held nothing that is not in the committed state.
   */
  private replace(slot: Slot, error: unknown, opts: { keepEpoch?: boolean } = {}): void {
    if (!this.slots.delete(slot)) return;
    if (slot.timer) clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = undefined;
    void slot.worker.terminate().finally(() => this.closeFd(slot));
    if (slot.writer && !opts.keepEpoch) this.epoch++;
    job?.reject(error instanceof AppError ? error : new AppError(500, 'INTERNAL', `query worker failed: ${String(error)}`));
    if (!slot.ready) {
      // it failed while loading the data: a new one would fail the same way (a damaged snapshot, say)
      this.failReady(new Error(`a query worker could not load the store: ${error instanceof Error ? error.message : String(error)}`));
      if (this.slots.size === 0) {
        for (const queued of this.queue.splice(0)) {
          if (queued.expiry) clearTimeout(queued.expiry);
          queued.reject(new AppError(503, 'STORE_UNAVAILABLE', 'No query worker could load the store.'));
        }
      }
      return;
    }
    // a replica applying a write that was to make it visible is gone: the write is visible now (queries wait for a
    // replica to apply it, as with one query replica), so its client is never left waiting for a rebuild
    if (!slot.writer && slot.posted.length > 0) this.show(slot.posted.at(-1)!);
    if (!this.closed) this.spawn(slot.writer);
    this.dispatch();
  }
}
