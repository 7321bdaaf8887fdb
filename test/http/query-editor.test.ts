/** The query page's HTML, its configuration block and its assets, through the whole app (no browser). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dataBlock } from '../../src/web/layout.js';
import { serveDuringTests } from '../support/listener.js';
import { fixtureContext } from './api-fixture.js';

const server = serveDuringTests(fixtureContext());

interface PageConfig {
  endpoint: string;
  prefixes: Record<string, string>;
  classes: string[];
  properties: string[];
  examples: Array<{ name: string; title: string; description: string; query: string }>;
}

function configOf(html: string): PageConfig {
  const m = /<script type="application\/json" id="query-config">([^<]*)<\/script>/.exec(html);
  assert.ok(m, 'the page has its JSON configuration block');
  return JSON.parse(m[1] ?? '') as PageConfig;
}

describe('query page', () => {
  it('serves /query with a strict CSP and no inline script', async () => {
    const res = await server.request('/query');
    assert.equal(res.status, 200);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self';/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1] ?? '');
    assert.ok(scripts.length >= 3);
    for (const attrs of scripts) assert.ok(/\bsrc="\/assets\//.test(attrs) || /type="application\/json"/.test(attrs), attrs);
    assert.doesNotMatch(html, /https?:\/\/(?!127\.0\.0\.1|localhost)[^"]*\.(js|css)"/);
  });

  it('configures the editor with our prefixes, ontology terms and the named queries as examples', async () => {
    const config = configOf(await (await server.request('/query')).text());
    assert.equal(config.endpoint, '/sparql');
    assert.equal(config.prefixes.osce, 'https://w3id.org/osce-kg/ontology#');
    assert.ok(config.classes.includes('https://w3id.org/osce-kg/ontology#Country'));
    assert.ok(config.properties.includes('https://w3id.org/osce-kg/ontology#iso3'));
    assert.equal(config.examples[0]?.name, 'participating-states');
    assert.ok(config.examples.length >= 8);
    for (const e of config.examples) {
      assert.ok(e.description.length > 10, e.name);
      assert.match(e.query, /SELECT/);
    }
  });

  it('lists every example as a button with its description', async () => {
    const html = await (await server.request('/query')).text();
    const buttons = [...html.matchAll(/<button type="button" data-example="([^"]+)">/g)].map((m) => m[1]);
    assert.deepEqual(buttons, configOf(html).examples.map((e) => e.name));
  });

  it('is where a browser opening /sparql is sent (303), while RDF clients get the service description there', async () => {
    const res = await server.request('/sparql', { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/query');
    assert.equal(res.headers.get('vary'), 'Accept');
    assert.equal(await res.text(), '');
    const description = await server.request('/sparql', { headers: { accept: 'text/turtle' } });
    assert.equal(description.status, 200);
    assert.match(await description.text(), /sd:Service/);
  });

  it('keeps data blocks closed whatever the data says', () => {
    const block = String(dataBlock('application/json', { text: '</script><script>alert(1)</script><!--' }, 'x'));
    assert.equal(block.match(/<\/script>/g)?.length, 1);
    assert.deepEqual(JSON.parse(/>(.*)<\/script>$/.exec(block)?.[1] ?? ''), { text: '</script><script>alert(1)</script><!--' });
  });
});

describe('assets', () => {
  it('serves the stylesheet, YASGUI and the page script from this server with a year of immutable caching and 304', async () => {
    const html = await (await server.request('/query')).text();
    const urls = [...html.matchAll(/(?:src|href)="(\/assets\/(?:site|yasgui|query)\/[^"]+)"/g)].map((m) => m[1] ?? '');
    assert.equal(urls.length, 4);
    for (const url of urls) {
      const res = await server.request(url);
      assert.equal(res.status, 200, url);
      assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      assert.match(res.headers.get('content-type') ?? '', url.endsWith('.js') ? /^text\/javascript/ : /^text\/css/);
      assert.ok((await res.arrayBuffer()).byteLength > 500, url);
      const again = await server.request(url, { headers: { 'if-none-match': res.headers.get('etag') ?? '' } });
      assert.equal(again.status, 304, url);
    }
  });

  it('answers 404 for an unknown asset', async () => {
    assert.equal((await server.request('/assets/query/000000000000/nope.js')).status, 404);
  });
});
