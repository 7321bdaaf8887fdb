/**
 * Sitemaps and sitemap indexes (sitemaps.org 0.9), plain and gzipped; malformed files are reported with the line and
 * column of the fault, keeping the entries read before it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { isGzip, parseSitemap, parseSitemapText } from '../../src/harvest/sitemap.js';

const NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"';

test('reads a urlset with loc and lastmod, entities decoded and whitespace trimmed', () => {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset ${NS}>\n<url>\n <loc>\n  https://example.org/a?x=1&amp;y=2\n </loc>\n <lastmod>2016-03-03T10:00:00+01:00</lastmod>\n <changefreq>never</changefreq>\n</url>\n<url><loc>https://example.org/b</loc></url>\n</urlset>`;
  assert.deepEqual(parseSitemapText(xml), {
    kind: 'urlset',
    entries: [{ loc: 'https://example.org/a?x=1&y=2', lastmod: '2016-03-03T10:00:00+01:00' }, { loc: 'https://example.org/b' }],
  });
});

test('reads a sitemap index, with or without a namespace prefix', () => {
  const xml = `<sm:sitemapindex xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9"><sm:sitemap><sm:loc>https://example.org/s1.xml.gz</sm:loc><sm:lastmod>2024-01-01</sm:lastmod></sm:sitemap></sm:sitemapindex>`;
  assert.deepEqual(parseSitemapText(xml), { kind: 'sitemapindex', entries: [{ loc: 'https://example.org/s1.xml.gz', lastmod: '2024-01-01' }] });
});

test('gunzips a gzipped sitemap whatever its name or type', () => {
  const bytes = gzipSync(Buffer.from(`<urlset ${NS}><url><loc>https://example.org/п</loc></url></urlset>`));
  assert.ok(isGzip(bytes));
  assert.deepEqual(parseSitemap(bytes).entries, [{ loc: 'https://example.org/п' }]);
});

test('a malformed sitemap names the fault with line and column and keeps what came before', () => {
  const result = parseSitemapText(`<urlset ${NS}>\n<url><loc>https://example.org/1</loc></url>\n<url><loc>https://example.org/2</url>\n</urlset>`);
  assert.deepEqual(result.entries, [{ loc: 'https://example.org/1' }]);
  assert.match(result.error ?? '', /^The sitemap is not valid: 3:\d+: /);
});

test('a truncated sitemap is malformed', () => {
  const result = parseSitemapText(`<urlset ${NS}><url><loc>https://example.org/1</loc></url><url><lo`);
  assert.deepEqual(result.entries, [{ loc: 'https://example.org/1' }]);
  assert.match(result.error ?? '', /not valid/);
});

test('an HTML page or an empty file is not a sitemap', () => {
  assert.match(parseSitemapText('<!DOCTYPE html><html><body>Not found</body></html>').error ?? '', /not valid/);
  assert.match(parseSitemapText('<html><body>Not found</body></html>').error ?? '', /root element is <html>/);
  assert.match(parseSitemapText('').error ?? '', /root element/);
});

test('corrupt gzip data is reported, not thrown', () => {
  const bytes = gzipSync(Buffer.from(`<urlset ${NS}></urlset>`)).subarray(0, 12);
  assert.deepEqual(parseSitemap(bytes), { kind: 'urlset', entries: [], error: 'The sitemap could not be read: its gzip data is corrupt.' });
});
