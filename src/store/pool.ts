/**
 * A pool of worker threads, each with a replica of the dataset (query-worker.ts); one of them is the writer, whose
 * replica also applies pending writes. A job runs in one idle worker; past its timeout that worker is terminated
 * (its CPU stops at once) and replaced by a fresh replica built from the committed state (`seed`: the snapshot on
 * disk and the records after it), while the other workers keep serving; so is a worker whose engine trapped
 * (engine-fault.ts). Idle workers are unref'd so an unclosed store never keeps a process alive. Jobs and replies
 * are messages; a worker with nothing to do sleeps.
 */
import { closeSync, openSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { AppError, queryTimeout } from '../errors.js';
import { replyError } from './evaluate.js';

import type { ReplayRecord } from './record.js';
import { jobTransferables, type FromWorker, type Job, type JobReply, type ReplicaSeed, type ToWorker } from './protocol.js';
import type { Engine, RunOptions } from './local-engine.js';

interface QueuedJob {
  job: Job;
  timeoutMs: number;
  writer: boolean;
  epoch?: number;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface Slot {
  worker: Worker;
  writer: boolean;
  /** False until the replica has loaded its data, so loading never counts against a job's timeout. */
  ready: boolean;
  job?: QueuedJob;
  /** Committed writes posted to the replica and not yet applied: a job sent now would wait for them. */
  applying: number;
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
}

export interface PoolOptions {
  size: number;
  seed: () => SeedSource;
  /** Told the number of quads of each replica that has loaded (all equal the committed state's). */
  onReady?: (quads: number) => void;
}

const closedError = () => new AppError(503, 'STORE_CLOSED', 'The store is closed.');

export class QueryPool implements Engine {
  private readonly slots = new Set<Slot>();
  private readonly queue: QueuedJob[] = [];
  private closed = false;
  private held = false;
  private epoch = 0;
  private readonly firstReady: Promise<void>;
  private markReady: () => void = () => undefined;
  private failReady: (error: Error) => void = () => undefined;

  constructor(private readonly options: PoolOptions) {
    this.firstReady = new Promise<void>((resolve, reject) => {
      this.markReady = resolve;
      this.failReady = reject;
    });
    this.firstReady.catch(() => undefined);
    for (let i = 0; i < options.size; i++) this.spawn(i === 0);
  }

  /** Resolves when a replica has loaded the data; rejects when a worker fails before any has. */
  ready(): Promise<void> {
    return this.firstReady;
  }

  run(job: Job, opts: RunOptions = {}): Promise<unknown> {
    if (this.closed) return Promise.reject(closedError());
    return new Promise((resolve, reject) => {
      this.queue.push({ job, timeoutMs: opts.timeoutMs ?? 0, writer: opts.writer ?? false, epoch: opts.epoch, resolve, reject });
      this.dispatch();
    });
  }

  hold(on: boolean): void {
    this.held = on;
    this.dispatch();
  }

  writerEpoch(): number {
    return this.epoch;
  }

  /** Posts a committed write to the replicas (before any later job, by message order). */
  broadcast(record: ReplayRecord, writerToo = false): void {
    const msg: ToWorker = { type: 'record', record };
    for (const slot of this.slots) {
      if (!writerToo && slot.writer) continue;
      slot.applying++;
      slot.worker.postMessage(msg);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(closedError());
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
    const data: ReplicaSeed = { fd, chunks: seed.chunks, records: seed.records };
    const worker = new Worker(new URL('./query-worker.js', import.meta.url), { workerData: data });
    const slot: Slot = { worker, writer, ready: false, applying: 0, fd };
    worker.unref();
    worker.on('message', (msg: FromWorker) => {
      if (msg.type === 'ready') {
        slot.ready = true;
        slot.refd = undefined;
        this.options.onReady?.(msg.quads);
        this.markReady();
        this.closeFd(slot);
        this.dispatch();
        return;
      }
      if (msg.type === 'applied') {
        slot.applying--;
        this.dispatch();
      } else if (slot.job) this.settle(slot, msg.reply);
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

  private closeFd(slot: Slot): void {
    if (slot.fd === undefined) return;
    closeSync(slot.fd);
    slot.fd = undefined;
  }

  /**
   * An idle, loaded replica for a job: the writer's jobs go to the writer; queries prefer the other replicas, and wait
   * rather than go to one still applying a committed write (a large one takes seconds; the writer, which has it
   * already, is released right after it is posted).
   */
  private pick(writer: boolean): Slot | undefined {
    let fallback: Slot | undefined;
    for (const slot of this.slots) {
      if (!slot.ready || slot.job) continue;
      if (writer) {
        if (slot.writer) return slot;
      } else if (slot.applying > 0) continue;
      else if (!slot.writer) return slot;
      else if (!this.held) fallback = slot;
    }
    return fallback;
  }

  private dispatch(): void {
    for (let i = 0; i < this.queue.length;) {
      const job = this.queue[i]!;
      const slot = this.pick(job.writer);
      if (!slot) {
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      if (job.epoch !== undefined && job.epoch !== this.epoch) {
        job.reject(new AppError(503, 'WRITE_ABORTED', 'The write was aborted: its writer replica failed and was rebuilt.'));
        continue;
      }
      this.start(slot, job);
    }
    // A worker keeps the process alive only while it has a job, or may get one once it is ready.
    for (const slot of this.slots) {
      const ref = slot.job !== undefined || this.queue.length > 0;
      if (ref === slot.refd) continue;
      slot.refd = ref;
      if (ref) slot.worker.ref();
      else slot.worker.unref();
    }
  }

  /** Gives a job to an idle worker and arms its timeout. */
  private start(slot: Slot, job: QueuedJob): void {
    slot.job = job;
    slot.worker.postMessage({ type: 'job', job: job.job } satisfies ToWorker, jobTransferables(job.job));
    if (job.timeoutMs > 0) slot.timer = setTimeout(() => this.replace(slot, queryTimeout(job.timeoutMs / 1000)), job.timeoutMs);
  }

  private release(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.job = undefined;
    this.dispatch();
  }

  /** Ends a worker (timed out or crashed), fails its job, and starts a fresh replica from the committed state. */
  private replace(slot: Slot, error: unknown): void {
    if (!this.slots.delete(slot)) return;
    if (slot.timer) clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = undefined;
    void slot.worker.terminate().finally(() => this.closeFd(slot));
    if (slot.writer) this.epoch++;
    job?.reject(error instanceof AppError ? error : new AppError(500, 'INTERNAL', `query worker failed: ${String(error)}`));
    if (!slot.ready) {
      // it failed while loading the data: a new one would fail the same way (a damaged snapshot, say)
      this.failReady(new Error(`a query worker could not load the store: ${error instanceof Error ? error.message : String(error)}`));
      if (this.slots.size === 0) for (const queued of this.queue.splice(0)) queued.reject(new AppError(503, 'STORE_UNAVAILABLE', 'No query worker could load the store.'));
      return;
    }
    if (!this.closed) this.spawn(slot.writer);
    this.dispatch();
  }
}
