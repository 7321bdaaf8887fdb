/** Sitemaps (sitemaps.org protocol 0.9): entity documents with lastmod from the change feed; an index when large. */
import type { Iris } from '../model/ns.js';
import type { KgStore } from '../store/types.js';
import type { FeedSource } from './change-feed.js';
import { xmlEscape } from './rdfxml.js';
import { stringLiteral } from './sparql-terms.js';

/** Every entity IRI of this base that is the subject of a triple, sorted (hash IRIs live in their entity's document). */
export async function sitemapEntities(store: KgStore, iris: Iris): Promise<string[]> {
  const rows = await store.select(`SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER(STRSTARTS(STR(?s), ${stringLiteral(`${iris.base}id/`)})) } ORDER BY ?s`);
  return rows.map((r) => r.s?.value ?? '').filter((s) => !s.includes('#') && iris.parseEntity(s));
}

export function sitemapPage(iris: Iris, entities: readonly string[], feed: FeedSource): string {
  const urls = entities.map((e) => {
    const parsed = iris.parseEntity(e);
    if (!parsed) return '';
    const lastmod = feed.lastModified(e);
    return `  <url><loc>${xmlEscape(iris.document(parsed.kind, parsed.key))}</loc>${lastmod ? `<lastmod>${xmlEscape(lastmod)}</lastmod>` : ''}</url>\n`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('')}</urlset>\n`;
}

export function sitemapIndex(iris: Iris, count: number, perFile: number): string {
  const files = Math.ceil(count / perFile);
  const items = Array.from({ length: files }, (_, n) => `  <sitemap><loc>${xmlEscape(`${iris.base}sitemap/${n}.xml`)}</loc></sitemap>\n`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${items.join('')}</sitemapindex>\n`;
}
