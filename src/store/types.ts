/**
 * The storage contract. `store/` is the only code that touches oxigraph or a remote store; everything else uses this
 * interface. Terms and quads are RDF/JS (n3's DataFactory), so callers never see oxigraph objects.
 */
import type { Quad, Term } from '@rdfjs/types';
import type { QueryHead } from './query-form.js';

/** A graph name for the graph-store protocol and dataset options: an IRI, or the default graph. */
export type GraphName = { iri: string } | 'default';

/** The RDF dataset of one query (SPARQL 1.1 Protocol `default-graph-uri` / `named-graph-uri`, or FROM in the query). */
export interface DatasetSpec {
  defaultGraphs?: string[];
  namedGraphs?: string[];
}

export interface QueryOptions {
  /** Query text, already size-checked. The store parses it (syntax error → AppError 400 with line/column). */
  query: string;
  dataset?: DatasetSpec;
  /** Treat the default graph as the union of all graphs (the service default); false for the standard semantics. */
  unionDefaultGraph: boolean;
  /** Media type of the serialization wanted, one the store supports (see `RESULT_FORMATS` in sparql/formats.ts). */
  format: string;
  /** Milliseconds; the evaluation is stopped (its CPU freed) when it runs longer: AppError 503 QUERY_TIMEOUT. */
  timeoutMs: number;
  /** Base IRI for relative IRIs in the query. */
  baseIri?: string;
  /** Cap on the serialized result in bytes: AppError 413 RESULT_TOO_LARGE past it (0 = no cap). */
  maxResultBytes?: number;
  /** The query's head (`queryHead`), when the caller has scanned it already: the store need not scan it again. */
  head?: QueryHead;
}

export type QueryForm = 'SELECT' | 'ASK' | 'CONSTRUCT' | 'DESCRIBE';

export interface QueryResult {
  form: QueryForm;
  /** The serialized result in `format`. */
  body: string;
  mediaType: string;
}

/** Rows of a SELECT, parsed, for internal callers (publishing, named queries). */
export type Row = Record<string, Term>;

/** What a write changed: the net delta, computed before commit. */
export interface Delta {
  removed: Quad[];
  added: Quad[];
}

/**
 * A gate sees the delta and a read-only view of the state after it; returning a report rejects the write. A store
 * whose writer runs in a worker thread runs the gate there, on its own pending state: it loads `module` (a module
 * exporting `createGate(options)` that returns the same gate) instead of calling this function.
 */
export interface WriteGate {
  (delta: Delta, after: StoreView): Promise<GateRejection | undefined>;
  readonly module?: GateModule;
}

/** Where a worker thread finds a gate: the module's URL and the options (plain data) of its `createGate`. */
export interface GateModule {
  url: string;
  options?: unknown;
}

export interface GateRejection {
  /** Human summary, e.g. "2 SHACL violations". */
  message: string;
  /** The report as plain JSON (for the 422 body) and as Turtle. */
  report: unknown;
  reportTurtle?: string;
}

/** Reads of the state after a pending write, for gates (default graph = union). */
export interface StoreView {
  /** CONSTRUCT/DESCRIBE as quads. */
  construct(query: string): Promise<Quad[]>;
  select(query: string): Promise<Row[]>;
}

/** An RDF document as it arrives (a Graph Store request body): parsed by the store, every triple placed in the graph. */
export interface RdfBody {
  /** The bytes, already limited in size by the caller. */
  chunks: AsyncIterable<Uint8Array>;
  /** How many bytes `chunks` will yield, when known in advance (a Content-Length): they are gathered in one buffer. */
  length?: number;
  /** Media type, one of UPLOAD_TYPES (rdf-parse.ts). */
  mediaType: string;
  /** Base IRI for relative IRIs. */
  baseIri: string;
  /** JSON-LD contexts the document may name, by URL (any other is 400 REMOTE_CONTEXT_REFUSED; rdf-parse.ts). */
  contexts?: Readonly<Record<string, unknown>>;
}

/**
 * Several RDF documents in one request (a form upload's file parts), read in order, each parsed on its own (blank
 * nodes apart), as their bytes arrive: a document's bytes must be read to the end before the next is asked for.
 */
export interface RdfDocuments {
  documents: AsyncIterable<Pick<RdfBody, 'chunks' | 'mediaType' | 'length'>>;
  baseIri: string;
  contexts?: Readonly<Record<string, unknown>>;
}

export type WriteOp =
  | { type: 'update'; update: string; unionDefaultGraph: boolean; baseIri?: string; /** WHERE evaluation limit, ms (default 30 s): QUERY_TIMEOUT past it. */ timeoutMs?: number }
  /** Replace (GSP PUT) or merge into (GSP POST) a graph: quads, or a document to parse (blank nodes fresh per document). */
  | { type: 'put-graph' | 'post-graph'; graph: GraphName; quads: Quad[] }
  | { type: 'put-graph' | 'post-graph'; graph: GraphName; body: RdfBody | RdfDocuments }
  | { type: 'delete-graph'; graph: GraphName } // GSP DELETE (404 if absent, checked by the caller via hasGraph)
  | { type: 'patch'; delta: Delta }; // explicit delta

/** A write op whose quads are given (not a document to parse). */
export type QuadWriteOp = Exclude<WriteOp, { body: unknown }>;

/**
 * What a write changed, without its quads: counts, and the IRIs derived data needs (summary.ts reads them). The
 * lists are UTF-8 text, one entry a line, so a write of millions of quads crosses threads by transfer.
 */
export interface ChangeSummary {
  added: number;
  removed: number;
  /** Named-node subjects of the changed quads, each `IRI\tN` with N its net change in triples (+added −removed). */
  subjects: Uint8Array;
  /** Named-node objects of the changed quads, each once. */
  objects: Uint8Array;
  /** Named graphs (IRIs; '' the default graph) the write added quads to, and removed quads from. */
  graphs: { added: string[]; removed: string[] };
}

export interface WriteResult {
  summary: ChangeSummary;
  /** Dataset version after the write (monotonic integer; unchanged when nothing changed). */
  version: number;
}

/** Emitted after every durable commit, in commit order. */
export interface ChangeEvent {
  version: number;
  time: Date;
  summary: ChangeSummary;
  /**
   * The quads the write added and removed, parsed when asked for; absent for a write of more than 10,000 quads (the
   * thread that answers requests never holds those): a listener that needs quads rebuilds from the store instead.
   */
  delta?: () => Delta;
  /** A bulk load whose changes are not recorded (the summary is empty): listeners rebuild what they derive from the data. */
  bulk?: boolean;
}

/** One entry of a change log kept in a shared store: the entity IRIs a version touched, and those that exist after it. */
export interface LoggedChange {
  version: number;
  time: Date;
  touched: string[];
  present: string[];
}

/** A change log shared by every service instance on one store (the remote store keeps it in its state graph). */
export interface SharedChangeLog {
  /** Entries with a version in (`from`, `to`], in version order (version 0 is the initial content). */
  entries(from: number, to: number): Promise<LoggedChange[]>;
  /**
   * The time of entry 0, the earliest one written: instances initialising an empty store at once may each write one,
   * and an instance may have read its own before the other's landed.
   */
  initialTime(): Promise<Date | undefined>;
}

/** Options of an internal SELECT. */
export interface SelectOptions {
  timeoutMs?: number;
  /**
   * A whole-store read of a background service (the search index's, the change feed's or the statistics' build at
   * start): it takes a query worker only when no query waits for one, and never the last free one, as a dump batch
   * does. At 100k releases these reads run 39-128 s each; in front of queries they made an ASK wait 56 s and more.
   */
  background?: boolean;
}

/**
 * A module that turns a SELECT's rows into bytes where the query ran (a query worker): it exports
 * `reduceRows(rows, options): Uint8Array`, rows being `{ var: { v: value, l?: language } }`. A caller that needs a
 * whole-store result in another form (the search index's documents) never holds the rows on its own thread.
 */
export interface ReduceModule {
  url: string;
  options?: unknown;
}

export interface KgStore {
  /** Loads persisted state (or seeds it with `seed()` when the store is new). Resolves when queries can be served. */
  open(): Promise<void>;
  close(): Promise<void>;

  /** Serialized query evaluation off the HTTP thread with a timeout. */
  query(opts: QueryOptions): Promise<QueryResult>;
  /** Parsed SELECT rows (union default graph), for internal callers. */
  select(query: string, opts?: SelectOptions): Promise<Row[]>;
  /** Parsed CONSTRUCT/DESCRIBE quads (union default graph), for internal callers. */
  construct(query: string, opts?: { timeoutMs?: number }): Promise<Quad[]>;
  ask(query: string, opts?: { timeoutMs?: number }): Promise<boolean>;
  /**
   * A SELECT whose rows `reduce` turns into bytes on the thread that evaluated it (the embedded store's query
   * worker); the bytes are handed over, not copied. Absent: the caller selects and reduces on its own thread.
   */
  selectReduced?(query: string, reduce: ReduceModule, opts?: SelectOptions): Promise<Uint8Array>;

  /**
   * One atomic write: the delta is computed, `gate` may reject it (nothing changes), otherwise it is made durable
   * (journal fsync) before the promise resolves. Writes are serialized.
   */
  write(op: WriteOp, gate?: WriteGate): Promise<WriteResult>;

  /** Graph-store reads. */
  hasGraph(graph: GraphName): Promise<boolean>;
  /** Named graphs (IRIs) with at least one quad. */
  graphs(): Promise<string[]>;
  /** Streams the whole dataset (or one graph) as N-Quads / N-Triples text chunks, without holding it all in memory where possible. */
  dump(opts: { format: 'application/n-quads' | 'application/n-triples' | 'text/turtle'; graph?: GraphName }): AsyncIterable<string>;
  /**
   * The same text as UTF-8 bytes, each piece ending at a line end (whole characters), for a consumer that hands it on
   * to another thread (the dump files): the pieces are the consumer's to transfer.
   */
  dumpBytes(opts: { format: 'application/n-quads' | 'application/n-triples' | 'text/turtle'; graph?: GraphName }): AsyncIterable<Uint8Array>;

  /** Monotonic dataset version: the cache key of everything derived from the data. */
  version(): Promise<number>;
  /** Number of quads. */
  size(): Promise<number>;
  /** Subscribe to committed changes; returns an unsubscribe function. */
  onChange(listener: (event: ChangeEvent) => void): () => void;
  /**
   * Resolves once every change committed so far, by any instance on a shared store, has reached the `onChange`
   * listeners. Absent when listeners are called at commit (the embedded store).
   */
  sync?(): Promise<void>;
  /** The store's own change log, when it keeps one that all instances share: the change feed is read from it. */
  readonly changeLog?: SharedChangeLog;
  /** Whether writes can be stored now (a store with a disk of its own: false after a storage fault, until a probe succeeds). */
  storage?(): StorageStatus;
  /** How busy the store's workers are (the embedded store with worker threads). */
  saturation?(): StoreSaturation | undefined;
  /** Each worker thread's memory (the embedded store with worker threads), for /metrics. */
  workerMemory?(): WorkerMemory[];
  /**
   * Resolves once no write of this instance is in flight (at once when none is): see `writesSettled`. Absent on a
   * store that does not know (then nothing waits).
   */
  writesSettled?(): Promise<void>;
}

/** How long background work waits at most for writes in flight, per piece: a stream of writes never stops it. */
export const WRITE_YIELD_MAX_MS = 10_000;

/**
 * Where background work after a write (dump generation, a statistics rebuild, the search index re-reading what the
 * write touched) takes its next piece: once
 * no write is in flight, or after `maxMs`. An upload then has the thread that answers requests, the query workers
 * and the cores to itself and other requests, rather than sharing them with the previous write's dump generation
 * and statistics rebuild (decision 0041 has the waits measured). Derived data catch up once the writes pause.
 */
export function writesSettled(store: KgStore, maxMs = WRITE_YIELD_MAX_MS): Promise<void> {
  const settled = store.writesSettled?.();
  if (!settled) return Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const cap = new Promise<void>((resolve) => { timer = setTimeout(resolve, maxMs); });
  return Promise.race([settled, cap]).finally(() => clearTimeout(timer));
}

/** How busy the embedded store is, for `/health`: each pool of workers, and what was cut short since start. */
export interface StoreSaturation {
  /** The query workers: anonymous and token queries alike wait for one of these. */
  query: PoolSaturation;
  /** The writer (one worker, which takes no query): writes, snapshots. */
  write: PoolSaturation;
  /** Since start: queries answered 503 QUERY_TIMEOUT while still queued, and stopped on a worker at their timeout. */
  expiredInQueue: number;
  timedOut: number;
  /** Since start: query workers replaced because their memory grew past the bound. */
  recycled: number;
  /** Since start: writers replaced between two writes because their memory grew past the bound. */
  writerRecycled: number;
  /** The version every query started now sees at least (the newest acknowledged write's). */
  version: number;
  /** Query replicas applying a committed write now (in turn: at most one while another can serve), and behind the newest. */
  applying: number;
  behind: number;
}

/** One pool: its workers, how many run a job now, the jobs waiting for one and how long the oldest has waited (ms). */
export interface PoolSaturation {
  workers: number;
  running: number;
  queued: number;
  oldestWaitMs: number;
}

/**
 * One worker thread's memory as of its last reply: `externalBytes` is mostly its replica's WebAssembly memory,
 * which never shrinks (what `OSCE_KG_WORKER_RECYCLE_MB` bounds), `heapBytes` its JS heap in use.
 */
export interface WorkerMemory {
  pool: 'query' | 'write';
  externalBytes: number;
  heapBytes: number;
}

/** What `/health` says about the disk (the embedded store). */
export interface StorageStatus {
  writable: boolean;
  /** When not writable: STORAGE_FULL or STORAGE_ERROR, what happened, and since when (ISO 8601). */
  code?: string;
  reason?: string;
  since?: string;
}

/**
 * Time limit of the service's own whole-store reads at start-up (entity counts, the search index): they scan
 * everything and may take minutes on a large store, and no user is waiting for them.
 */
export const BACKGROUND_TIMEOUT_MS = 30 * 60_000;
