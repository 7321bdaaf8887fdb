/**
 * Sitemaps (sitemaps.org protocol 0.9): a `urlset` of pages or a `sitemapindex` of further sitemaps, as XML or
 * gzipped XML. Read with saxes, a strict XML parser, so a malformed file is reported with its line and column instead
 * of being half-read silently (docs/decisions/0002-harvest-parsers.md); entries read before the fault are kept.
 */
import { gunzipSync } from 'node:zlib';
import { SaxesParser } from 'saxes';

/** The protocol's limit on an uncompressed sitemap (sitemaps.org: 50 MB, 50,000 URLs). */
export const MAX_SITEMAP_BYTES = 50 * 1024 * 1024;

export interface SitemapEntry {
  loc: string;
  /** The `lastmod` as written (W3C Datetime), if any. */
  lastmod?: string;
}

export interface Sitemap {
  kind: 'urlset' | 'sitemapindex';
  entries: SitemapEntry[];
  /** Set when the file is not well-formed XML or not a sitemap: what is wrong and where. */
  error?: string;
}

const GZIP_MAGIC = [0x1f, 0x8b];

/** Whether the bytes are a gzip stream (RFC 1952 §2.3.1), whatever the Content-Type said. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
}

/** Parses a sitemap or sitemap index from its bytes (gunzipped first when gzipped). Never throws. */
export function parseSitemap(bytes: Uint8Array): Sitemap {
  let text: string;
  try {
    text = new TextDecoder('utf-8').decode(isGzip(bytes) ? gunzipSync(bytes, { maxOutputLength: MAX_SITEMAP_BYTES }) : bytes);
  } catch (e) {
    const reason = e instanceof RangeError ? `it is larger than ${MAX_SITEMAP_BYTES} bytes uncompressed` : 'its gzip data is corrupt';
    return { kind: 'urlset', entries: [], error: `The sitemap could not be read: ${reason}.` };
  }
  return parseSitemapText(text);
}

/** Parses sitemap XML text. Never throws: faults are in `error`. */
export function parseSitemapText(text: string): Sitemap {
  const result: Sitemap = { kind: 'urlset', entries: [] };
  const parser = new SaxesParser();
  let depth = 0;
  let entry: SitemapEntry | undefined;
  let field: 'loc' | 'lastmod' | undefined;
  let buffer = '';
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    depth++;
    if (depth === 1) {
      if (name !== 'urlset' && name !== 'sitemapindex') throw new Error(`the root element is <${tag.name}>, not <urlset> or <sitemapindex>`);
      result.kind = name;
    } else if (depth === 2 && (name === 'url' || name === 'sitemap')) {
      entry = { loc: '' };
    } else if (depth === 3 && entry && (name === 'loc' || name === 'lastmod')) {
      field = name;
      buffer = '';
    }
  });
  parser.on('text', (t) => {
    if (field) buffer += t;
  });
  parser.on('closetag', () => {
    if (depth === 3 && entry && field) {
      const value = buffer.trim();
      if (field === 'loc') entry.loc = value;
      else if (value) entry.lastmod = value;
      field = undefined;
    } else if (depth === 2 && entry) {
      if (entry.loc) result.entries.push(entry);
      entry = undefined;
    }
    depth--;
  });
  try {
    parser.write(text).close();
  } catch (e) {
    result.error = `The sitemap is not valid: ${e instanceof Error ? e.message : String(e)}.`;
  }
  return result;
}

const localName = (qname: string): string => qname.slice(qname.indexOf(':') + 1);
