/**
 * Full-text search over release headlines and bodies and over the labels of every entity. The index lives in a
 * worker thread (search-worker.ts, SearchEngine): its build, its updates, its checkpoint and its memory stay off the
 * HTTP thread. The documents are made from the store's rows where the SELECT ran (search-docs.ts,
 * `KgStore.selectReduced`) and handed to the search worker as bytes, so this thread never holds the rows. Built at
 * startup, or adopted from its checkpoint (search-checkpoint.ts) when that is at the store's version, and kept in
 * step with writes through `store.onChange`: every subject a delta touches is re-read and re-indexed; only a bulk
 * load on a shared store (which records no delta) makes it read everything again.
 */
import { Worker } from 'node:worker_threads';
import type { Iris } from '../model/ns.js';
import { subjectChanges } from '../store/summary.js';
import { isStoreClosed } from '../store/pool.js';
import { BACKGROUND_TIMEOUT_MS, writesSettled, type ChangeEvent, type KgStore, type Row, type SelectOptions } from '../store/types.js';
import type { SearchOptions, SearchResults } from './search-engine.js';
import type { SearchOp } from './search-worker.js';
import { DOCS_MODULE, docsQuery, reduceRows, type Cells } from './search-docs.js';
import type { AppContext } from '../context.js';

export { normalizeTerm, type SearchHit, type SearchOptions, type SearchResults } from './search-engine.js';

/** Milliseconds after the last indexed change before the index is checkpointed (the worker writes it). */
const CHECKPOINT_DELAY_MS = 10_000;

/** A row of RDF/JS terms as the grouping reads it (a store without `selectReduced`). */
function cells(row: Row): Cells {
  const out: Cells = {};
  for (const [k, t] of Object.entries(row)) out[k] = { v: t.value, l: t.termType === 'Literal' ? t.language : '' };
  return out;
}

/** Subjects of the quads a change added or removed. */
async function touchedSubjects(event: ChangeEvent): Promise<string[]> {
  const subjects: string[] = [];
  for await (const batch of subjectChanges(event.summary)) for (const [iri] of batch) subjects.push(iri);
  return subjects;
}

type WorkerReply = { id: number; size: number } & ({ ok: true; value: unknown } | { ok: false; message: string });

export class SearchIndex {
  readonly #store: KgStore;
  readonly #iris: Iris;
  readonly #file: string | undefined;
  readonly #worker: Worker;
  readonly #waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  #nextId = 1;
  #size = 0;
  #pending: Promise<void> = Promise.resolve();
  #unsubscribe: (() => void) | undefined;
  #stopped = false;
  /** The dataset version the index is at (every change up to it indexed); -1 before the first build. */
  #at = -1;
  #saved = -1;
  #timer: NodeJS.Timeout | undefined;

  /** `file`: where the index is checkpointed (none: rebuilt at every start). */
  constructor(store: KgStore, iris: Iris, file?: string) {
    this.#store = store;
    this.#iris = iris;
    this.#file = file;
    this.#worker = new Worker(new URL('./search-worker.js', import.meta.url), { workerData: { base: iris.base } });
    // unref'd until an answer is awaited; again once online, since an unref before that does not hold (Node 20)
    this.#worker.unref();
    this.#worker.once('online', () => {
      if (this.#waiting.size === 0) this.#worker.unref();
    });
    this.#worker.on('message', (reply: WorkerReply) => {
      this.#size = reply.size;
      const waiter = this.#waiting.get(reply.id);
      this.#waiting.delete(reply.id);
      if (this.#waiting.size === 0) this.#worker.unref();
      if (reply.ok) waiter?.resolve(reply.value);
      else waiter?.reject(new Error(reply.message));
    });
    this.#worker.on('error', (error) => this.#failAll(error));
    this.#worker.on('exit', (code) => this.#failAll(new Error(`the search worker exited with code ${code}`)));
  }

  #failAll(error: Error): void {
    for (const waiter of this.#waiting.values()) waiter.reject(error);
    this.#waiting.clear();
  }

  #ask(request: SearchOp): Promise<unknown> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      this.#worker.ref(); // an answer is awaited: keep the process alive for it
      // a document batch is handed over, not copied
      this.#worker.postMessage({ ...request, id }, request.op === 'replace' ? [request.bytes.buffer as ArrayBuffer] : []);
    });
  }

  /** Indexes the whole store (or adopts the checkpoint of its version) and subscribes to its changes. */
  async start(): Promise<this> {
    this.#unsubscribe = this.#store.onChange((event) => {
      // a bulk load records no delta: everything is read again
      if (event.bulk) this.#pending = this.#pending.then(() => this.#rebuild()).catch((e: unknown) => this.#logFailure(e));
      if (event.summary.added + event.summary.removed > 0) {
        this.#pending = this.#pending.then(async () => {
          const subjects = await touchedSubjects(event);
          if (subjects.length > 0) await this.#reindex(subjects);
          this.#indexed(event.version);
        }).catch((e: unknown) => this.#logFailure(e));
      }
    });
    this.#pending = this.#pending.then(async () => {
      if (!(await this.#restore())) await this.#rebuild();
    });
    await this.#pending;
    return this;
  }

  /** Adopts the checkpoint when it is at the store's version (the worker reads it). */
  async #restore(): Promise<boolean> {
    if (!this.#file) return false;
    const version = await this.#store.version();
    if (!(await this.#ask({ op: 'restore', file: this.#file, version }))) return false;
    this.#at = this.#saved = version;
    return true;
  }

  async #rebuild(): Promise<void> {
    const version = await this.#store.version();
    const bytes = await this.#docs(docsQuery(), { timeoutMs: BACKGROUND_TIMEOUT_MS, background: true });
    await this.#ask({ op: 'replace', ids: [], bytes, clear: true });
    this.#at = Math.max(this.#at, version);
    await this.#save();
  }

  /**
   * The documents of a docs query as bytes for the worker: grouped where the query ran, so the rows never come to
   * this thread (a store without `selectReduced`, the external one, groups them here).
   */
  async #docs(query: string, opts?: SelectOptions): Promise<Uint8Array> {
    const reduce = { url: DOCS_MODULE, options: { base: this.#iris.base } };
    if (this.#store.selectReduced) return this.#store.selectReduced(query, reduce, opts);
    return reduceRows((await this.#store.select(query, opts)).map(cells), reduce.options);
  }

  /** A change is indexed: the checkpoint follows a while after the last one. */
  #indexed(version: number): void {
    this.#at = Math.max(this.#at, version);
    if (!this.#file || this.#stopped) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#pending = this.#pending.then(() => this.#save()).catch((e: unknown) => this.#logFailure(e));
    }, CHECKPOINT_DELAY_MS);
    this.#timer.unref();
  }

  /** Has the worker write the index at the version it is at (its queue keeps updates out while it writes). */
  async #save(): Promise<void> {
    if (!this.#file || this.#at === this.#saved || this.#stopped) return;
    const at = this.#at;
    await this.#ask({ op: 'save', file: this.#file, version: at });
    this.#saved = at;
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#unsubscribe?.();
    void this.#worker.terminate();
  }

  /**
   * Resolves when every change committed so far is indexed: on a store shared by several instances the store first
   * delivers the other instances' writes (`sync`), so a search right after a write through another instance finds it.
   */
  async idle(): Promise<void> {
    await this.#store.sync?.();
    return this.#pending;
  }

  /** Documents indexed (as of the worker's last answer). */
  get size(): number {
    return this.#size;
  }

  /**
   * Re-reads the touched subjects 200 at a time, each batch once no write is in flight: after a 16 MB upload the
   * batches kept a query worker and a core busy through the next upload (decision 0041).
   */
  async #reindex(subjects: readonly string[]): Promise<void> {
    for (let i = 0; i < subjects.length; i += 200) {
      await writesSettled(this.#store);
      const batch = subjects.slice(i, i + 200);
      await this.#ask({ op: 'replace', ids: batch, bytes: await this.#docs(docsQuery(batch)) });
    }
  }

  /** Ranked hits with the matched words marked; `total` counts all matches before paging. */
  search(query: string, opts: SearchOptions = {}): Promise<SearchResults> {
    return this.#ask({ op: 'search', query, opts }) as Promise<SearchResults>;
  }

  /** An update cut short because the service stopped (or its store closed under it) is not a failure. */
  #logFailure(error: unknown): void {
    if (this.#stopped || isStoreClosed(error)) return;
    logFailure(error);
  }
}

function logFailure(error: unknown): void {
  process.stderr.write(`osce-kg: search index update failed: ${error instanceof Error ? error.message : String(error)}\n`);
}

/** Builds the index over the store's current content (or adopts `file`'s checkpoint) and keeps it in step with writes. */
export function createSearchIndex(store: KgStore, iris: Iris, file?: string): Promise<SearchIndex> {
  return new SearchIndex(store, iris, file).start();
}

const indexes = new WeakMap<KgStore, Promise<SearchIndex>>();

/**
 * The search index of this context's store, building it on first use: startServer asks for it at startup, an app
 * built without it (as tests build theirs) on its first search.
 */
export function searchIndexFor(ctx: Pick<AppContext, 'store' | 'iris' | 'searchFile'>): Promise<SearchIndex> {
  let index = indexes.get(ctx.store);
  if (!index) {
    index = createSearchIndex(ctx.store, ctx.iris, ctx.searchFile);
    // A failed build is retried on the next request instead of being cached.
    index.catch(() => indexes.delete(ctx.store));
    indexes.set(ctx.store, index);
  }
  return index;
}
