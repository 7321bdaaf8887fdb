/**
 * The embedded store: oxigraph (WASM, in memory) with a write-ahead journal and snapshots for durability
 * (journal.ts). The data lives in replicas (replica.ts): one per query worker thread (pool.ts), one of which is
 * the writer, or with `workers: 0` a single one on the calling thread (local-engine.ts). The snapshot on disk plus the
 * journal after it are the truth: every worker loads them itself, in parallel, and a worker terminated for a timeout
 * is rebuilt from them.
 *
 * Writes are serialized on one chain. The writer replica owns each write (writer.ts): it applies it (a document is
 * parsed there, an update's WHERE evaluated once, under the timeout), runs the gate on its own pending state, and
 * answers with a summary and the encoded journal record; the record is written and fsynced on this thread, where the
 * store's storage faults are handled and whose state a terminated writer cannot leave unknown; then the writer
 * commits and the other replicas and the listeners get the write. A rejected or failed write is rolled back by the
 * writer, or vanishes with it when it is terminated.
 */
import type { Quad } from '@rdfjs/types';
import { closeSync, mkdirSync, openSync, rmSync } from 'node:fs';
import type { ChangeEvent, GraphName, KgStore, QueryOptions, QueryResult, ReduceModule, Row, SelectOptions, StorageStatus, StoreSaturation, WorkerMemory, WriteGate, WriteOp, WriteResult } from './types.js';
import { replyError, type EvalReply, type EvalRequest } from './evaluate.js';
import { QueryPool, closedError, type SeedSource } from './pool.js';
import { LocalEngine, type Engine } from './local-engine.js';
import { recordSize, type ReplayRecord } from './record.js';
export type { BulkInput } from './bulk-load.js';
import { acquireLock } from './lock.js';
import { Journal, cleanTemp, commitSnapshot, nodeStorageIo, probeWrite, readState, removeOlder, snapshotPath, snapshotTemp, writeSnapshot, type StorageIo } from './journal.js';
import { StorageGuard, isStorageFault, reasonOf, storageFault } from './storage-fault.js';
import { fromWire, graphIri, parseLabelled, toNQuads } from './terms.js';
import { pieces, rowFromWire } from './local-read.js';
import { dumpStoreTo } from './snapshot-file.js';
import type { DumpBatch } from './replica.js';
import { gateModule, wireOp, type WireWriteOp, type WriteOutcome } from './protocol.js';
import { EMPTY_SUMMARY } from './summary.js';
import { appendable, appendSnapshot, loadInputs, type BulkInput } from './bulk-load.js';

export interface EmbeddedStoreOptions {
  /** Folder of snapshots and journal; undefined keeps everything in memory (tests). */
  dataDir?: string;
  /** The initial data of a new store (first open of an empty dataDir). */
  seed?: () => Quad[] | Promise<Quad[]>;
  /**
   * Query worker threads, each with a replica (default 2); the writer is one more. 0: one replica on the calling
   * thread, no timeouts, for small tools only.
   */
  workers?: number;
  /** A query worker whose memory grew by more than this many bytes since it loaded is replaced (default 256 MiB). */
  recycleBytes?: number;
  /** Tests only: while its first element is not 0, query replicas wait before applying a committed write (pool.ts). */
  holdRecords?: Int32Array;
  /** Timeout of internal select/construct/ask calls, ms (default 30 000). */
  defaultTimeoutMs?: number;
  /** Journal size past which a snapshot is taken (default 16 MiB). */
  compactBytes?: number;
  /** How the journal and the probe reach the disk (tests inject faults); Node's file system by default. */
  io?: StorageIo;
  /** While read-only after a storage fault, how often the disk is probed, ms (default 2000; writes probe too). */
  probeEveryMs?: number;
}

const ALL_GRAPHS = ['application/n-quads', 'application/n-triples', 'text/turtle'] as const;
/** A dump job serializes up to this many graphs, stopping early once its output passes DUMP_BATCH_CHARS. */
const DUMP_BATCH_GRAPHS = 512;
const DUMP_BATCH_CHARS = 4 << 20;

export class EmbeddedStore implements KgStore {
  private engine: Engine | undefined;
  private journal: Journal | undefined;
  /** The newest durable version (the next write's is one more; new replicas start from it). */
  private current = 0;
  /** The newest acknowledged version: every query started from now on sees it at least (`version()`). */
  private acknowledged = 0;
  /** Durable writes are told to the listeners in version order, once visible. */
  private told: Promise<void> = Promise.resolve();
  /** Quads of the committed state, known without asking a replica (which may be busy): /health reads it. */
  private quads: number | undefined;
  /** The committed state a new replica starts from: the snapshot (file or pieces) and the records after it. */
  private base: { file?: string; chunks?: string[] } = {};
  private records: ReplayRecord[] = [];
  private recordChars = 0;
  private opening: Promise<void> | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<(event: ChangeEvent) => void>();
  private unlock: () => void = () => undefined;
  /** The snapshot version the journal belongs to (the journal may be closed after a storage fault). */
  private journalVersion = 0;
  /** Read-only after a storage fault, until a probe succeeds. */
  private readonly guard: StorageGuard;

  constructor(private readonly options: EmbeddedStoreOptions) {
    this.guard = new StorageGuard({
      everyMs: options.probeEveryMs ?? 2000,
      probe: () => this.probe(),
      inTurn: (task) => {
        this.chain = this.chain.then(task).catch(() => undefined);
      },
    });
  }

  open(): Promise<void> {
    return (this.opening ??= this.load());
  }

  private get compactBytes(): number {
    return this.options.compactBytes ?? 16 * 1024 * 1024;
  }

  private get timeoutMs(): number {
    return this.options.defaultTimeoutMs ?? 30_000;
  }

  /** The engine of an open store; a read that outlives close() (a background index update) gets STORE_CLOSED. */
  private get live(): Engine {
    if (!this.engine) throw closedError();
    return this.engine;
  }

  private get io(): StorageIo {
    return this.options.io ?? nodeStorageIo;
  }

  private async load(): Promise<void> {
    try {
      await this.loadState();
      const workers = this.options.workers ?? 2;
      if (workers === 0) {
        const local = this.localEngine();
        this.engine = local;
        this.quads = local.store.size;
        return;
      }
      const pool = new QueryPool({
        size: workers,
        recycleBytes: this.options.recycleBytes,
        holdRecords: this.options.holdRecords,
        seed: () => this.seedSource(),
        onReady: (quads) => { this.quads ??= quads; },
      });
      this.engine = pool;
      await pool.ready(); // queries can be served (and /health counts the data) once a replica has loaded
    } catch (e) {
      await this.engine?.close();
      await this.journal?.close();
      this.unlock();
      throw e;
    }
  }

  private async loadState(): Promise<void> {
    const dir = this.options.dataDir;
    if (dir) {
      mkdirSync(dir, { recursive: true });
      this.unlock = acquireLock(dir);
      const state = readState(dir);
      cleanTemp(dir);
      if (state.snapshot === undefined) {
        await writeSnapshot(dir, 0, pieces(await this.seedText(), 16 << 20));
        this.base = { file: snapshotPath(dir, 0) };
      } else {
        this.base = { file: state.snapshot };
        this.records = state.records;
        this.current = state.records.at(-1)?.version ?? state.snapshotVersion;
        this.acknowledged = this.current;
      }
      this.journalVersion = state.snapshotVersion;
      this.journal = await Journal.open(dir, state.snapshotVersion, this.io);
    } else {
      this.base = { chunks: [await this.seedText()] };
    }
  }

  private async seedText(): Promise<string> {
    return toNQuads((await this.options.seed?.()) ?? []);
  }

  private seedSource(): SeedSource {
    return { ...this.base, records: this.records, version: this.current };
  }

  private localEngine(): LocalEngine {
    const fd = this.base.file === undefined ? undefined : openSync(this.base.file, 'r');
    try {
      return new LocalEngine({ fd, chunks: this.base.chunks, records: this.records });
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  async close(): Promise<void> {
    if (!this.opening) return;
    if (!(await this.opening.then(() => true, () => false))) return; // never opened (e.g. locked): nothing to release
    await this.chain.catch(() => undefined);
    this.guard.stop();
    await this.engine?.close();
    await this.journal?.close().catch(() => undefined);
    this.unlock();
    this.engine = undefined;
    this.journal = undefined;
  }

  async query(opts: QueryOptions): Promise<QueryResult> {
    const reply = await this.evaluate({
      mode: 'serialize', query: opts.query, format: opts.format, union: opts.unionDefaultGraph, baseIri: opts.baseIri,
      defaultGraphs: opts.dataset?.defaultGraphs, namedGraphs: opts.dataset?.namedGraphs, maxResultBytes: opts.maxResultBytes,
      head: opts.head,
    }, opts.timeoutMs);
    if (!('body' in reply)) throw new Error('unexpected reply');
    return { form: reply.form, body: reply.body, mediaType: reply.mediaType };
  }

  async select(query: string, opts?: SelectOptions): Promise<Row[]> {
    const reply = await this.evaluate({ mode: 'select', query, union: true }, opts?.timeoutMs, opts?.background);
    return 'rows' in reply ? reply.rows.map(rowFromWire) : [];
  }

  async selectReduced(query: string, reduce: ReduceModule, opts?: SelectOptions): Promise<Uint8Array> {
    const reply = await this.evaluate({ mode: 'select', query, union: true, reduce }, opts?.timeoutMs, opts?.background);
    if (!('bytes' in reply)) throw new Error('unexpected reply');
    return reply.bytes;
  }

  async construct(query: string, opts?: { timeoutMs?: number }): Promise<Quad[]> {
    const reply = await this.evaluate({ mode: 'construct', query, union: true }, opts?.timeoutMs);
    return 'quads' in reply ? reply.quads.map((w) => fromWire(w) as Quad) : [];
  }

  async ask(query: string, opts?: { timeoutMs?: number }): Promise<boolean> {
    const reply = await this.evaluate({ mode: 'ask', query, union: true }, opts?.timeoutMs);
    return 'bool' in reply ? reply.bool : false;
  }

  private async evaluate(req: EvalRequest, timeoutMs?: number, background = false): Promise<EvalReply & { ok: true }> {
    await this.open();
    const reply = (await this.live.run({ kind: 'eval', req }, { timeoutMs: timeoutMs ?? this.timeoutMs, background })) as EvalReply;
    if (!reply.ok) throw replyError(reply.error);
    return reply;
  }

  /**
   * A write is answered once it is durable and visible: a query replica has applied it (or none could start at once,
   * pool.ts publish), so every query started after the answer sees it. The next write does not wait for that: the
   * chain holds a write until it is durable and published.
   */
  write(op: WriteOp, gate?: WriteGate): Promise<WriteResult> {
    // a document is read as it arrives, while earlier writes finish
    const wire = wireOp(op);
    wire.catch(() => undefined);
    const durable = this.chain.then(() => this.commit(op, wire, gate));
    this.chain = durable.catch(() => undefined);
    const answered = durable.then(async ({ result, visible }) => {
      await visible;
      return result;
    });
    this.inFlight++;
    void answered.catch(() => undefined).then(() => {
      if (--this.inFlight > 0) return;
      for (const settled of this.settledWaiters.splice(0)) settled();
    });
    return answered;
  }

  /** From `write` until its answer (body read, validated, durable, visible), successful or not. */
  private inFlight = 0;
  private readonly settledWaiters: (() => void)[] = [];

  writesSettled(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  private async commit(op: WriteOp, wireOp: Promise<WireWriteOp>, gate?: WriteGate): Promise<{ result: WriteResult; visible?: Promise<void> }> {
    await this.open();
    await this.guard.assertWritable();
    const engine = this.live;
    const wire = await wireOp;
    const epoch = engine.writerEpoch();
    const version = this.current + 1;
    let outcome: WriteOutcome;
    let pending = false;
    try {
      const timeoutMs = op.type === 'update' ? (op.timeoutMs ?? this.timeoutMs) : 0;
      const journalMaxBytes = this.options.dataDir ? this.compactBytes / 2 : 0;
      outcome = (await engine.run({ kind: 'write', op: wire, version, gate: gateModule(gate), journalMaxBytes }, { writer: true, timeoutMs, epoch })) as WriteOutcome;
      if (outcome.empty) return { result: { summary: EMPTY_SUMMARY, version: this.current }, visible: this.told };
      pending = true;
      await this.persist(version, outcome, epoch);
      pending = false; // durable: the write stands from here on
      this.current = version;
      const shown = this.publish(version, outcome.record, engine.writerEpoch() !== epoch);
      await engine.run({ kind: 'commit' }, { writer: true, epoch }).catch(() => undefined);
      const { delta } = outcome;
      const parsed = delta ? once(() => ({ removed: parseLabelled(delta.removed), added: parseLabelled(delta.added) })) : undefined;
      const { quads, summary, time } = outcome;
      // once visible, in version order: the version, the count and the listeners' reads all show the write
      this.told = this.told.then(() => shown).then(() => {
        this.acknowledged = version;
        this.quads = quads;
        this.emit({ version, time: new Date(time), summary, ...(parsed ? { delta: parsed } : {}) });
      });
    } catch (e) {
      if (pending) await engine.run({ kind: 'rollback' }, { writer: true, epoch }).catch(() => undefined);
      throw e;
    }
    await this.maybeCompact();
    return { result: { summary: outcome.summary, version }, visible: this.told };
  }

  /**
   * A durable write becomes part of the committed state new replicas start from, and reaches the running ones
   * (the writer too when it was rebuilt meanwhile: its seed may predate the write).
   */
  private publish(version: number, record: ReplayRecord, writerToo: boolean): Promise<void> {
    this.records.push(record);
    this.recordChars += recordSize(record.added) + recordSize(record.removed);
    return this.live.publish(record, version, writerToo);
  }

  /**
   * Bulk load (the `osce-kg load` fast path, `workers: 0` only): parses straight into the replica without computing a
   * delta or calling a gate, then takes a snapshot at the next version. Blank nodes get fresh labels per input.
   * N-Quads/N-Triples input without blank nodes is already in snapshot form: after the parse has checked it, the
   * new snapshot is the old one with the input appended (no dump). Listeners are not told: use it on a store that
   * is not serving (the data-dir lock enforces that across processes).
   */
  bulkLoad(inputs: BulkInput[]): Promise<{ version: number; quads: number }> {
    const result = this.chain.then(async () => {
      await this.open();
      if (!(this.engine instanceof LocalEngine)) throw new Error('bulkLoad needs a store opened with workers: 0');
      const store = this.engine.store;
      const before = store.size;
      loadInputs(store, inputs);
      this.engine.replica.recount();
      this.current += 1;
      this.acknowledged = this.current;
      this.quads = store.size;
      const dir = this.options.dataDir;
      if (dir) {
        const tmp = snapshotTemp(dir, this.current);
        if (this.records.length === 0 && this.base.file && inputs.every(appendable)) appendSnapshot(this.base.file, inputs, tmp);
        else dumpStoreTo(store, tmp);
        await this.installed(dir, this.current);
      }
      return { version: this.current, quads: store.size - before };
    });
    this.chain = result.catch(() => undefined);
    return result;
  }

  /**
   * The temp snapshot of `version` is written: it goes into place, older files go, a new journal starts, new replicas
   * start from it. Throws when the snapshot could not be put in place (nothing changed on disk). Once it is in place
   * the state it holds is durable, so a journal that cannot be started leaves the store read-only instead of failing.
   */
  private async installed(dir: string, version: number): Promise<void> {
    try {
      await commitSnapshot(dir, version);
    } catch (e) {
      throw this.guard.failed(e, 'putting a snapshot in place', (e as { undone?: boolean }).undone === false);
    }
    await this.journal?.close().catch(() => undefined);
    this.journal = undefined;
    this.journalVersion = version;
    this.base = { file: snapshotPath(dir, version) };
    this.records = [];
    this.recordChars = 0;
    await removeOlder(dir, version);
    try {
      this.journal = await Journal.open(dir, version, this.io);
    } catch (e) {
      this.guard.failed(e, 'starting a new journal');
    }
  }

  /** Read-only after a storage fault: the journal is cut back (or opened again) and a small file written and removed. */
  private async probe(): Promise<void> {
    const dir = this.options.dataDir!;
    if (!this.journal) this.journal = await Journal.open(dir, this.journalVersion, this.io);
    else if (this.journal.needsRepair) await this.journal.repair();
    await probeWrite(dir, this.io);
  }

  /** Whether writes can be stored now, for /health. */
  storage(): StorageStatus {
    return this.guard.status();
  }

  /** Each worker thread's memory, for /metrics (none with `workers: 0`). */
  workerMemory(): WorkerMemory[] {
    return this.engine instanceof QueryPool ? this.engine.memory() : [];
  }

  /** How busy the query workers and the writer are, for /health (undefined with `workers: 0`). */
  saturation(): StoreSaturation | undefined {
    return this.engine instanceof QueryPool ? this.engine.load() : undefined;
  }

  private emit(event: ChangeEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (e) {
        console.error('osce-kg: change listener failed', e);
      }
    }
  }

  /**
   * Makes a commit durable: its journal record (fsynced), or for a write larger than half the compaction threshold a
   * new snapshot at its version written by the writer replica (which holds the pending write), cheaper than
   * journaling it and compacting right after. Applying a record to a replica that has it already changes nothing, so
   * replicas started from the new snapshot may still get the record published.
   */
  private async persist(version: number, outcome: WriteOutcome & { empty: false }, epoch: number): Promise<void> {
    const dir = this.options.dataDir;
    if (!dir) return;
    if (!this.journal) throw storageFault(new Error('the journal is not open'), 'appending to the journal');
    if (!outcome.journal) {
      await this.snapshotAt(dir, version, epoch).catch((e: unknown) => {
        throw this.guard.failed(e, 'writing a snapshot');
      });
    } else {
      await this.journal.appendEncoded(outcome.journal).catch((e: unknown) => {
        throw this.guard.failed(e, 'appending to the journal');
      });
    }
  }

  /**
   * Takes a snapshot once the journal is large. The write before it is durable already, so a failure here is logged
   * (a storage fault also turns the store read-only), never answered to that write's client.
   */
  private async maybeCompact(): Promise<void> {
    const dir = this.options.dataDir;
    if (dir && this.journal) {
      if (this.journal.size < this.compactBytes) return;
      await this.snapshotAt(dir, this.current, this.live.writerEpoch()).catch((e: unknown) => {
        const error = this.guard.failed(e, 'writing a snapshot');
        const why = isStorageFault(error) ? reasonOf(error) : String(error);
        console.error(`osce-kg: compaction failed (${why}); the journal still holds every write`);
      });
    } else if (this.recordChars >= this.compactBytes) {
      // In memory: the base of new replicas becomes the writer's current state in pieces.
      const chunks = (await this.live.run({ kind: 'chunks' }, { writer: true })) as string[];
      this.base = { chunks };
      this.records = [];
      this.recordChars = 0;
    }
  }

  private async snapshotAt(dir: string, version: number, epoch: number): Promise<void> {
    const tmp = snapshotTemp(dir, version);
    try {
      await this.live.run({ kind: 'snapshot', tmp }, { writer: true, epoch });
    } catch (e) {
      rmSync(tmp, { force: true }); // the writer removes it too, unless it was terminated while writing
      throw e;
    }
    await this.installed(dir, version);
  }

  /**
   * Reads see committed state only. Worker replicas never show a pending write (only the writer holds one, and it takes
   * no reads), so reads need not wait for it; the single replica of `workers: 0` does, so reads there wait for the
   * write in progress.
   */
  private async idle(): Promise<void> {
    await this.open();
    if (this.engine instanceof LocalEngine) await this.chain.catch(() => undefined);
  }

  async hasGraph(graph: GraphName): Promise<boolean> {
    if (graph === 'default') return true;
    const iri = graphIri(graph.iri).value;
    await this.idle();
    return this.ask(`ASK { GRAPH <${iri}> { ?s ?p ?o } }`);
  }

  graphs(): Promise<string[]> {
    return this.listGraphs(false);
  }

  private async listGraphs(background: boolean): Promise<string[]> {
    await this.idle();
    return ((await this.live.run({ kind: 'graphs' }, { background })) as string[]).sort();
  }

  /**
   * Graphs in batches (a few hundred small graphs or ~4 MiB of output per job: each job is one round trip to a
   * replica, and oxigraph serializes one graph in one call), handed out in ~1 MiB pieces cut at line ends so a slow
   * consumer applies backpressure. A write between two batches may show in the later.
   */
  async *dump(opts: { format: (typeof ALL_GRAPHS)[number]; graph?: GraphName }): AsyncIterable<string> {
    for await (const batch of this.dumpBatches(opts, false)) yield* pieces((batch as { text: string }).text, 1 << 20);
  }

  /**
   * The same batches as UTF-8 bytes, one piece per batch (~4 MiB, whole graphs): the replica encodes them and they
   * cross by transfer, so a whole-store dump passing through this thread to the dump worker leaves no string in its
   * heap (as text, ~115 MB per pass at 10k releases: GC pauses for every request, decision 0037).
   */
  async *dumpBytes(opts: { format: (typeof ALL_GRAPHS)[number]; graph?: GraphName }): AsyncIterable<Uint8Array> {
    for await (const batch of this.dumpBatches(opts, true)) yield (batch as { bytes: Uint8Array }).bytes;
  }

  private async *dumpBatches(opts: { format: (typeof ALL_GRAPHS)[number]; graph?: GraphName }, bytes: boolean): AsyncIterable<DumpBatch> {
    if (opts.graph && opts.graph !== 'default') graphIri(opts.graph.iri);
    await this.idle();
    // the listing is part of the dump, a background job like its batches (5-8 s at 100k releases, once per format)
    const graphs: GraphName[] = opts.graph ? [opts.graph] : ['default', ...(await this.listGraphs(true)).map((iri) => ({ iri }))];
    for (let next = 0; next < graphs.length;) {
      await this.idle();
      const batch = graphs.slice(next, next + DUMP_BATCH_GRAPHS);
      const reply = (await this.live.run({ kind: 'dump', format: opts.format, graphs: batch, maxChars: DUMP_BATCH_CHARS, bytes }, { background: true })) as DumpBatch;
      next += reply.count;
      yield reply;
    }
  }

  /** The newest acknowledged write's version: every query started after this answer sees that write. */
  async version(): Promise<number> {
    await this.idle();
    return this.acknowledged;
  }

  async size(): Promise<number> {
    await this.idle();
    return this.quads ?? ((await this.live.run({ kind: 'size' })) as number);
  }

  onChange(listener: (event: ChangeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** The service's store: persisted in `dataDir`, seeded on first open. */
export function createEmbeddedStore(options: EmbeddedStoreOptions & { dataDir: string }): EmbeddedStore {
  return new EmbeddedStore(options);
}

/** An in-memory store over `quads` (no disk), for tests and one-off commands. Opens itself on first use. */
export function createMemoryStore(quads: Quad[] = [], options: Omit<EmbeddedStoreOptions, 'dataDir' | 'seed'> = {}): EmbeddedStore {
  return new EmbeddedStore({ ...options, seed: () => quads, workers: options.workers ?? 1 });
}

/** `make`'s value, made on the first call only (every listener gets the same quads). */
function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}
