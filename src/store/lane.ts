/**
 * A shared-memory lane between the pool (the HTTP thread) and one query worker, for the jobs of a quiet server.
 * Measured on the 2-core VM this project runs on: a `postMessage` round trip between two threads costs 81–101 µs,
 * most of it waking a sleeping thread (a futex costs the same), and a lookup evaluated by a worker that had slept took
 * 0.24–0.28 ms against 0.08 ms in a warm loop; the same round trip through shared memory between two threads that stay
 * awake costs ~3 µs.
 * - After a job the worker stays awake for a moment (`spinMs`) while the pool is quiet (at most one job in flight, none
 *   overlapping lately, and the latest job was this worker's), watching its lane and its port; a job for it then goes
 *   into the lane as JSON. A watching worker reads its port's messages itself (`receiveMessageOnPort`), in order, and
 *   reads them again when it sees a job in the lane: a committed write posted before the job is applied before it runs.
 * - When a job is the only one in flight of a quiet pool, the HTTP thread has nothing else to do until its reply, so it
 *   watches the lane for the reply (up to half the spin time, blocking its event loop meanwhile). Otherwise, or past
 *   that, the worker tells it with a `lane` message.
 * - Jobs and replies that do not fit, and jobs of other kinds, go by `postMessage`.
 * Under concurrent load nothing stays awake: it would take CPU time from the threads with work (measured: with four
 * clients sending lookups, awake threads cost 40% of the throughput before the pool's quiet rule).
 */
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { Job, JobReply } from './replica-jobs.js';

/**
 * How long a worker watches its lane after a job by default (`--spin-ms`): longer than the HTTP round trip between two
 * requests. The HTTP thread watches for the reply of the only job in flight up to half as long, blocking its event loop.
 */
export const DEFAULT_SPIN_MS = 2;
/** Jobs whose request and reply are plain JSON and usually small (not a write's bytes, a dump or a snapshot). */
const LANE_JOBS: ReadonlySet<Job['kind']> = new Set(['eval', 'view', 'size', 'graphs', 'commit', 'rollback']);
const DATA_BYTES = 1 << 20;

// Int32 words at the start of the lane
const JOB = 0; // see JobState
const REPLY = 1; // see ReplyState
const LENGTH = 2; // bytes in the data: the job's JSON, then the reply's JSON and raw body
const ID = 3; // the job's id, for a reply that goes as a message
const BODY = 4; // where a reply's raw body starts in the data (-1: none)
const WORDS = 5;
const enum JobState {
  /** The worker does not watch its lane. */
  Closed = 0,
  /** The worker watches; no job. */
  Open = 1,
  /** A job is in the data. */
  Written = 2,
}
const enum ReplyState {
  /** The reply goes as a `reply` message. */
  Posted = 0,
  /** The HTTP thread watches the lane for the reply. */
  Watched = 1,
  /** The HTTP thread waits for a `lane` message. */
  Wanted = 2,
  /** The reply is in the data. */
  Ready = 3,
}

/** What the worker posts when a reply is in its lane and the HTTP thread no longer watches. */
export interface LaneMessage {
  type: 'lane';
}

/** A reply the worker posts (not through its lane). */
export interface ReplyMessage {
  type: 'reply';
  id: number;
  reply: JobReply;
}

/**
 * What both ends share: one lane per worker (numbered `index`), and the pool's words: whether it is quiet, and the
 * number of the lane that got the latest job (only that worker watches: two would take both cores).
 */
export interface LaneBuffers {
  lane: SharedArrayBuffer;
  index: number;
  pool: SharedArrayBuffer;
  /** How long the worker watches after a job (0: never). */
  spinMs: number;
}

const QUIET = 0;
const LATEST = 1;
/** The pool's shared words (their buffer is `LaneBuffers.pool`). */
export const poolWords = (): Int32Array => new Int32Array(new SharedArrayBuffer(8));

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const now = () => performance.now();

class Lane {
  protected readonly words: Int32Array;
  protected readonly data: Uint8Array;

  constructor(readonly buffers: LaneBuffers) {
    this.words = new Int32Array(buffers.lane, 0, WORDS);
    this.data = new Uint8Array(buffers.lane, WORDS * 4);
  }

  /** Writes JSON into the data; false when it does not fit. */
  protected write(value: unknown): boolean {
    return this.put(JSON.stringify(value), 0) !== undefined;
  }

  protected read<T>(): T {
    return JSON.parse(decoder.decode(this.data.subarray(0, Atomics.load(this.words, LENGTH)))) as T;
  }

  /**
   * Writes a reply: JSON, except that a serialized result's body (`value.body`) follows as raw UTF-8. A 5.5 KB
   * N-Triples body (a DESCRIBE) escaped into JSON and back cost ~57 µs, as raw UTF-8 ~25 µs. False when it does not fit.
   */
  protected writeReply(reply: JobReply): boolean {
    const value = reply.ok ? (reply.value as { body?: unknown } | null) : null;
    if (typeof value?.body !== 'string') {
      Atomics.store(this.words, BODY, -1);
      return this.write(reply);
    }
    const head = this.put(JSON.stringify({ ...reply, value: { ...value, body: '' } }), 0);
    if (head === undefined || this.put(value.body, head) === undefined) return false;
    Atomics.store(this.words, BODY, head);
    return true;
  }

  protected readReply(): JobReply {
    const start = Atomics.load(this.words, BODY);
    if (start < 0) return this.read<JobReply>();
    const reply = JSON.parse(decoder.decode(this.data.subarray(0, start))) as JobReply & { ok: true; value: { body: string } };
    reply.value.body = decoder.decode(this.data.subarray(start, Atomics.load(this.words, LENGTH)));
    return reply;
  }

  /** Puts text as UTF-8 at `offset` and sets LENGTH to its end; undefined when it does not fit. */
  private put(text: string, offset: number): number | undefined {
    const { read, written } = encoder.encodeInto(text, this.data.subarray(offset));
    if (read < text.length) return undefined;
    Atomics.store(this.words, LENGTH, offset + written);
    return offset + written;
  }
}

/** The pool's end of one worker's lane. */
export class PoolLane extends Lane {
  /** `pool`: the pool's shared words (`poolWords`), `index` a number no other lane of the pool has. */
  constructor(private readonly pool: Int32Array, index: number, spinMs = DEFAULT_SPIN_MS) {
    super({ lane: new SharedArrayBuffer(WORDS * 4 + DATA_BYTES), index, pool: pool.buffer as SharedArrayBuffer, spinMs });
  }

  /**
   * Prepares the lane for a job the pool sends this worker (one at a time): says how its reply travels, and puts the
   * job itself into the lane when the worker watches it and it fits. False: post the job as a message.
   * `watched`: the caller will `watch` for the reply (the only job in flight); not with a spin time of 0.
   */
  send(id: number, job: Job, watched: boolean): boolean {
    const lane = LANE_JOBS.has(job.kind);
    watched &&= this.buffers.spinMs > 0;
    Atomics.store(this.pool, LATEST, this.buffers.index);
    Atomics.store(this.words, ID, id);
    Atomics.store(this.words, REPLY, !lane ? ReplyState.Posted : watched ? ReplyState.Watched : ReplyState.Wanted);
    // the data is free: the worker writes it only for this slot's one job, whose reply the pool has read
    if (!lane || Atomics.load(this.words, JOB) !== JobState.Open || !this.write(job)) return false;
    return Atomics.compareExchange(this.words, JOB, JobState.Open, JobState.Written) === JobState.Open;
  }

  /**
   * Waits up to half the spin time for the reply of a watched job, blocking the thread. Undefined: it is not there yet
   * (a `lane` message will tell) or it comes as a `reply` message.
   */
  watch(): JobReply | undefined {
    const until = now() + this.buffers.spinMs / 2;
    while (Atomics.load(this.words, REPLY) === ReplyState.Watched && now() < until);
    const was = Atomics.compareExchange(this.words, REPLY, ReplyState.Watched, ReplyState.Wanted);
    return was === ReplyState.Ready ? this.take() : undefined;
  }

  /** The reply in the lane, once (undefined when there is none). */
  take(): JobReply | undefined {
    if (Atomics.compareExchange(this.words, REPLY, ReplyState.Ready, ReplyState.Posted) !== ReplyState.Ready) return undefined;
    return this.readReply();
  }
}

/**
 * Tells the workers whether the pool is quiet (at most one job in flight, none waiting, none overlapping lately): they
 * watch their lanes only then. Under concurrent load, staying awake would take CPU time from the threads with work.
 */
export function setQuiet(pool: Int32Array, quiet: boolean): void {
  Atomics.store(pool, QUIET, quiet ? 1 : 0);
}

/** A worker's end of its lane. */
export class WorkerLane extends Lane {
  private readonly pool: Int32Array;

  constructor(buffers: LaneBuffers, private readonly port: MessagePort) {
    super(buffers);
    this.pool = new Int32Array(buffers.pool);
  }

  /** Whether to stop watching: the pool is busy, or another worker got the latest job. */
  private elsewhere(): boolean {
    return Atomics.load(this.pool, QUIET) === 0 || Atomics.load(this.pool, LATEST) !== this.buffers.index;
  }

  /** Sends a job's reply the way the pool asked: into the lane, or as a `reply` message (also when it does not fit). */
  answer(reply: JobReply, post: (message: LaneMessage | ReplyMessage) => void): void {
    const mode = Atomics.load(this.words, REPLY);
    if (mode !== ReplyState.Posted && this.writeReply(reply)) {
      if (Atomics.exchange(this.words, REPLY, ReplyState.Ready) === ReplyState.Wanted) post({ type: 'lane' });
      return;
    }
    Atomics.store(this.words, REPLY, ReplyState.Posted); // the pool stops watching
    post({ type: 'reply', id: Atomics.load(this.words, ID), reply });
  }

  /**
   * Handles a message from the port. After a job it watches the lane and the port, for as long as work keeps coming
   * within the spin time and the pool stays quiet: messages go to `onMessage`, lane jobs to `run`.
   */
  handle<M extends { type: string }>(message: M, onMessage: (message: M) => void, run: (job: Job) => void): void {
    const spin = this.buffers.spinMs;
    if (message.type !== 'job' || spin === 0) return onMessage(message);
    // open before the reply shows: the pool may send the next job as soon as it has read the reply
    Atomics.store(this.words, JOB, JobState.Open);
    onMessage(message);
    let until = now() + spin;
    for (;;) {
      if (this.drain(onMessage)) until = now() + spin;
      if (Atomics.load(this.words, JOB) === JobState.Written) {
        this.drain(onMessage); // messages posted before the job (committed writes) first
        const job = this.read<Job>();
        Atomics.store(this.words, JOB, JobState.Open); // the pool sends the next job only after this one's reply
        run(job);
        until = now() + spin;
      } else if ((now() > until || this.elsewhere()) &&
        Atomics.compareExchange(this.words, JOB, JobState.Open, JobState.Closed) === JobState.Open) {
        return;
      }
    }
  }

  private drain<M>(onMessage: (message: M) => void): boolean {
    let any = false;
    for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) {
      onMessage(m.message as M);
      any = true;
    }
    return any;
  }
}
