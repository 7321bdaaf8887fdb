import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DomUtils, parseDocument } from 'htmlparser2';
import { RELEASE_KEY, serveFixtureWithDumps } from '../support/linked-data-fixture.js';

const server = serveFixtureWithDumps();
const get = (path: string, headers: Record<string, string> = {}) => server.request(path, { headers: { accept: 'text/html', ...headers } });


function dom(page: string) {
  const all = DomUtils.findAll(() => true, parseDocument(page).children);
  return { all, hrefs: all.map((e) => e.attribs.href).filter((h): h is string => !!h), names: new Set(all.map((e) => e.name)) };
}

test('the home page explains the dataset and links to SPARQL, dumps, catalog and API', async () => {
  const res = await get('/');
  assert.equal(res.status, 200);
  const { hrefs, all } = dom(await res.text());
  for (const link of ['/sparql', '/dumps/', '/catalog', '/openapi.json', '/api/queries', '/.well-known/void', '/browse/country']) assert.ok(hrefs.includes(link), link);
  assert.equal(all.find((e) => e.name === 'html')?.attribs.lang, 'en');
  assert.equal(DomUtils.textContent(all.find((e) => e.name === 'h1')!), 'OSCE knowledge graph');
});

test('every HTML page has the one frame: landmarks, a labelled search form posting to /search, one stylesheet and one CSP', async () => {
  const policies = new Set<string>();
  const stylesheets = new Set<string>();
  const paths = ['/', '/browse', '/browse/country', `/doc/release/${RELEASE_KEY}`, '/doc/country/al', '/dumps/', '/doc/country/zz', '/search?q=osce', '/api', '/query'];
  for (const path of paths) {
    const res = await get(path, { accept: 'text/html' });
    const csp = res.headers.get('content-security-policy') ?? '';
    policies.add(csp);
    assert.match(csp, /default-src 'none'/, path);
    assert.match(csp, /script-src 'self';/, path);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:/, path);
    const { all, names } = dom(await res.text());
    all.filter((e) => e.name === 'link' && e.attribs.rel === 'stylesheet' && e.attribs.href?.startsWith('/assets/site/')).forEach((e) => stylesheets.add(e.attribs.href!));
    for (const landmark of ['header', 'nav', 'main', 'footer', 'h1']) assert.ok(names.has(landmark), `${path} ${landmark}`);
    const form = all.find((e) => e.name === 'form');
    assert.equal(form?.attribs.method, 'post');
    assert.equal(form?.attribs.action, '/search');
    const input = all.find((e) => e.name === 'input' && e.attribs.name === 'q');
    assert.ok(input && all.some((e) => e.name === 'label' && e.attribs.for === input.attribs.id), path);
    // only the query editor runs scripts, all from this server; elsewhere script elements are data blocks
    const scripts = all.filter((e) => e.name === 'script' && e.attribs.type !== 'application/ld+json');
    if (path === '/query') assert.ok(scripts.every((e) => e.attribs.src?.startsWith('/assets/') || e.attribs.type === 'application/json'), path);
    else assert.deepEqual(scripts, [], path);
  }
  assert.equal(policies.size, 1);
  assert.equal(stylesheets.size, 1);
});

test('browse lists classes with counts and the entities of one class with labels in the visitor\'s language', async () => {
  const index = dom(await (await get('/browse')).text());
  const country = index.all.find((e) => e.name === 'li' && DomUtils.textContent(e).startsWith('Participating States and partners'));
  assert.match(DomUtils.textContent(country!), /\((\d+)\)$/);
  const count = Number(/\((\d+)\)$/.exec(DomUtils.textContent(country!))?.[1]);
  const rows = await server.ctx.store.select('SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o FILTER(STRSTARTS(STR(?s), "http://localhost:8080/id/country/") && !CONTAINS(STR(?s), "#")) }');
  assert.equal(count, Number(rows[0]?.n?.value));
  const fr = dom(await (await get('/browse/country', { 'accept-language': 'fr' })).text());
  const de = fr.all.find((e) => e.name === 'a' && e.attribs.href === 'http://localhost:8080/doc/country/de');
  assert.equal(DomUtils.textContent(de!), 'Allemagne');
  assert.equal((await get('/browse/nonsense')).status, 404);
  assert.equal((await get('/browse/country?page=-1')).status, 400);
});

test('entity pages link in and out and offer the other formats as alternates', async () => {
  const page = dom(await (await get('/doc/country/al')).text());
  assert.ok(page.hrefs.includes(`http://localhost:8080/doc/release/${RELEASE_KEY}`));
  assert.ok(page.hrefs.includes('http://www.wikidata.org/entity/Q222'));
  const alternates = page.all.filter((e) => e.name === 'link' && e.attribs.rel === 'alternate').map((e) => e.attribs.type);
  assert.deepEqual(alternates.sort(), ['application/ld+json', 'application/ld+json', 'application/n-triples', 'application/rdf+xml', 'text/turtle']);
  const stylesheet = page.all.find((e) => e.name === 'link' && e.attribs.rel === 'stylesheet')?.attribs.href ?? '';
  const css = await server.request(stylesheet);
  assert.equal(css.status, 200);
  assert.equal(css.headers.get('content-type'), 'text/css; charset=utf-8');
});

test('pages and the dump listing carry ETags and answer If-None-Match with 304', async () => {
  for (const path of ['/', '/browse', '/browse/country', '/dumps/']) {
    const res = await get(path);
    const etag = res.headers.get('etag');
    assert.ok(etag, path);
    assert.equal((await get(path, { 'if-none-match': etag })).status, 304, path);
  }
  const fr = await get('/browse/country', { 'accept-language': 'fr' });
  const en = await get('/browse/country', { 'accept-language': 'en' });
  assert.notEqual(fr.headers.get('etag'), en.headers.get('etag'));
});

test('HEAD on a document answers the headers of GET without a body', async () => {
  const res = await server.request('/doc/country/al', { method: 'HEAD', headers: { accept: 'text/turtle' } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'text/turtle; charset=utf-8');
  assert.ok(res.headers.get('etag'));
  assert.equal(await res.text(), '');
});
