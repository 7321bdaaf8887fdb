import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { highlightSnippet, highlightText } from '../../src/web/highlight.js';
import { createSearchIndex, normalizeTerm, type SearchIndex } from '../../src/api/search-index.js';
import { loadReferenceQuads } from '../../src/model/reference.js';
import { seedReleaseQuads } from '../../src/ingest/index.js';
import { createMemoryStore } from '../../src/store/embedded-store.js';
import { serveContext, type Served } from '../support/listener.js';
import { BASE, fixtureContext, iris, releaseQuads } from './api-fixture.js';

const ctx = fixtureContext();
let index: SearchIndex;
let server: Served;

before(async () => {
  await ctx.store.open();
  index = await createSearchIndex(ctx.store, ctx.iris);
  server = await serveContext(ctx);
});
after(async () => {
  await server.close();
  index.stop();
  await ctx.store.close();
});

describe('highlighting', () => {
  it('marks whole matched words and escapes everything else', () => {
    const h = highlightText('"Zürich" & zurich-talks <i>', new Set(['zurich']), normalizeTerm);
    assert.equal(h.html, '&quot;<mark>Zürich</mark>&quot; &amp; <mark>zurich</mark>-talks &lt;i&gt;');
  });
  it('cuts a long text around the first match with ellipses', () => {
    const text = `${'alpha '.repeat(80)}needle ${'omega '.repeat(80)}`;
    const h = highlightSnippet(text, new Set(['needle']), normalizeTerm, 100);
    assert.ok(h.text.startsWith('\u2026 ') && h.text.endsWith(' \u2026'));
    assert.ok(h.text.length <= 110);
    assert.match(h.html, /<mark>needle<\/mark>/);
  });
});

describe('search index', () => {
  it('finds a release by a word that occurs only in its body', async () => {
    const r = (await index.search('hydrometeorological'));
    assert.equal(r.total, 1);
    assert.equal(r.hits[0]?.iri, iris.entity('release', '2024-03-05-osce-chair-visits-skopje'));
    assert.equal(r.hits[0]?.kind, 'release');
    assert.equal(r.hits[0]?.path, '/doc/release/2024-03-05-osce-chair-visits-skopje');
    assert.match(r.hits[0]?.snippet.html ?? '', /<mark>hydrometeorological<\/mark>/);
  });

  it('finds entities by label in other languages, ignoring case and accents', async () => {
    const r = (await index.search('Allemagne')); // French CLDR name of Germany
    assert.equal(r.hits[0]?.iri, iris.entity('country', 'de'));
  });

  it('ranks a headline match above a body-only match', async () => {
    const r = (await index.search('election'));
    assert.equal(r.hits[0]?.iri, iris.entity('release', '2024-06-10-election-observation-mission-deployed'));
  });

  it('falls back to any word when no entry has all of them', async () => {
    const r = (await index.search('hydrometeorological quinquennial'));
    assert.deepEqual(r.hits.map((h) => h.iri).sort(), [
      iris.entity('release', '2024-03-05-osce-chair-visits-skopje'),
      iris.entity('release', '2024-06-10-election-observation-mission-deployed'),
    ]);
  });

  it('returns nothing for an empty query', async () => {
    assert.deepEqual((await index.search('   ')), { query: '', total: 0, kinds: {}, hits: [] });
  });

  it('indexes a release written after startup and forgets a deleted one', async () => {
    const fresh = { key: '2025-01-02-new-release', headline: 'New release', body: 'A word like xylophonically appears here.', date: '2025-01-02' };
    await ctx.store.write({ type: 'put-graph', graph: { iri: iris.releaseGraph(fresh.key) }, quads: releaseQuads(fresh) });
    await index.idle();
    assert.equal((await index.search('xylophonically')).hits[0]?.iri, iris.entity('release', fresh.key));
    await ctx.store.write({ type: 'delete-graph', graph: { iri: iris.releaseGraph(fresh.key) } });
    await index.idle();
    assert.equal((await index.search('xylophonically')).total, 0);
  });
});

describe('GET /search', () => {
  it('answers JSON for format=json with escaped highlights', async () => {
    const res = await server.request('/search?q=talks&format=json');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/json');
    const body = (await res.json()) as { total: number; hits: Array<{ snippetHtml: string; url: string }> };
    assert.equal(body.total, 1);
    assert.equal(body.hits[0]?.url, '/doc/release/2024-03-05-osce-chair-visits-skopje');
    assert.ok(body.hits[0]?.snippetHtml.includes('&lt;script&gt;'));
    assert.ok(!body.hits[0]?.snippetHtml.includes('<script>'));
  });

  it('answers JSON by Accept and HTML for browsers', async () => {
    const json = await server.request('/search?q=quinquennial', { headers: { accept: 'application/json' } });
    assert.equal(((await json.json()) as { total: number }).total, 1);
    const html = await server.request('/search?q=%3Cimg%20src%3Dx%3E%20talks', { headers: { accept: 'text/html' } });
    assert.equal(html.status, 200);
    assert.match(html.headers.get('content-type') ?? '', /^text\/html/);
    const text = await html.text();
    assert.ok(!text.includes('<img src=x>'));
    assert.ok(text.includes('value="&lt;img src=x&gt; talks"'));
  });

  it('counts matches per kind and narrows to one kind', async () => {
    const all = (await (await server.request('/search?q=vienna&format=json')).json()) as { total: number; kinds: Record<string, number> };
    assert.equal(Object.values(all.kinds).reduce((a, b) => a + b, 0), all.total);
    assert.ok((all.kinds.place ?? 0) >= 1);
    const places = (await (await server.request('/search?q=vienna&format=json&kind=place')).json()) as { total: number; kinds: Record<string, number>; hits: Array<{ kind: string }> };
    assert.equal(places.total, all.kinds.place);
    assert.deepEqual(places.kinds, all.kinds);
    assert.ok(places.hits.every((h) => h.kind === 'place'));
    const html = await (await server.request('/search?q=vienna&kind=place', { headers: { accept: 'text/html' } })).text();
    assert.match(html, /<strong>place \(\d+\)<\/strong>/);
    assert.match(html, /<a href="\/search\?q=vienna">all<\/a>/);
  });

  it('redirects a POSTed search form to the GET URL with 303', async () => {
    const res = await server.request('/search', { method: 'POST', body: new URLSearchParams({ q: 'a&b c' }) });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/search?q=a%26b%20c');
  });

  it('rejects a kind that is not one, with 400 INVALID_PARAMETER naming the kinds (a typo is not "no hits")', async () => {
    const res = await server.request('/search?q=vienna&format=json&kind=zebra');
    assert.equal(res.status, 400);
    const { error } = (await res.json()) as { error: { code: string; message: string; detail: { parameter: string; value: string } } };
    assert.equal(error.code, 'INVALID_PARAMETER');
    assert.deepEqual([error.detail.parameter, error.detail.value], ['kind', 'zebra']);
    assert.match(error.message, /^Parameter "kind" must be one of organization, country, .*place.*; got "zebra"\.$/);
    const none = await server.request('/search?q=vienna&format=json&kind=publication');
    assert.equal(none.status, 200, 'a kind with no hit is still a kind');
    assert.equal(((await none.json()) as { total: number }).total, 0);
  });

  it('rejects a bad limit with 400 INVALID_PARAMETER', async () => {
    const res = await server.request('/search?q=osce&format=json&limit=abc');
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'INVALID_PARAMETER');
  });

  it('pages with limit and offset', async () => {
    const all = (await (await server.request('/search?q=osce&format=json&limit=100')).json()) as { total: number; hits: Array<{ iri: string }> };
    assert.ok(all.total > 3);
    const second = (await (await server.request('/search?q=osce&format=json&limit=2&offset=2')).json()) as { hits: Array<{ iri: string }> };
    assert.deepEqual(second.hits.map((h) => h.iri), all.hits.slice(2, 4).map((h) => h.iri));
  });
});

describe('search over the built-in release pages', () => {
  it('finds the seed press release by words that occur only in its body', async () => {
    const store = createMemoryStore([...loadReferenceQuads(BASE), ...seedReleaseQuads(BASE)], { workers: 0 });
    await store.open();
    const seeded = await createSearchIndex(store, iris);
    try {
      for (const word of ['vacuum', 'booklet']) {
        const r = await seeded.search(word);
        assert.equal(r.total, 1, word);
        assert.equal(r.hits[0]?.kind, 'release');
        assert.match(r.hits[0]?.title.text ?? '', /building trust between police and Roma and Sinti/);
        assert.match(r.hits[0]?.snippet.html ?? '', new RegExp(`<mark>${word}</mark>`));
      }
    } finally {
      seeded.stop();
      await store.close();
    }
  });
});

describe('the search worker', () => {
  it('does not keep a process alive when the store closes before the index is built', async () => {
    const dist = new URL('../../src/', import.meta.url).href;
    const script = `
      const { createMemoryStore } = await import('${dist}store/embedded-store.js');
      const { createSearchIndex } = await import('${dist}api/search-index.js');
      const { Iris } = await import('${dist}model/ns.js');
      const store = createMemoryStore([], { workers: 1 });
      await store.open();
      createSearchIndex(store, new Iris('http://localhost:8080/')).catch(() => undefined);
      await store.close();`;
    // a file, not `-e`: worker threads inherit the parent's execArgv, and --input-type is refused there
    const file = join(mkdtempSync(join(tmpdir(), 'osce-kg-search-')), 'close-early.mjs');
    writeFileSync(file, script);
    const child = spawn(process.execPath, [file], { stdio: 'ignore' });
    // a process kept alive is killed after 2 min (generous: starting node and the store takes long on a loaded machine)
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    const [code, signal] = (await once(child, 'exit')) as [number | null, string | null];
    clearTimeout(timer);
    assert.deepEqual({ code, signal }, { code: 0, signal: null });
  });
});
