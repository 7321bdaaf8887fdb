/**
 * Full-text search over release headlines and bodies and over the labels of every entity. The index lives in a
 * worker thread (search-worker.ts, SearchEngine): its build, its updates and its memory stay off the HTTP thread,
 * which only reads the indexed literals from the store and posts them. Built at startup and kept in step with
 * writes through `store.onChange`: every subject a delta touches is re-read and re-indexed; only a bulk load on a
 * shared store (which records no delta) makes it read everything again.
 */
import { Worker } from 'node:worker_threads';
import type { Term } from '@rdfjs/types';
import type { Iris } from '../model/ns.js';
import { NS } from '../model/ns.js';
import { subjectChanges } from '../store/summary.js';
import { isStoreClosed } from '../store/pool.js';
import { BACKGROUND_TIMEOUT_MS, type ChangeEvent, type KgStore, type Row } from '../store/types.js';
import type { SearchDoc, SearchOptions, SearchResults } from './search-engine.js';
import type { SearchOp } from './search-worker.js';
import type { AppContext } from '../context.js';

export { normalizeTerm, type SearchHit, type SearchOptions, type SearchResults } from './search-engine.js';

/** Predicates whose literal values are indexed; everything else in the graph is ignored. */
const INDEXED = {
  label: [`${NS.rdfs}label`, `${NS.schema}name`, `${NS.skos}prefLabel`, `${NS.skos}altLabel`, `${NS.osce}abbreviation`],
  headline: `${NS.schema}headline`,
  body: `${NS.schema}articleBody`,
  date: `${NS.schema}datePublished`,
};
const ALL_PREDICATES = [...INDEXED.label, INDEXED.headline, INDEXED.body, INDEXED.date];

/**
 * SELECT of the indexed literals of the given subjects (all subjects when none are given). The predicates come as a
 * VALUES block, which lets the engine use its predicate index (a FILTER over `?p` was four times slower).
 */
function docsQuery(subjects?: readonly string[]): string {
  const values = subjects ? `VALUES ?s { ${subjects.map((s) => `<${s}>`).join(' ')} }` : '';
  return `SELECT ?s ?p ?o WHERE { ${values} VALUES ?p { ${ALL_PREDICATES.map((p) => `<${p}>`).join(' ')} }
  ?s ?p ?o . FILTER(isIRI(?s) && isLiteral(?o)) }`;
}

/** Prefers an English or untagged label for display. */
function better(current: string | undefined, term: Term): string {
  const lang = term.termType === 'Literal' ? term.language : '';
  if (current === undefined || lang === 'en') return term.value;
  return current;
}

/** Groups rows (?s ?p ?o) into one document per subject. */
export function rowsToDocs(rows: readonly Row[], iris: Iris): SearchDoc[] {
  const acc = new Map<string, { labels: Set<string>; label?: string; headline?: string; body: string[]; date?: string }>();
  for (const row of rows) {
    const s = row.s?.value;
    const p = row.p?.value;
    const o = row.o;
    if (!s || !p || !o) continue;
    let entry = acc.get(s);
    if (!entry) acc.set(s, (entry = { labels: new Set(), body: [] }));
    if (p === INDEXED.headline) entry.headline = better(entry.headline, o);
    else if (p === INDEXED.body) entry.body.push(o.value);
    else if (p === INDEXED.date) entry.date = o.value;
    else {
      entry.labels.add(o.value);
      if (p === `${NS.rdfs}label` || p === `${NS.skos}prefLabel`) entry.label = better(entry.label, o);
    }
  }
  return [...acc].map(([id, e]) => ({
    id,
    kind: iris.parseEntity(id)?.kind ?? 'other',
    title: e.headline ?? e.label ?? [...e.labels][0] ?? id,
    labels: [...e.labels].join(' \u2022 '),
    body: e.body.join('\n\n'),
    date: e.date ?? '',
  }));
}

/** Subjects of the quads a change added or removed. */
async function touchedSubjects(event: ChangeEvent): Promise<string[]> {
  const subjects: string[] = [];
  for await (const batch of subjectChanges(event.summary)) for (const [iri] of batch) subjects.push(iri);
  return subjects;
}

/** Documents posted to the worker per message while (re)building. */
const BATCH = 2000;

type WorkerReply = { id: number; size: number } & ({ ok: true; value: unknown } | { ok: false; message: string });

export class SearchIndex {
  readonly #store: KgStore;
  readonly #iris: Iris;
  readonly #worker: Worker;
  readonly #waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  #nextId = 1;
  #size = 0;
  #pending: Promise<void> = Promise.resolve();
  #unsubscribe: (() => void) | undefined;
  #stopped = false;

  constructor(store: KgStore, iris: Iris) {
    this.#store = store;
    this.#iris = iris;
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
      this.#worker.postMessage({ ...request, id });
    });
  }

  /** Indexes the whole store and subscribes to its changes. */
  async start(): Promise<this> {
    this.#unsubscribe = this.#store.onChange((event) => {
      // a bulk load records no delta: everything is read again
      if (event.bulk) this.#pending = this.#pending.then(() => this.#rebuild()).catch((e: unknown) => this.#logFailure(e));
      if (event.summary.added + event.summary.removed > 0) {
        this.#pending = this.#pending.then(async () => {
          const subjects = await touchedSubjects(event);
          if (subjects.length > 0) await this.#reindex(subjects);
        }).catch((e: unknown) => this.#logFailure(e));
      }
    });
    this.#pending = this.#pending.then(() => this.#rebuild());
    await this.#pending;
    return this;
  }

  async #rebuild(): Promise<void> {
    const docs = rowsToDocs(await this.#store.select(docsQuery(), { timeoutMs: BACKGROUND_TIMEOUT_MS, background: true }), this.#iris);
    await this.#ask({ op: 'clear' });
    for (let i = 0; i < docs.length; i += BATCH) await this.#ask({ op: 'replace', ids: [], docs: docs.slice(i, i + BATCH) });
  }

  stop(): void {
    this.#stopped = true;
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

  async #reindex(subjects: readonly string[]): Promise<void> {
    for (let i = 0; i < subjects.length; i += 200) {
      const batch = subjects.slice(i, i + 200);
      const docs = rowsToDocs(await this.#store.select(docsQuery(batch)), this.#iris);
      await this.#ask({ op: 'replace', ids: batch, docs });
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

/** Builds the index over the store's current content and keeps it in step with writes. */
export function createSearchIndex(store: KgStore, iris: Iris): Promise<SearchIndex> {
  return new SearchIndex(store, iris).start();
}

const indexes = new WeakMap<KgStore, Promise<SearchIndex>>();

/** The search index of this context's store, building it on first use (createApp starts it at startup). */
export function searchIndexFor(ctx: Pick<AppContext, 'store' | 'iris'>): Promise<SearchIndex> {
  let index = indexes.get(ctx.store);
  if (!index) {
    index = createSearchIndex(ctx.store, ctx.iris);
    // A failed build is retried on the next request instead of being cached.
    index.catch(() => indexes.delete(ctx.store));
    indexes.set(ctx.store, index);
  }
  return index;
}
