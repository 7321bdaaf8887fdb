/**
 * Full-text search over release headlines and bodies and over the labels of every entity (MiniSearch: BM25+ ranking,
 * prefix and fuzzy matching). Built from the store at startup and kept in step with writes through `store.onChange`:
 * every subject a delta touches is re-read and re-indexed; only a bulk load on a shared store (which records no delta)
 * makes it read everything again.
 */
import MiniSearch from 'minisearch';
import type { Term } from '@rdfjs/types';
import type { Iris, Kind } from '../model/ns.js';
import { NS } from '../model/ns.js';
import type { ChangeEvent, KgStore, Row } from '../store/types.js';
import { highlightSnippet, highlightText, type Highlighted } from './highlight.js';

/** One indexed entity or release. */
interface SearchDoc {
  id: string;
  kind: string;
  title: string;
  labels: string;
  body: string;
  date: string;
}

export interface SearchHit {
  iri: string;
  kind: string;
  /** Path of the entity's HTML document on this server, when the IRI is under the service base. */
  path: string | undefined;
  title: Highlighted;
  snippet: Highlighted;
  date: string | undefined;
  score: number;
}

export interface SearchResults {
  query: string;
  total: number;
  /** Matches per kind (before the kind filter), for narrowing a search. */
  kinds: Record<string, number>;
  hits: SearchHit[];
}

/** Predicates whose literal values are indexed; everything else in the graph is ignored. */
const INDEXED = {
  label: [`${NS.rdfs}label`, `${NS.schema}name`, `${NS.skos}prefLabel`, `${NS.skos}altLabel`, `${NS.osce}abbreviation`],
  headline: `${NS.schema}headline`,
  body: `${NS.schema}articleBody`,
  date: `${NS.schema}datePublished`,
};
const ALL_PREDICATES = [...INDEXED.label, INDEXED.headline, INDEXED.body, INDEXED.date];

/** Lower-case and strip diacritics, so "Zurich" finds "Zürich" and "osce" finds "OSCE". */
export function normalizeTerm(term: string): string {
  return term
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

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
function touchedSubjects(event: ChangeEvent): string[] {
  const subjects = new Set<string>();
  for (const q of [...event.delta.added, ...event.delta.removed]) {
    if (q.subject.termType === 'NamedNode') subjects.add(q.subject.value);
  }
  return [...subjects];
}

export interface SearchOptions {
  limit?: number;
  offset?: number;
  kind?: Kind | string;
}

export class SearchIndex {
  readonly #store: KgStore;
  readonly #iris: Iris;
  readonly #index: MiniSearch<SearchDoc>;
  #pending: Promise<void> = Promise.resolve();
  #unsubscribe: (() => void) | undefined;

  constructor(store: KgStore, iris: Iris) {
    this.#store = store;
    this.#iris = iris;
    this.#index = new MiniSearch<SearchDoc>({
      fields: ['title', 'labels', 'body'],
      storeFields: ['kind', 'title', 'body', 'date'],
      processTerm: (term) => normalizeTerm(term) || null,
      searchOptions: { boost: { title: 3, labels: 2 }, prefix: true, fuzzy: (term) => (term.length > 4 ? 0.2 : false) },
    });
  }

  /** Indexes the whole store and subscribes to its changes. */
  async start(): Promise<this> {
    this.#unsubscribe = this.#store.onChange((event) => {
      // a bulk load records no delta: everything is read again
      if (event.bulk) this.#pending = this.#pending.then(() => this.#rebuild()).catch(logFailure);
      const subjects = touchedSubjects(event);
      if (subjects.length > 0) this.#pending = this.#pending.then(() => this.#reindex(subjects)).catch(logFailure);
    });
    this.#pending = this.#pending.then(() => this.#rebuild());
    await this.#pending;
    return this;
  }

  async #rebuild(): Promise<void> {
    const docs = rowsToDocs(await this.#store.select(docsQuery()), this.#iris);
    this.#index.removeAll();
    // in chunks, yielding between them, so a large build does not stall the HTTP thread
    await this.#index.addAllAsync(docs, { chunkSize: 200 });
  }

  stop(): void {
    this.#unsubscribe?.();
  }

  /**
   * Resolves when every change committed so far is indexed: on a store shared by several replicas the store first
   * delivers the other replicas' writes (`sync`), so a search right after a write through another replica finds it.
   */
  async idle(): Promise<void> {
    await this.#store.sync?.();
    return this.#pending;
  }

  get size(): number {
    return this.#index.documentCount;
  }

  async #reindex(subjects: readonly string[]): Promise<void> {
    for (let i = 0; i < subjects.length; i += 200) {
      const batch = subjects.slice(i, i + 200);
      const docs = rowsToDocs(await this.#store.select(docsQuery(batch)), this.#iris);
      for (const id of batch) if (this.#index.has(id)) this.#index.discard(id);
      this.#index.addAll(docs);
    }
  }

  /** Ranked hits with the matched words marked; `total` counts all matches before paging. */
  search(query: string, opts: SearchOptions = {}): SearchResults {
    const q = query.trim();
    if (!q) return { query: q, total: 0, kinds: {}, hits: [] };
    // every word must match; when no entry has them all, rank the entries that have any of them
    let all = this.#index.search(q, { combineWith: 'AND' });
    if (all.length === 0) all = this.#index.search(q, { combineWith: 'OR' });
    const kinds: Record<string, number> = {};
    for (const r of all) kinds[String(r.kind)] = (kinds[String(r.kind)] ?? 0) + 1;
    const results = opts.kind ? all.filter((r) => r.kind === opts.kind) : all;
    const offset = opts.offset ?? 0;
    const page = results.slice(offset, offset + (opts.limit ?? 20));
    return {
      query: q,
      total: results.length,
      kinds,
      hits: page.map((r) => {
        const matched = new Set<string>(r.terms.map(normalizeTerm));
        const iri = String(r.id);
        const parsed = this.#iris.parseEntity(iri);
        return {
          iri,
          kind: String(r.kind),
          path: parsed ? `/doc/${parsed.kind}/${parsed.key}` : undefined,
          title: highlightText(String(r.title), matched, normalizeTerm),
          snippet: highlightSnippet(String(r.body ?? ''), matched, normalizeTerm),
          date: r.date ? String(r.date) : undefined,
          score: Math.round(r.score * 1000) / 1000,
        };
      }),
    };
  }
}

function logFailure(error: unknown): void {
  process.stderr.write(`osce-kg: search index update failed: ${error instanceof Error ? error.message : String(error)}\n`);
}

/** Builds the index over the store's current content and keeps it in step with writes. */
export function createSearchIndex(store: KgStore, iris: Iris): Promise<SearchIndex> {
  return new SearchIndex(store, iris).start();
}
