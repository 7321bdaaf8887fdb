/**
 * The full-text index itself (MiniSearch: BM25+ ranking, prefix and fuzzy matching) over release headlines and
 * bodies and the labels of every entity, with the hits' highlighting. It runs in the search worker
 * (search-worker.ts), so neither its build nor its memory is on the HTTP thread.
 */
import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import { Iris } from '../model/ns.js';
import { highlightSnippet, highlightText, type Highlighted } from '../web/highlight.js';

/** One indexed entity or release. */
export interface SearchDoc {
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

export interface SearchOptions {
  limit?: number;
  offset?: number;
  kind?: string;
}

/** Lower-case and strip diacritics, so "Zurich" finds "Zürich" and "osce" finds "OSCE". */
export function normalizeTerm(term: string): string {
  return term
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** The index's plain form (MiniSearch's), as the checkpoint (search-checkpoint.ts) writes and reads it. */
export type PlainIndex = AsPlainObject;

const OPTIONS: Options<SearchDoc> = {
  fields: ['title', 'labels', 'body'],
  storeFields: ['kind', 'title', 'body', 'date'],
  processTerm: (term) => normalizeTerm(term) || null,
  searchOptions: { boost: { title: 3, labels: 2 }, prefix: true, fuzzy: (term) => (term.length > 4 ? 0.2 : false) },
};

export class SearchEngine {
  readonly #iris: Iris;
  #index: MiniSearch<SearchDoc>;

  constructor(base: string) {
    this.#iris = new Iris(base);
    this.#index = new MiniSearch<SearchDoc>(OPTIONS);
  }

  /** The index as plain data (for the checkpoint). */
  toPlain(): PlainIndex {
    return this.#index.toJSON();
  }

  /** Replaces the index by one in plain form (a checkpoint's), without indexing any text again. */
  loadPlain(plain: PlainIndex): void {
    this.#index = MiniSearch.loadJS<SearchDoc>(plain, OPTIONS);
  }

  get size(): number {
    return this.#index.documentCount;
  }

  clear(): void {
    this.#index.removeAll();
  }

  /**
   * Re-indexes the given subjects: their old documents go, `docs` (those of them that still have indexed text) come
   * in. While (re)building, `ids` is empty and `docs` are new.
   */
  replace(ids: readonly string[], docs: readonly SearchDoc[]): void {
    for (const id of ids) if (this.#index.has(id)) this.#index.discard(id);
    this.#index.addAll(docs);
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
