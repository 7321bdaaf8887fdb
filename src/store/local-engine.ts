/**
 * Where a store's replicas live. `LocalEngine` (`workers: 0`) keeps the one replica on the calling thread: no
 * timeouts, for small tools and tests; `QueryPool` (pool.ts) keeps one replica per worker thread: the query
 * workers' and the writer's. The embedded store talks to either through `Engine`.
 */
import type oxigraph from 'oxigraph';
import { AppError } from '../errors.js';
import { replyError } from './evaluate.js';
import { Replica, buildReplica } from './replica.js';
import type { Job, ReplicaSeed } from './protocol.js';
import type { ReplayRecord } from './record.js';

export interface RunOptions {
  /** Milliseconds before the replica running the job is terminated (its CPU freed); 0 = none. */
  timeoutMs?: number;
  /** Run on the writer replica (a pending write's jobs, snapshots). */
  writer?: boolean;
  /** The writer epoch the job belongs to: when the writer was rebuilt since, the job fails with WRITE_ABORTED. */
  epoch?: number;
  /**
   * A background job (a dump batch): started only when no query waits for a worker, and never on the last free query
   * worker of a pool with several, so a whole-store dump never holds every worker while queries queue behind it.
   */
  background?: boolean;
}

export interface Engine {
  /** Runs a job on a replica; a failed job rejects with its AppError. */
  run(job: Job, opts?: RunOptions): Promise<unknown>;
  /** Changes whenever the writer replica is rebuilt (a pending write then vanished with the old one). */
  writerEpoch(): number;
  /**
   * A committed write of `version`, for every replica except the writer (which applied it already) unless
   * `writerToo`; resolves when every query started from then on sees it (pool.ts publish).
   */
  publish(record: ReplayRecord, version: number, writerToo?: boolean): Promise<void>;
  close(): Promise<void>;
}

export class LocalEngine implements Engine {
  readonly replica: Replica;

  constructor(seed: ReplicaSeed) {
    this.replica = new Replica(buildReplica(seed));
  }

  get store(): oxigraph.Store {
    return this.replica.store;
  }

  async run(job: Job): Promise<unknown> {
    if (this.broken) throw this.broken;
    const reply = await this.replica.run(job);
    if (!reply.ok) {
      // a trapped engine cannot be rebuilt on this thread: every later job fails with the first cause
      if (reply.fatal) {
        this.broken = new AppError(503, 'ENGINE_FAULT', `The store's engine failed earlier (${reply.error.message}) and cannot be rebuilt in this process: restart it.`);
      }
      throw replyError(reply.error);
    }
    return reply.value;
  }

  private broken: Error | undefined;

  writerEpoch(): number {
    return 0;
  }

  async publish(): Promise<void> {}

  async close(): Promise<void> {}
}
