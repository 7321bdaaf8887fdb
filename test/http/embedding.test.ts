/**
 * Embedding (issue 22, point 15): every HTML page carries Open Graph and Twitter-card tags with an absolute canonical
 * URL and the 1200×630 default image; a release page is an `article` with its date, and its NewsArticle JSON-LD has
 * an image and a publisher logo that the service serves as PNGs of the stated sizes. The tags are read the way
 * link-preview scrapers read them: every <meta property|name content> in the head.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BASE, RELEASE_KEY, serveFixtureWithDumps } from '../support/linked-data-fixture.js';

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const server = serveFixtureWithDumps();

/** The head's meta tags as scrapers see them (property or name → content, entities decoded). */
function metaTags(page: string): Map<string, string> {
  const head = page.slice(0, page.indexOf('</head>'));
  const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const tags = new Map<string, string>();
  for (const m of head.matchAll(/<meta (?:property|name)="([^"]+)" content="([^"]*)">/g)) tags.set(m[1]!, decode(m[2]!));
  return tags;
}

async function page(path: string): Promise<{ html: string; meta: Map<string, string> }> {
  const res = await server.request(path, { headers: { Accept: BROWSER } });
  assert.equal(res.status, path === '/doc/country/zz' ? 404 : 200, path);
  assert.equal(res.headers.get('content-type')?.toLowerCase(), 'text/html; charset=utf-8', path);
  const html = await res.text();
  return { html, meta: metaTags(html) };
}

/** PNG width and height from its IHDR chunk. */
function pngSize(bytes: Buffer): [number, number] {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.equal(bytes.subarray(12, 16).toString('ascii'), 'IHDR');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

const PAGES = ['/', '/browse', '/browse/country', `/doc/release/${RELEASE_KEY}`, '/doc/country/al', '/query', '/api', '/search?q=border',
  '/dumps/', '/catalog', '/.well-known/void', '/ontology', '/graph/reference', '/doc/country/zz'];

describe('link previews on every HTML page', () => {
  for (const path of PAGES) {
    it(`${path} has Open Graph and Twitter-card tags with absolute URLs`, async () => {
      const { html, meta } = await page(path);
      const title = /<title>(.*) · OSCE knowledge graph<\/title>/.exec(html)?.[1];
      assert.ok(title, path);
      assert.equal(meta.get('og:site_name'), 'OSCE knowledge graph');
      assert.ok(meta.get('og:title'), path);
      assert.equal(meta.get('twitter:title'), meta.get('og:title'));
      assert.ok((meta.get('og:description') ?? '').length > 20, path);
      assert.ok((meta.get('og:description') ?? '').length <= 200, path);
      assert.equal(meta.get('description'), meta.get('og:description'));
      assert.ok(meta.get('og:url')?.startsWith(BASE), `${path}: ${meta.get('og:url')}`);
      assert.equal(meta.get('og:image'), `${BASE}og-image.png`);
      assert.equal(meta.get('og:image:width'), '1200');
      assert.equal(meta.get('og:image:height'), '630');
      assert.equal(meta.get('twitter:card'), 'summary_large_image');
      assert.equal(meta.get('twitter:image'), `${BASE}og-image.png`);
    });
  }

  it('gives a release page og:type article with its date and words of its text, and its canonical URL', async () => {
    const { meta } = await page(`/doc/release/${RELEASE_KEY}`);
    assert.equal(meta.get('og:type'), 'article');
    assert.equal(meta.get('article:published_time'), '2025-01-15');
    assert.equal(meta.get('og:url'), `${BASE}doc/release/${RELEASE_KEY}`);
    assert.equal(meta.get('og:title'), 'Test release on border management');
    assert.equal((await page('/browse')).meta.get('og:type'), 'website');
  });

  it('serves the image that the NewsArticle JSON-LD names and the site logo, at their stated sizes', async () => {
    const { html } = await page(`/doc/release/${RELEASE_KEY}`);
    const block = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)?.[1];
    const article = JSON.parse(block ?? '{}') as { '@type': string; image: { url: string; width: number; height: number }; };
    assert.equal(article['@type'], 'NewsArticle');
    for (const img of [article.image, { url: `${BASE}logo.png`, width: 512, height: 512 }]) {
      assert.ok(img.url.startsWith(BASE), img.url);
      const res = await server.request(img.url);
      assert.equal(res.status, 200, img.url);
      assert.equal(res.headers.get('content-type'), 'image/png');
      const bytes = Buffer.from(await res.arrayBuffer());
      assert.deepEqual(pngSize(bytes), [img.width, img.height]);
      assert.ok(bytes.length <= 100_000, `${img.url}: ${bytes.length} bytes`);
    }
    assert.deepEqual([article.image.width, article.image.height], [1200, 630]);
  });
});
