/**
 * The HTTP thread's side of the dump worker (dump-worker.ts): it forwards the byte pieces of `KgStore.dumpBytes()`
 * by transfer (as strings, every piece was copied into this thread's heap and out again: GC pauses for every request
 * while dumps regenerate, decision 0037) and gets back each file's size and checksums. Every ~4 MiB a piece asks for
 * an acknowledgement, and the next window is not sent before the previous one is acknowledged, so at most a few MB
 * are in flight however slow the encoder is.
 */
import { rm } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { FileDigest } from './dump-encoding.js';
import { partialPath } from './dump-manifest.js';
import type { DumpOutput, FromDumpWorker, ToDumpWorker } from './dump-worker.js';

const ACK_BYTES = 4 << 20;

interface Waiter<T> {
  resolve(value: T): void;
  reject(e: Error): void;
}

/** One dump worker thread, encoding one pass (one text, one or more files) at a time; `close()` ends the thread. */
export class DumpEncoder {
  private readonly worker: Worker;
  private file: Waiter<FileDigest[]> | undefined;
  private ack: (Waiter<void> & { id: number }) | undefined;
  private nextAck = 0;
  /** Why the current file cannot complete (the worker reported an error or died). */
  private failure: Error | undefined;
  private dead: Error | undefined;
  private ending: Promise<number> | undefined;
  /** The files of the pass under way (removed by `cancel`). */
  private outputs: DumpOutput[] = [];

  /** `worker`: the dump worker's module (tests give one that never ends a piece). */
  constructor(worker = new URL('./dump-worker.js', import.meta.url)) {
    this.worker = new Worker(worker);
    this.worker.on('message', (msg: FromDumpWorker) => this.receive(msg));
    this.worker.on('error', (e) => this.die(e));
    this.worker.on('exit', (code) => this.die(new Error(`dump worker exited with code ${code}`)));
  }

  /**
   * Writes `chunks` (UTF-8, each ending at a line end) gzipped to each output, as its media type (JSON-LD is made from
   * N-Quads text); resolves once every file is in place, with their sizes and checksums in the order of `outputs`. On
   * failure no file of the pass remains. The chunks' buffers are transferred: the caller must not use them after.
   */
  async encode(outputs: DumpOutput[], chunks: AsyncIterable<Uint8Array>): Promise<FileDigest[]> {
    if (this.dead) throw this.dead;
    this.failure = undefined;
    const result = new Promise<FileDigest[]>((resolve, reject) => { this.file = { resolve, reject }; });
    result.catch(() => undefined); // observed below; a failure while forwarding must not count as unhandled
    this.outputs = outputs;
    this.post({ type: 'open', outputs });
    try {
      await this.forward(chunks);
    } catch (e) {
      this.post({ type: 'abort' }); // the worker removes the pass's files, then reports the error
      await result.catch(() => undefined);
      this.outputs = [];
      throw e;
    }
    this.post({ type: 'end' });
    try {
      return await result;
    } finally {
      this.outputs = [];
    }
  }

  async close(): Promise<void> {
    await this.end();
  }

  /**
   * Ends the thread once: `terminate()` resolves on an 'exit' listener of its own, which a second call's
   * `removeAllListeners('exit')` would take away (`close` after `cancel`), leaving the first call's promise pending.
   */
  private end(): Promise<number> {
    if (!this.ending) {
      this.worker.removeAllListeners('exit'); // the thread's end is not a failure here
      this.ending = this.worker.terminate();
    }
    return this.ending;
  }

  /**
   * Ends the thread now, without waiting for the piece it is encoding (an abort is read only after it: a 100 MB graph
   * comes as one piece, whose N-Quads, JSON-LD and gzip took the worker over a minute on a loaded machine), and
   * removes the pass's files, whole or partial, as the worker does on a failure. `encode` then rejects with `reason`.
   */
  async cancel(reason: Error): Promise<void> {
    const outputs = this.outputs;
    this.die(reason);
    await this.end(); // resolves once the thread has stopped: no write of it comes after
    for (const o of outputs) {
      await rm(o.path, { force: true });
      await rm(partialPath(o.path), { force: true });
    }
  }

  private async forward(chunks: AsyncIterable<Uint8Array>): Promise<void> {
    let window = 0;
    let previous: Promise<void> | undefined;
    for await (const chunk of chunks) {
      if (this.failure) throw this.failure;
      const bytes = owned(chunk);
      window += bytes.byteLength;
      if (window < ACK_BYTES) {
        this.post({ type: 'chunk', bytes }, [bytes.buffer as ArrayBuffer]);
        continue;
      }
      await previous;
      const id = this.nextAck++;
      previous = new Promise<void>((resolve, reject) => { this.ack = { id, resolve, reject }; });
      previous.catch(() => undefined); // awaited at the next window or at the end
      this.post({ type: 'chunk', bytes, ack: id }, [bytes.buffer as ArrayBuffer]);
      window = 0;
    }
    await previous;
  }

  private post(msg: ToDumpWorker, transfer: ArrayBuffer[] = []): void {
    if (!this.dead) this.worker.postMessage(msg, transfer);
  }

  private receive(msg: FromDumpWorker): void {
    if (msg.type === 'ack') {
      const ack = this.ack;
      if (ack?.id !== msg.ack) return;
      this.ack = undefined;
      ack.resolve();
      return;
    }
    const file = this.file;
    this.file = undefined;
    if (msg.type === 'done') file?.resolve(msg.digests);
    else this.fail(new Error(`dump encoding failed: ${msg.message}`), file);
  }

  private fail(e: Error, file = this.file): void {
    this.failure = e;
    this.file = undefined;
    file?.reject(e);
    this.ack?.reject(e);
    this.ack = undefined;
  }

  private die(e: Error): void {
    this.dead ??= e;
    this.fail(e);
  }
}

/**
 * `chunk` as a view of a whole, transferable buffer: a view into a larger or shared buffer (a Buffer from the pool) is
 * copied first, since transferring or cloning it would move or copy its whole buffer.
 */
function owned(chunk: Uint8Array): Uint8Array {
  const whole = chunk.buffer instanceof ArrayBuffer && chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength;
  return whole ? chunk : new Uint8Array(chunk);
}
