/**
 * The embedded store: oxigraph (WASM, in memory) with a write-ahead journal and snapshots for durability
 * (journal.ts), and query worker threads with dataset replicas for evaluation off the HTTP thread (pool.ts).
 *
 * Writes are serialized on one chain: the delta is computed on the writer's store, the gate sees it, the journal
 * record is fsynced, then replicas and listeners get it. Nothing else mutates the writer's store, so a rejected or
 * failed write is rolled back exactly.
 */
import oxigraph from 'oxigraph';
import type sparqljs from 'sparqljs';
import type { Quad } from '@rdfjs/types';
import { unprocessable } from '../errors.js';
import type { ChangeEvent, GraphName, KgStore, QueryOptions, QueryResult, Row, WriteGate, WriteOp, WriteResult } from './types.js';
import { evaluate, replyError, toAppError, type EvalReply, type EvalRequest } from './evaluate.js';
import { QueryPool } from './pool.js';
import type { Pending } from './bulk.js';
import { addNQuads, applyRecord, type BulkInput } from './bulk.js';
export type { BulkInput } from './bulk.js';
import { applyOp, graphTerm, prepareOp, type PreparedOp } from './apply-op.js';
import { namedGraphs, whereQueries } from './update-delta.js';
import { mkdirSync } from 'node:fs';
import { acquireLock } from './lock.js';
import { Journal, cleanTemp, readState, writeSnapshot, type JournalRecord } from './journal.js';
import { fromWire, graphIri, toNQuads } from './terms.js';
import { graphNQuads, localView, pieces, rowFromWire, snapshotChunks } from './local-read.js';

export interface EmbeddedStoreOptions {
  /** Folder of snapshots and journal; undefined keeps everything in memory (tests). */
  dataDir?: string;
  /** The initial data of a new store (first open of an empty dataDir). */
  seed?: () => Quad[] | Promise<Quad[]>;
  /** Query worker threads (default 2). 0 evaluates on the calling thread: no timeouts, for small tools only. */
  workers?: number;
  /** Timeout of internal select/construct/ask calls, ms (default 30 000). */
  defaultTimeoutMs?: number;
  /** Journal size past which a snapshot is taken (default 16 MiB). */
  compactBytes?: number;
}

const ALL_GRAPHS = ['application/n-quads', 'application/n-triples', 'text/turtle'] as const;

export class EmbeddedStore implements KgStore {
  private readonly ox = new oxigraph.Store();
  private pool: QueryPool | undefined;
  private journal: Journal | undefined;
  private current = 0;
  private opening: Promise<void> | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<(event: ChangeEvent) => void>();
  private unlock: () => void = () => undefined;

  constructor(private readonly options: EmbeddedStoreOptions) {}

  open(): Promise<void> {
    return (this.opening ??= this.load());
  }

  private async load(): Promise<void> {
    const dir = this.options.dataDir;
    if (dir) {
      mkdirSync(dir, { recursive: true });
      this.unlock = acquireLock(dir);
      const state = readState(dir);
      cleanTemp(dir);
      if (state.snapshot === undefined) {
        await this.seed();
        await writeSnapshot(dir, 0, this.snapshotChunks());
      } else {
        addNQuads(this.ox, state.snapshot);
        this.current = state.snapshotVersion;
        for (const r of state.records) {
          applyRecord(this.ox, r);
          this.current = r.version;
        }
      }
      this.journal = await Journal.open(dir, state.snapshotVersion);
    } else {
      await this.seed();
    }
    const workers = this.options.workers ?? 2;
    if (workers > 0) {
      this.pool = new QueryPool({
        size: workers,
        snapshot: () => snapshotChunks(this.ox, namedGraphs(this.ox)),
        schedule: (task) => { this.chain = this.chain.then(task, task); },
      });
    }
  }

  private async seed(): Promise<void> {
    addNQuads(this.ox, toNQuads((await this.options.seed?.()) ?? []));
  }

  async close(): Promise<void> {
    if (!this.opening) return;
    if (!(await this.opening.then(() => true, () => false))) return; // never opened (e.g. locked): nothing to release
    await this.chain.catch(() => undefined);
    await this.pool?.close();
    await this.journal?.close();
    this.unlock();
    this.pool = undefined;
    this.journal = undefined;
  }

  async query(opts: QueryOptions): Promise<QueryResult> {
    const reply = await this.evaluate({
      mode: 'serialize', query: opts.query, format: opts.format, union: opts.unionDefaultGraph, baseIri: opts.baseIri,
      defaultGraphs: opts.dataset?.defaultGraphs, namedGraphs: opts.dataset?.namedGraphs, maxResultBytes: opts.maxResultBytes,
    }, opts.timeoutMs);
    if (!('body' in reply)) throw new Error('unexpected reply');
    return { form: reply.form, body: reply.body, mediaType: reply.mediaType };
  }

  async select(query: string, opts?: { timeoutMs?: number }): Promise<Row[]> {
    const reply = await this.evaluate({ mode: 'select', query, union: true }, opts?.timeoutMs);
    return 'rows' in reply ? reply.rows.map(rowFromWire) : [];
  }

  async construct(query: string, opts?: { timeoutMs?: number }): Promise<Quad[]> {
    const reply = await this.evaluate({ mode: 'construct', query, union: true }, opts?.timeoutMs);
    return 'quads' in reply ? reply.quads.map((w) => fromWire(w) as Quad) : [];
  }

  async ask(query: string, opts?: { timeoutMs?: number }): Promise<boolean> {
    const reply = await this.evaluate({ mode: 'ask', query, union: true }, opts?.timeoutMs);
    return 'bool' in reply ? reply.bool : false;
  }

  private async evaluate(req: EvalRequest, timeoutMs?: number): Promise<EvalReply & { ok: true }> {
    await this.open();
    const reply = this.pool ? await this.pool.run(req, timeoutMs ?? this.options.defaultTimeoutMs ?? 30_000) : evaluate(this.ox, req);
    if (!reply.ok) throw replyError(reply.error);
    return reply;
  }

  write(op: WriteOp, gate?: WriteGate): Promise<WriteResult> {
    const result = this.chain.then(() => this.commit(op, gate));
    this.chain = result.catch(() => undefined);
    return result;
  }

  private async commit(op: WriteOp, gate?: WriteGate): Promise<WriteResult> {
    await this.open();
    let prepared: PreparedOp;
    try {
      prepared = prepareOp(op);
    } catch (e) {
      throw toAppError(e);
    }
    if (prepared.update && op.type === 'update') await this.preflight(prepared.update, op);
    let pending: Pending;
    try {
      pending = applyOp(prepared, this.ox);
    } catch (e) {
      throw toAppError(e);
    }
    if (pending.empty) return { delta: { removed: [], added: [] }, version: this.current };
    const delta = pending.delta();
    try {
      const rejection = gate ? await gate(delta, localView(this.ox)) : undefined;
      if (rejection) throw unprocessable('SHACL_VIOLATION', rejection.message, rejection.report);
      const record = pending.record();
      const version = this.current + 1;
      const time = new Date();
      await this.persist({ version, time: time.toISOString(), ...record });
      this.current = version;
      this.pool?.broadcast(record);
      this.emit({ version, time, delta });
    } catch (e) {
      pending.rollback();
      throw e;
    }
    await this.maybeCompact();
    return { delta, version: this.current };
  }

  /**
   * Bulk load (the `osce-kg load` fast path): parses straight into the writer's store without computing a delta or
   * calling a gate, then takes a snapshot at the next version. Blank nodes get fresh labels per input. Listeners and
   * replicas are not told: use it on a store that is not serving (the data-dir lock enforces that across processes).
   */
  bulkLoad(inputs: BulkInput[]): Promise<{ version: number; quads: number }> {
    const result = this.chain.then(async () => {
      await this.open();
      const before = this.ox.size;
      for (const input of inputs) {
        this.ox.load(input.data, { format: input.format, base_iri: input.baseIri, no_transaction: true,
          ...(input.graph ? { to_graph_name: oxigraph.namedNode(input.graph) } : {}) });
      }
      this.current += 1;
      if (this.journal) await this.snapshotAt(this.current);
      return { version: this.current, quads: this.ox.size - before };
    });
    this.chain = result.catch(() => undefined);
    return result;
  }

  /**
   * The writer evaluates WHERE clauses on its own thread (the HTTP thread), where nothing can stop them. So each one
   * is first run (as a COUNT) in a query worker with the timeout: a runaway update fails there with QUERY_TIMEOUT
   * and never reaches the writer. It sees the committed state, without earlier operations of the same request.
   */
  private async preflight(update: sparqljs.Update, op: { unionDefaultGraph: boolean; timeoutMs?: number }): Promise<void> {
    if (!this.pool) return;
    for (const where of whereQueries(update, op.unionDefaultGraph)) {
      const req: EvalRequest = { ...where, mode: 'select', query: `SELECT (COUNT(*) AS ?n) WHERE { ${where.query} }` };
      const reply = await this.pool.run(req, op.timeoutMs ?? this.options.defaultTimeoutMs ?? 30_000);
      if (!reply.ok) throw replyError(reply.error);
    }
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
   * Makes a commit durable: a journal record (fsynced), or for a write larger than half the compaction threshold a
   * new snapshot at its version, which is cheaper than journaling it and compacting right after.
   */
  private async persist(record: JournalRecord): Promise<void> {
    if (!this.journal) return;
    const limit = this.options.compactBytes ?? 16 * 1024 * 1024;
    if (record.added.length + record.removed.length > limit / 2) await this.snapshotAt(record.version);
    else await this.journal.append(record);
  }

  private async maybeCompact(): Promise<void> {
    if (!this.journal || this.journal.size < (this.options.compactBytes ?? 16 * 1024 * 1024)) return;
    await this.snapshotAt(this.current);
  }

  private async snapshotAt(version: number): Promise<void> {
    const dir = this.options.dataDir!;
    await writeSnapshot(dir, version, this.snapshotChunks());
    await this.journal?.close();
    this.journal = await Journal.open(dir, version);
  }

  private *snapshotChunks(): Generator<string> {
    for (const g of [oxigraph.defaultGraph(), ...namedGraphs(this.ox)]) {
      yield graphNQuads(this.ox, g);
    }
  }

  /** Waits until no write is in progress, so reads of the writer's store see committed state only. */
  private async idle(): Promise<void> {
    await this.open();
    await this.chain.catch(() => undefined);
  }

  async hasGraph(graph: GraphName): Promise<boolean> {
    if (graph === 'default') return true;
    await this.idle();
    return this.ox.query(`ASK { GRAPH <${graphIri(graph.iri).value}> { ?s ?p ?o } }`) === true;
  }

  async graphs(): Promise<string[]> {
    await this.idle();
    return namedGraphs(this.ox).map((g) => g.value).sort();
  }

  /**
   * One graph at a time (oxigraph serializes a graph in one call), handed out in ~1 MiB pieces cut at line ends so a
   * slow consumer applies backpressure. Graphs are read between writes; a write between two graphs may show in the later.
   */
  async *dump(opts: { format: (typeof ALL_GRAPHS)[number]; graph?: GraphName }): AsyncIterable<string> {
    await this.idle();
    const graphs = opts.graph ? [graphTerm(opts.graph)] : [oxigraph.defaultGraph(), ...namedGraphs(this.ox)];
    for (const g of graphs) {
      await this.idle();
      const text = opts.format === 'application/n-quads' ? graphNQuads(this.ox, g) : this.ox.dump({ format: opts.format, from_graph_name: g });
      yield* pieces(text, 1 << 20);
    }
  }

  async version(): Promise<number> {
    await this.idle();
    return this.current;
  }

  async size(): Promise<number> {
    await this.idle();
    return this.ox.size;
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
