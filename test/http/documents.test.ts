import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEntity } from '../../src/linked-data/document.js';
import { BASE, fixtureStore, makeContext, parseAs, RELEASE_KEY, sameGraph } from '../support/linked-data-fixture.js';
import { serveDuringTests } from '../support/listener.js';

const server = serveDuringTests(async () => makeContext(await fixtureStore()));
const RELEASE = `${BASE}id/release/${RELEASE_KEY}`;
const get = (path: string, headers: Record<string, string> = {}) => server.request(path, { headers });


const parse = parseAs;

test('entity IRI answers 303 to its document with Vary: Accept', async () => {
  const res = await get(`/id/release/${RELEASE_KEY}`);
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/doc/release/${RELEASE_KEY}`);
  assert.equal(res.headers.get('vary'), 'Accept');
  assert.equal(res.headers.get('link'), `</doc/release/${RELEASE_KEY}>; rel="describedby"`);
});

test('every RDF format is negotiated and all describe the same graph', async () => {
  const graphs: Awaited<ReturnType<typeof parseAs>>[] = [];
  for (const type of ['text/turtle', 'application/n-triples', 'application/ld+json', 'application/rdf+xml']) {
    const res = await get(`/doc/release/${RELEASE_KEY}`, { accept: `${type}, text/html;q=0.5` });
    assert.equal(res.status, 200, type);
    assert.equal(res.headers.get('content-type')?.split(';')[0], type);
    assert.equal(res.headers.get('vary'), 'Accept');
    assert.match(res.headers.get('link') ?? '', new RegExp(`<${RELEASE}>; rel="describes"`));
    graphs.push(await parse(await res.text(), type));
  }
  const first = graphs[0] ?? [];
  assert.ok(first.some((q) => q.subject.value === RELEASE && q.predicate.value === 'http://schema.org/headline'));
  for (const g of graphs.slice(1)) assert.ok(sameGraph(g, first));
});

test('Accept: application/json gets the JSON-LD document (as /sparql gives for graphs), never 406', async () => {
  const res = await get('/doc/country/al', { accept: 'application/json' });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/ld+json');
  assert.equal(res.headers.get('vary'), 'Accept');
  const quads = await parse(await res.text(), 'application/ld+json');
  assert.ok(quads.some((q) => q.subject.value === `${BASE}id/country/al`), 'it describes the country');
  const ld = await get('/doc/country/al', { accept: 'application/ld+json' });
  assert.ok(sameGraph(quads, await parse(await ld.text(), 'application/ld+json')));
});

test('extension URLs select the format without negotiation', async () => {
  const cases = { ttl: 'text/turtle', nt: 'application/n-triples', jsonld: 'application/ld+json', rdf: 'application/rdf+xml', html: 'text/html', 'schema.jsonld': 'application/ld+json' };
  for (const [ext, type] of Object.entries(cases)) {
    const res = await get(`/doc/country/al.${ext}`, { accept: 'image/png' });
    assert.equal(res.status, 200, ext);
    assert.equal(res.headers.get('content-type')?.split(';')[0], type, ext);
  }
});

test('q-values decide and a browser Accept gets HTML; 406 when nothing offered is acceptable', async () => {
  const q = await get('/doc/country/al', { accept: 'text/html;q=0.4, application/n-triples;q=0.9' });
  assert.equal(q.headers.get('content-type'), 'application/n-triples; charset=utf-8');
  const browser = await get('/doc/country/al', { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' });
  assert.equal(browser.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.equal(browser.headers.get('vary'), 'Accept, Accept-Language');
  const none = await get('/doc/country/al', { accept: 'image/png' });
  assert.equal(none.status, 406);
  assert.equal(((await none.json()) as { error: { code: string } }).error.code, 'NOT_ACCEPTABLE');
});

test('unknown entities are 404 in JSON or HTML', async () => {
  const json = await get('/doc/country/zz', { accept: 'text/turtle' });
  assert.equal(json.status, 404);
  assert.equal(((await json.json()) as { error: { code: string } }).error.code, 'NOT_FOUND');
  const page = await get('/doc/country/zz', { accept: 'text/html' });
  assert.equal(page.status, 404);
  assert.equal(page.headers.get('content-type'), 'text/html; charset=UTF-8');
  assert.ok(page.headers.get('content-security-policy'));
  assert.equal((await get('/doc/no-such-kind/x', { accept: 'text/turtle' })).status, 404);
});

test('documents carry an ETag and answer If-None-Match with 304', async () => {
  const res = await get('/doc/country/al', { accept: 'text/turtle' });
  const etag = res.headers.get('etag') ?? '';
  assert.match(etag, /^"v\d+-[\w-]+"$/);
  const again = await get('/doc/country/al', { accept: 'text/turtle', 'if-none-match': etag });
  assert.equal(again.status, 304);
  assert.equal(await again.text(), '');
  const other = await get('/doc/country/al', { accept: 'application/ld+json', 'if-none-match': etag });
  assert.equal(other.status, 200);
});

test('a document holds incoming links with labels of their subjects', async () => {
  const res = await get('/doc/country/al.nt');
  const quads = await parse(await res.text(), 'application/n-triples');
  const al = `${BASE}id/country/al`;
  assert.ok(quads.some((q) => q.subject.value === RELEASE && q.predicate.value === 'http://schema.org/mentions' && q.object.value === al));
  assert.ok(quads.some((q) => q.subject.value === RELEASE && q.predicate.value === 'http://www.w3.org/2000/01/rdf-schema#label'));
});

test('incoming links are paginated with a next page', async () => {
  const p0 = await describeEntity(server.ctx.store, server.ctx.iris, 'country', 'al', 0, 1);
  const p1 = await describeEntity(server.ctx.store, server.ctx.iris, 'country', 'al', 1, 1);
  assert.ok(p0 && p1);
  assert.equal(p0.hasNext, true);
  const incoming = (d: typeof p0) => d.quads.filter((q) => q.object.value === `${BASE}id/country/al` && q.subject.value !== `${BASE}id/country/al`).map((q) => `${q.subject.value} ${q.predicate.value}`);
  assert.equal(incoming(p0).length, 1);
  assert.notDeepEqual(incoming(p0), incoming(p1));
  const res = await get('/doc/country/al?page=x', { accept: 'text/turtle' });
  assert.equal(res.status, 400);
});

test('the HTML page embeds the schema.org view of the same entity', async () => {
  const res = await get(`/doc/release/${RELEASE_KEY}`, { accept: 'text/html' });
  const page = await res.text();
  const m = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page);
  assert.ok(m?.[1]);
  const view = JSON.parse(m[1]) as Record<string, unknown>;
  assert.equal(view['@id'], RELEASE);
  assert.equal(view['@type'], 'NewsArticle');
  assert.equal(view.headline, 'Test release on border management');
  assert.equal(view.datePublished, '2025-01-15');
  const turtle = await parse(await (await get(`/doc/release/${RELEASE_KEY}.ttl`)).text(), 'text/turtle');
  const headline = turtle.find((q) => q.subject.value === RELEASE && q.predicate.value === 'http://schema.org/headline');
  assert.equal(headline?.object.value, view.headline);
  assert.match(page, /<html lang="en">/);
  assert.match(page, /<p>Second paragraph of it\.<\/p>/);
});

test('labels follow Accept-Language with English fallback', async () => {
  const fr = await (await get('/doc/country/de', { accept: 'text/html', 'accept-language': 'fr-CH, fr;q=0.9, en;q=0.5' })).text();
  assert.match(fr, /<html lang="fr">/);
  assert.match(fr, /<h1>Allemagne<\/h1>/);
  const xx = await (await get('/doc/country/de', { accept: 'text/html', 'accept-language': 'xx' })).text();
  assert.match(xx, /<h1>Germany<\/h1>/);
});

test('the JSON-LD context is served', async () => {
  const res = await get('/context/v1.jsonld');
  assert.equal(res.status, 200);
  const ctx = (await res.json()) as { '@context': Record<string, unknown> };
  assert.equal(ctx['@context'].schema, 'http://schema.org/');
});

test('hash IRIs under an entity are part of its document', async () => {
  const quads = await parseAs(await (await get('/doc/membership/al-participating.nt')).text(), 'application/n-triples');
  const start = quads.find((q) => q.subject.value === `${BASE}id/membership/al-participating#start` && q.predicate.value === 'http://www.w3.org/2006/time#inXSDDate');
  assert.equal(start?.object.termType === 'Literal' ? start.object.value : undefined, '1991-06-19');
  assert.ok(quads.some((q) => q.subject.value === `${BASE}id/membership/al-participating#period` && q.predicate.value === 'http://www.w3.org/2006/time#hasBeginning'));
});

test('a dated name, its period and the period\'s instants are part of the entity\'s document', async () => {
  const quads = await parseAs(await (await get('/doc/field-operation/mission-to-serbia.nt')).text(), 'application/n-triples');
  const op = `${BASE}id/field-operation/mission-to-serbia`;
  const value = (s: string, p: string) => quads.find((q) => q.subject.value === s && q.predicate.value === p)?.object.value;
  assert.equal(value(`${op}#name-mission-to-serbia-and-montenegro`, 'http://www.w3.org/2008/05/skos-xl#literalForm'), 'Mission to Serbia and Montenegro');
  assert.equal(value(`${op}#name-mission-to-serbia-and-montenegro-period`, 'http://www.w3.org/2006/time#hasEnd'), `${op}#name-mission-to-serbia-start`);
  assert.equal(value(`${op}#name-mission-to-serbia-start`, 'http://www.w3.org/2006/time#inXSDgYear'), '2006');
});

test('JSON-LD documents are compacted with readable keys and language maps', async () => {
  const doc = (await (await get('/doc/country/al.jsonld')).json()) as { '@context': string; '@graph': Array<Record<string, unknown>> };
  assert.equal(doc['@context'], `${BASE}context/v1.jsonld`);
  const al = doc['@graph'].find((n) => n.id === `${BASE}id/country/al`);
  assert.ok(al);
  assert.deepEqual((al.name as Record<string, string>).fr, 'Albanie');
  assert.equal(al.participatingSince, '1991-06-19');
  assert.equal(al.sameAs, 'wd:Q222');
});
