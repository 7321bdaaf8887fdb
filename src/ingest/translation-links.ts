/**
 * The translation links of an ingested release (issue 18 item 4): with each stored release that is its original or
 * its translation (translations.ts), `<translation> schema:translationOfWork <original>` in the translation's graph
 * and `<original> schema:workTranslation <translation>` in the original's. The language versions a page declares
 * are kept on its release (`osce:alternatePage`), so a version ingested later finds it. Links once made are kept when either
 * release is ingested again (they are read back from the store), and follow a release whose key changed.
 */
import type { Quad } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { NS, type Iris } from '../model/ns.js';
import type { KgStore } from '../store/types.js';
import { originalOf, sameWorkUrls, type Alternates } from './translations.js';
import { iriRef, stringLiteral } from './update.js';

const { namedNode, quad } = DataFactory;
const OF = `${NS.schema}translationOfWork`;
const HAS = `${NS.schema}workTranslation`;

export interface TranslationPlan {
  /** Links stated in the release's own graph. */
  own: Quad[];
  /** Links in the other releases' graphs: those to remove (they named a former IRI, or are rewritten), then add. */
  remove: Quad[];
  add: Quad[];
}

interface Pair {
  original: string;
  translation: string;
}

export interface TranslationArgs {
  /** The release's IRI and graph now, and its IRI before when the key changed. */
  iri: string;
  graph: string;
  previous: string | undefined;
  url: string | undefined;
  alternates: Alternates;
}

const releaseGraphFilter = (iris: Iris) => `FILTER(STRSTARTS(STR(?g), ${stringLiteral(iris.releaseGraph(''))}))`;

/**
 * Stored releases at the URLs the page's URL or its declarations name, and those that declared the page's URL as an
 * alternate (osce:alternatePage), as pairs with this release.
 */
async function byUrl(store: KgStore, iris: Iris, a: TranslationArgs): Promise<Pair[]> {
  const urls = [...new Set([...(a.url ? sameWorkUrls(a.url) : []), ...a.alternates.values()])].filter((u) => u !== a.url);
  if (urls.length === 0 && !a.url) return [];
  const release = `?r a <${NS.osce}PressRelease>`;
  // Each branch is complete in itself: a type check joined after a UNION made oxigraph scan every release (18 ms
  // against 0.3 ms at 300 releases).
  const named = urls.length > 0 ? `{ GRAPH ?g { VALUES ?u { ${urls.map(iriRef).join(' ')} } ?r <${NS.osce}originalPage> ?u . ${release} } }` : '';
  const declaring = a.url ? `{ GRAPH ?g { ?r <${NS.osce}alternatePage> ${iriRef(a.url)} ; <${NS.osce}originalPage> ?u . ${release} } }` : '';
  const rows = await store.select(`SELECT ?r ?u WHERE { ${[named, declaring].filter(Boolean).join(' UNION ')} ${releaseGraphFilter(iris)} }`);
  const pairs: Pair[] = [];
  for (const row of rows) {
    const other = row.r?.value;
    const url = row.u?.value;
    if (!other || !url || url === a.url || other === a.iri || other === a.previous) continue;
    const original = a.url ? originalOf(a.url, url, a.alternates) : (a.alternates.get('x-default') === url ? url : undefined);
    if (original === url) pairs.push({ original: other, translation: a.iri });
    else if (original !== undefined) pairs.push({ original: a.iri, translation: other });
  }
  return pairs;
}

/** Links stored before that involve this release (its current or former IRI), with the graphs they are in. */
async function stored(store: KgStore, a: TranslationArgs): Promise<Array<Pair & { quad: Quad }>> {
  const selves = [...new Set([a.iri, a.previous].filter((x): x is string => x !== undefined))].map(iriRef).join(' ');
  // One query per direction, the type checks joined rather than FILTER EXISTS after a UNION: Virtuoso 7.2 answered
  // that single-query form with "SQ200: Stack Overflow in cost model" (its remote store rewrite adds a graph filter to
  // every GRAPH pattern), and both forms give the same links.
  const direction = (bound: '?s' | '?o') => store.select(`SELECT DISTINCT ?g ?s ?p ?o WHERE { VALUES ${bound} { ${selves} } VALUES ?p { <${OF}> <${HAS}> }
  GRAPH ?g { ?s ?p ?o } GRAPH ?og { ?s a <${NS.osce}PressRelease> } GRAPH ?og2 { ?o a <${NS.osce}PressRelease> } }`);
  const rows = [...(await direction('?s')), ...(await direction('?o'))];
  const self = (x: string) => (x === a.previous ? a.iri : x);
  const seen = new Set<string>();
  return rows.flatMap((row) => {
    const [g, s, p, o] = [row.g?.value, row.s?.value, row.p?.value, row.o?.value];
    if (!g || !s || !p || !o) return [];
    const key = `${g} ${s} ${p} ${o}`;
    if (seen.has(key)) return []; // a link between the release's current and former IRI is found both ways
    seen.add(key);
    const q = quad(namedNode(s), namedNode(p), namedNode(o), namedNode(g)) as Quad;
    return [p === HAS ? { original: self(s), translation: self(o), quad: q } : { original: self(o), translation: self(s), quad: q }];
  });
}

/** The links of a release: found by URL or declaration, or kept from before; each pair once, never to itself. */
export async function planTranslations(store: KgStore, iris: Iris, a: TranslationArgs): Promise<TranslationPlan> {
  const before = await stored(store, a);
  const pairs = new Map<string, Pair>();
  for (const p of [...(await byUrl(store, iris, a)), ...before]) {
    const other = p.original === a.iri ? p.translation : p.original;
    if (other === a.iri || pairs.has(other)) continue;
    pairs.set(other, p);
  }
  const own: Quad[] = [];
  const add: Quad[] = [];
  for (const [other, p] of pairs) {
    const parsed = iris.parseEntity(other);
    if (parsed?.kind !== 'release') continue;
    const theirs = namedNode(iris.releaseGraph(parsed.key));
    const mine = namedNode(a.graph);
    const [o, t] = [namedNode(p.original), namedNode(p.translation)];
    own.push(quad(p.translation === a.iri ? t : o, namedNode(p.translation === a.iri ? OF : HAS), p.translation === a.iri ? o : t, mine) as Quad);
    add.push(quad(p.translation === a.iri ? o : t, namedNode(p.translation === a.iri ? HAS : OF), p.translation === a.iri ? t : o, theirs) as Quad);
  }
  // The release's own graph is replaced whole (the update writes it before removing these); links in other graphs
  // are removed and written again, under the current IRI.
  const remove = before.map((b) => b.quad).filter((q) => q.graph.value !== a.graph);
  return { own, remove, add };
}
