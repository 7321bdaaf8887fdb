/**
 * The search index's documents from the store's rows: the SELECT of the indexed literals and the grouping of its
 * rows into one document per subject. `reduceRows` runs where the SELECT ran (the embedded store's query worker,
 * `KgStore.selectReduced`), so at 100k releases the HTTP thread no longer converts ~1M rows (a 9.9 s stall, half of
 * it garbage collection): it hands the bytes on to the search worker. Kept free of oxigraph and of the HTTP layer,
 * since a query worker imports it.
 */
import { Iris, NS } from '../model/ns.js';
import type { SearchDoc } from './search-engine.js';

/** Predicates whose literal values are indexed; everything else in the graph is ignored. */
const INDEXED = {
  label: [`${NS.rdfs}label`, `${NS.schema}name`, `${NS.skos}prefLabel`, `${NS.skos}altLabel`, `${NS.osce}abbreviation`],
  headline: `${NS.schema}headline`,
  body: `${NS.schema}articleBody`,
  date: `${NS.schema}datePublished`,
};
const ALL_PREDICATES = [...INDEXED.label, INDEXED.headline, INDEXED.body, INDEXED.date];
const PREFERRED = new Set([`${NS.rdfs}label`, `${NS.skos}prefLabel`]);

/** A term as the grouping reads it: the store's wire shape (store/terms.ts), value and language. */
export interface Cell {
  v: string;
  l?: string;
}
export type Cells = Partial<Record<string, Cell>>;

/** Where a query worker finds `reduceRows`. */
export const DOCS_MODULE = new URL('./search-docs.js', import.meta.url).href;

/**
 * SELECT of the indexed literals of the given subjects (all subjects when none are given). The predicates come as a
 * VALUES block, which lets the engine use its predicate index (a FILTER over `?p` was four times slower).
 */
export function docsQuery(subjects?: readonly string[]): string {
  const values = subjects ? `VALUES ?s { ${subjects.map((s) => `<${s}>`).join(' ')} }` : '';
  return `SELECT ?s ?p ?o WHERE { ${values} VALUES ?p { ${ALL_PREDICATES.map((p) => `<${p}>`).join(' ')} }
  ?s ?p ?o . FILTER(isIRI(?s) && isLiteral(?o)) }`;
}

/** Prefers an English label for display, else the first seen. */
function better(current: string | undefined, cell: Cell): string {
  return current === undefined || cell.l === 'en' ? cell.v : current;
}

type Entry = { labels: Set<string>; label?: string; headline?: string; body: string[]; date?: string };

/** Groups rows (?s ?p ?o) into one document per subject. */
export function groupDocs(rows: Iterable<Cells>, iris: Iris): SearchDoc[] {
  const acc = new Map<string, Entry>();
  for (const row of rows) {
    const s = row.s?.v;
    const p = row.p?.v;
    const o = row.o;
    if (!s || !p || !o) continue;
    let entry = acc.get(s);
    if (!entry) acc.set(s, (entry = { labels: new Set(), body: [] }));
    if (p === INDEXED.headline) entry.headline = better(entry.headline, o);
    else if (p === INDEXED.body) entry.body.push(o.v);
    else if (p === INDEXED.date) entry.date = o.v;
    else {
      entry.labels.add(o.v);
      if (PREFERRED.has(p)) entry.label = better(entry.label, o);
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

/** The documents of a SELECT's rows as UTF-8 JSON (a `ReduceModule`, store/types.ts). */
export function reduceRows(rows: Cells[], options: { base: string }): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(groupDocs(rows, new Iris(options.base))));
}

/** The documents back from `reduceRows`' bytes (in the search worker). */
export function docsFromBytes(bytes: Uint8Array): SearchDoc[] {
  return JSON.parse(new TextDecoder().decode(bytes)) as SearchDoc[];
}
