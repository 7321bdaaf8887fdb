/**
 * A pool of query worker threads, each with a replica of the dataset. A query runs in one idle worker; past its
 * timeout that worker is terminated (its CPU stops at once) and replaced by a fresh replica cloned from the writer's
 * current state, while the other workers keep serving. Idle workers are unref'd so an unclosed store never keeps a
 * process alive.
 */
import { Worker } from 'node:worker_threads';
import { AppError, queryTimeout } from '../errors.js';
import type { EvalReply, EvalRequest } from './evaluate.js';
import type { WorkerMessage } from './query-worker.js';
import type { ReplayRecord } from './bulk.js';

interface Job {
  id: number;
  req: EvalRequest;
  timeoutMs: number;
  resolve: (reply: EvalReply) => void;
  reject: (error: unknown) => void;
}

interface Slot {
  worker: Worker;
  /** False until the replica has loaded its data, so loading never counts against a query's timeout. */
  ready: boolean;
  job?: Job;
  timer?: NodeJS.Timeout;
}

export interface PoolOptions {
  size: number;
  /** The writer's current state as N-Quads pieces, for a new replica. */
  snapshot: () => string[];
  /** Lets replacement happen between writes, never in the middle of one. */
  schedule: (task: () => void) => void;
}

export class QueryPool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: PoolOptions) {
    const chunks = options.snapshot();
    for (let i = 0; i < options.size; i++) this.spawn(chunks);
  }

  run(req: EvalRequest, timeoutMs: number): Promise<EvalReply> {
    if (this.closed) return Promise.reject(new AppError(503, 'STORE_CLOSED', 'The store is closed.'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, req, timeoutMs, resolve, reject });
      this.dispatch();
    });
  }

  /** Posts a committed delta to every replica (before any later query, by message order). */
  broadcast(record: ReplayRecord): void {
    const msg: WorkerMessage = { type: 'delta', record };
    for (const slot of this.slots) slot.worker.postMessage(msg);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new AppError(503, 'STORE_CLOSED', 'The store is closed.'));
    const slots = [...this.slots];
    this.slots.clear();
    for (const slot of slots) {
      if (slot.timer) clearTimeout(slot.timer);
      slot.job?.reject(new AppError(503, 'STORE_CLOSED', 'The store is closed.'));
    }
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private spawn(chunks: string[]): void {
    const worker = new Worker(new URL('./query-worker.js', import.meta.url), { workerData: { chunks } });
    const slot: Slot = { worker, ready: false };
    worker.unref();
    worker.on('message', (msg: { type: string; id?: number; reply?: EvalReply }) => {
      if (msg.type === 'ready') {
        slot.ready = true;
        this.dispatch();
        return;
      }
      if (msg.type !== 'reply' || !slot.job || slot.job.id !== msg.id) return;
      const job = slot.job;
      this.release(slot);
      job.resolve(msg.reply!);
    });
    worker.on('error', (error) => this.replace(slot, error));
    worker.on('exit', (code) => this.replace(slot, new Error(`query worker exited with code ${code}`)));
    this.slots.add(slot);
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) break;
      if (slot.job || !slot.ready) continue;
      const job = this.queue.shift()!;
      slot.job = job;
      const msg: WorkerMessage = { type: 'query', id: job.id, ...job.req };
      slot.worker.postMessage(msg);
      if (job.timeoutMs > 0) slot.timer = setTimeout(() => this.replace(slot, queryTimeout(job.timeoutMs / 1000)), job.timeoutMs);
    }
    // A worker keeps the process alive only while it has a job, or may get one once it is ready.
    for (const slot of this.slots) {
      if (slot.job || this.queue.length > 0) slot.worker.ref();
      else slot.worker.unref();
    }
  }

  private release(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.job = undefined;
    this.dispatch();
  }

  /** Ends a worker (timed out or crashed), fails its job, and starts a fresh replica. */
  private replace(slot: Slot, error: unknown): void {
    if (!this.slots.delete(slot)) return;
    if (slot.timer) clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = undefined;
    void slot.worker.terminate();
    job?.reject(error instanceof AppError ? error : new AppError(500, 'INTERNAL', `query worker failed: ${String(error)}`));
    if (!this.closed) this.options.schedule(() => { if (!this.closed) this.spawn(this.options.snapshot()); });
  }
}
