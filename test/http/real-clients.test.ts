/**
 * What real third-party clients send, byte for byte (issue 22): SPARQLWrapper's repeated format parameters, rdflib's
 * Accept headers. The requests are rebuilt in test/support/python-clients.ts from the clients' source.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { inflateSync } from 'node:zlib';
import { Parser } from 'n3';
import { AUTH, EX, errorOf, makeApp, type TestApp } from '../support/http-support.js';
import { Iris } from '../../src/model/ns.js';
import { createShaclGate } from '../../src/validation/gate.js';
import { BASE, fixtureStore, makeContext, parseAs, RELEASE_KEY, sameGraph, serveFixtureWithDumps } from '../support/linked-data-fixture.js';
import { serveDuringTests } from '../support/listener.js';
import { urlencode, wrapperAccept, wrapperParams } from '../support/python-clients.js';

const SELECT = `SELECT ?o WHERE { ?s <${EX}p> ?o } ORDER BY ?o`;
const CONSTRUCT = `CONSTRUCT { ?s <${EX}p> ?o } WHERE { ?s <${EX}p> ?o }`;
/** SPARQLWrapper's User-Agent (SPARQLWrapper/__init__.py `__agent__`). */
const WRAPPER_AGENT = 'sparqlwrapper 2.0.0 (rdflib.github.io/sparqlwrapper)';

describe('SPARQLWrapper', () => {
  let t: TestApp;
  before(async () => (t = await makeApp()));
  after(() => t.close());

  const get = (query: string, graph: boolean, format: Parameters<typeof wrapperParams>[2]) =>
    t.request(`/sparql?${wrapperParams(query, graph, format)}`, { headers: { Accept: wrapperAccept(graph, format), 'User-Agent': WRAPPER_AGENT } });

  it('sends each format parameter twice for TSV, exactly as quoted', () => {
    assert.equal(
      wrapperParams('SELECT * {}', false, 'tsv'),
      'query=SELECT+%2A+%7B%7D&format=tsv&format=text/tab-separated-values&output=tsv&output=text/tab-separated-values&results=tsv&results=text/tab-separated-values',
    );
    assert.equal(wrapperParams('SELECT * {}', true, 'json-ld').split('&')[2], 'format=application/ld%2Bjson%2Capplication/x-json%2Bld');
  });

  it('TSV of a SELECT: format=tsv&format=text/tab-separated-values&output=…&results=… answers TSV', async () => {
    const res = await get(SELECT, false, 'tsv');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/tab-separated-values; charset=utf-8');
    assert.equal(await res.text(), '?o\n"alpha"\n"beta"\n"gamma"\n');
  });

  it('TSV by POST: the same parameters in the form body', async () => {
    const res = await t.request('/sparql', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: wrapperAccept(false, 'tsv'), 'User-Agent': WRAPPER_AGENT },
      body: wrapperParams(SELECT, false, 'tsv'),
    });
    assert.equal(res.status, 200);
    assert.equal(await res.text(), '?o\n"alpha"\n"beta"\n"gamma"\n');
  });

  it('JSON-LD of a CONSTRUCT: format=json-ld&format=application/ld+json,application/x-json+ld answers JSON-LD', async () => {
    const res = await get(CONSTRUCT, true, 'json-ld');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/ld+json; charset=utf-8');
    const doc = (await res.json()) as unknown;
    const text = JSON.stringify(doc);
    for (const v of ['alpha', 'beta', 'gamma']) assert.ok(text.includes(`"${v}"`), `${v} in ${text}`);
  });

  it('an empty second value (what it sends when its Accept would be */*) is skipped', async () => {
    const res = await t.request(`/sparql?query=${encodeURIComponent(CONSTRUCT)}&format=json-ld&format=&output=json-ld&output=&results=json-ld&results=`, {
      headers: { Accept: '*/*' },
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/ld+json; charset=utf-8');
  });

  it('RDF/XML of a CONSTRUCT: format=rdf%2Bxml&format=application/rdf%2Bxml answers RDF/XML', async () => {
    const res = await get(CONSTRUCT, true, 'rdf+xml');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/rdf+xml; charset=utf-8');
    assert.match(await res.text(), /<rdf:RDF[\s\S]*gamma/);
  });

  for (const [format, graph, type] of [
    ['json', false, 'application/sparql-results+json'],
    ['xml', false, 'application/sparql-results+xml'],
    ['csv', false, 'text/csv'],
    ['turtle', true, 'text/turtle'],
    ['n3', true, 'text/turtle'],
    ['xml', true, 'application/rdf+xml'],
  ] as const) {
    it(`${format} of a ${graph ? 'CONSTRUCT' : 'SELECT'} answers ${type}`, async () => {
      const res = await get(graph ? CONSTRUCT : SELECT, graph, format);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), `${type}; charset=utf-8`);
      if (type === 'text/turtle') assert.equal(new Parser({ format: 'text/turtle' }).parse(await res.text()).length, 3);
      else await res.arrayBuffer();
    });
  }

  it('format values none of which fit the query form still answer 406 naming the offers', async () => {
    const res = await t.request(`/sparql?query=${encodeURIComponent(CONSTRUCT)}&format=tsv&format=&output=tsv`, { headers: { Accept: '*/*' } });
    assert.equal(res.status, 406);
    assert.equal((await errorOf(res)).code, 'NOT_ACCEPTABLE');
  });

  it('a format value that names no format at all (format=foo) is 406 naming the offers, not the default silently', async () => {
    for (const query of [`format=foo`, `format=foo&output=foo&results=foo`, `output=html`]) {
      const res = await t.request(`/sparql?query=${encodeURIComponent(SELECT)}&${query}`, { headers: { Accept: '*/*' } });
      assert.equal(res.status, 406, query);
      const error = await errorOf(res);
      assert.equal(error.code, 'NOT_ACCEPTABLE');
      assert.deepEqual((error.detail as { offered: string[] }).offered.slice(0, 4), ['application/sparql-results+json', 'application/sparql-results+xml', 'text/csv', 'text/tab-separated-values']);
    }
    const empty = await t.request(`/sparql?query=${encodeURIComponent(SELECT)}&format=`, { headers: { Accept: 'text/csv' } });
    assert.equal(empty.status, 200, 'an empty value states no preference: the Accept header decides');
    assert.equal(empty.headers.get('content-type'), 'text/csv; charset=utf-8');
  });

  it('a repeated query is still 400 DUPLICATE_PARAMETER', async () => {
    const res = await t.request(`/sparql?query=${encodeURIComponent(SELECT)}&query=${encodeURIComponent(SELECT)}`);
    assert.equal(res.status, 400);
    assert.equal((await errorOf(res)).code, 'DUPLICATE_PARAMETER');
  });
});

describe("rdflib's SPARQLStore", () => {
  let t: TestApp;
  before(async () => (t = await makeApp()));
  after(() => t.close());

  // rdflib/plugins/stores/sparqlconnector.py: `headers = {"Accept": _response_mime_types[self.returnFormat]}`, the
  // query string `urlencode({"query": query})`; with returnFormat="json" the Accept is "application/sparql-results+json"
  it('a CONSTRUCT asked for with Accept application/sparql-results+json only answers Turtle, not 406', async () => {
    const res = await t.request(`/sparql?${urlencode({ query: CONSTRUCT })}`, { headers: { Accept: 'application/sparql-results+json' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/turtle; charset=utf-8');
    assert.equal(new Parser({ format: 'text/turtle' }).parse(await res.text()).length, 3);
  });

  it('with the default returnFormat "xml" (Accept "application/sparql-results+xml, application/rdf+xml") a CONSTRUCT is RDF/XML', async () => {
    const res = await t.request(`/sparql?${urlencode({ query: CONSTRUCT })}`, { headers: { Accept: 'application/sparql-results+xml, application/rdf+xml' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/rdf+xml; charset=utf-8');
  });

  it('a CONSTRUCT asked for as image/png only is still 406', async () => {
    const res = await t.request(`/sparql?${urlencode({ query: CONSTRUCT })}`, { headers: { Accept: 'image/png' } });
    assert.equal(res.status, 406);
  });
});

describe("rdflib's Graph().parse(url, format=…)", () => {
  const t = serveDuringTests(async () => makeContext(await fixtureStore()));
  const DOC = `/doc/release/${RELEASE_KEY}`;

  // rdflib/parser.py, URLInputSource: the Accept header it sends for each `format`
  for (const [format, accept, type] of [
    ['nt', 'text/plain, */*;q=0.1', 'application/n-triples'],
    ['n3', 'text/n3, */*;q=0.1', 'text/turtle'],
    ['turtle', 'text/turtle, application/x-turtle, */*;q=0.1', 'text/turtle'],
    ['trig', 'application/trig, */*;q=0.1', 'text/turtle'],
    ['nquads', 'application/n-quads, */*;q=0.1', 'application/n-triples'],
    ['xml', 'application/rdf+xml, */*;q=0.1', 'application/rdf+xml'],
    ['json-ld', 'application/ld+json, application/json;q=0.9, */*;q=0.1', 'application/ld+json'],
  ] as const) {
    it(`format="${format}" (Accept: ${accept}) gets ${type}, not HTML, for a document and for the catalog`, async () => {
      const canonical = await parseAs(await (await t.request(`${DOC}.ttl`)).text(), 'text/turtle');
      const res = await t.request(DOC, { headers: { Accept: accept } });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type')?.split(';')[0], type);
      assert.ok(sameGraph(await parseAs(await res.text(), type), canonical), `${format}: the same graph as the .ttl document`);
      const catalog = await t.request('/catalog', { headers: { Accept: accept } });
      assert.equal(catalog.status, 200);
      assert.equal(catalog.headers.get('content-type')?.split(';')[0], type);
      assert.ok((await parseAs(await catalog.text(), type)).some((q) => q.object.value === 'http://www.w3.org/ns/dcat#Catalog'));
    });
  }

  it('a browser still gets the HTML page', async () => {
    const res = await t.request(DOC, { headers: { Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } });
    assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
  });
});

describe('Graph Store Protocol reads as clients expect them', () => {
  let t: TestApp;
  before(async () => (t = await makeApp()));
  after(() => t.close());
  const quads = (text: string, format: string) =>
    new Parser({ format }).parse(text).map((q) => `${q.subject.value} ${q.predicate.value} ${q.object.value} ${q.graph.value}`).sort();
  const ALL = [`${EX}a ${EX}p alpha ${EX}g1`, `${EX}b ${EX}p beta ${EX}g2`, `${EX}c ${EX}p gamma `];

  it('GET ?default answers the same triples as SELECT over the default graph', async () => {
    const res = await t.request('/graph-store?default', { headers: { Accept: 'text/turtle' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/turtle; charset=utf-8');
    const fromStore = new Parser({ format: 'text/turtle' }).parse(await res.text()).map((q) => q.object.value).sort();
    const select = await t.request(`/sparql?query=${encodeURIComponent('SELECT ?o WHERE { ?s ?p ?o }')}`);
    const json = (await select.json()) as { results: { bindings: { o: { value: string } }[] } };
    assert.deepEqual(fromStore, json.results.bindings.map((b) => b.o.value).sort());
    assert.deepEqual(fromStore, ['alpha', 'beta', 'gamma']);
  });

  it('GET ?default as JSON-LD is the union too', async () => {
    const res = await t.request('/graph-store?default', { headers: { Accept: 'application/ld+json' } });
    assert.equal((await res.json() as unknown[]).length, 3);
  });

  it('a plain GET answers the whole dataset as N-Quads, every graph named', async () => {
    const res = await t.request('/graph-store');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/n-quads; charset=utf-8');
    assert.deepEqual(quads(await res.text(), 'N-Quads'), ALL);
  });

  it('a plain GET with Accept application/trig answers TriG with the same quads', async () => {
    const res = await t.request('/graph-store', { headers: { Accept: 'application/trig' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/trig; charset=utf-8');
    assert.deepEqual(quads(await res.text(), 'application/trig'), ALL);
  });

  it('a plain HEAD answers 200 with the negotiated type and no body; Turtle for the dataset is 406', async () => {
    const head = await t.request('/graph-store', { method: 'HEAD', headers: { Accept: 'application/trig' } });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-type'), 'application/trig; charset=utf-8');
    assert.equal(await head.text(), '');
    const ttl = await t.request('/graph-store', { headers: { Accept: 'text/turtle' } });
    assert.equal(ttl.status, 406);
  });
});

describe("the SHACL gate's 422 for SHACL tools", () => {
  let t: TestApp;
  before(async () => (t = await makeApp({}, [], createShaclGate(new Iris(BASE)))));
  after(() => t.close());
  const SH = 'http://www.w3.org/ns/shacl#';
  const ORG = `${BASE}id/organization/nameless`;
  // an organization without schema:name: the organization shape's name property shape is violated
  const UPDATE = `INSERT DATA { <${ORG}> a <http://www.w3.org/ns/org#FormalOrganization> }`;
  const send = (accept: string) => t.request('/sparql', {
    method: 'POST', headers: { 'Content-Type': 'application/sparql-update', Accept: accept, ...AUTH }, body: UPDATE,
  });
  const SHAPE = 'https://w3id.org/osce-kg/shapes#OrganizationShape-name';

  for (const type of ['text/turtle', 'application/ld+json'] as const) {
    it(`with Accept ${type} answers the sh:ValidationReport itself, naming the shape by IRI`, async () => {
      const res = await send(type);
      assert.equal(res.status, 422);
      assert.equal(res.headers.get('content-type'), `${type}; charset=utf-8`);
      const quads = await parseAs(await res.text(), type);
      const objects = (s: string, p: string) => quads.filter((q) => q.subject.value === s && q.predicate.value === `${SH}${p}`).map((q) => q.object);
      const report = quads.find((q) => q.object.value === `${SH}ValidationReport`)?.subject;
      assert.ok(report, 'a sh:ValidationReport');
      assert.deepEqual(objects(report.value, 'conforms').map((o) => o.value), ['false']);
      const results = objects(report.value, 'result');
      assert.equal(results.length, 1);
      const r = results[0]!.value;
      assert.deepEqual(objects(r, 'focusNode').map((o) => o.value), [ORG]);
      assert.deepEqual(objects(r, 'sourceShape').map((o) => [o.termType, o.value]), [['NamedNode', SHAPE]]);
      assert.deepEqual(objects(r, 'resultPath').map((o) => o.value), ['http://schema.org/name']);
      assert.deepEqual(objects(r, 'resultSeverity').map((o) => o.value), [`${SH}Violation`]);
      assert.deepEqual(objects(r, 'sourceConstraintComponent').map((o) => o.value), [`${SH}MinCountConstraintComponent`]);
      assert.equal(objects(r, 'resultMessage').length, 1);
      assert.equal(quads.filter((q) => q.subject.termType === 'BlankNode' && q.predicate.value === `${SH}sourceShape` && q.object.termType === 'BlankNode').length, 0);
    });
  }

  it('without an RDF type in Accept the 422 stays the JSON error, with the same shape IRI', async () => {
    const res = await send('*/*');
    assert.equal(res.status, 422);
    assert.equal(res.headers.get('content-type'), 'application/json');
    const error = await errorOf(res);
    assert.equal(error.code, 'SHACL_VIOLATION');
    const detail = error.detail as { results: { sourceShape: string; focusNode: string }[] };
    assert.deepEqual(detail.results.map((r) => [r.focusNode, r.sourceShape]), [[ORG, SHAPE]]);
    assert.equal(await t.ctx.store.size(), 0);
  });
});

describe('HEAD as GET', () => {
  let t: TestApp;
  before(async () => (t = await makeApp()));
  after(() => t.close());

  it('HEAD /sparql?query=… carries the ETag, type and length GET has, without a body, before and after the GET', async () => {
    const path = `/sparql?query=${encodeURIComponent(SELECT)}`;
    const first = await t.request(path, { method: 'HEAD' });
    assert.equal(first.status, 200);
    assert.equal(await first.text(), '');
    const get = await t.request(path);
    const body = await get.text();
    const second = await t.request(path, { method: 'HEAD' });
    for (const head of [first, second]) {
      assert.match(head.headers.get('etag') ?? '', /^"[\w-]+"$/);
      assert.equal(head.headers.get('etag'), get.headers.get('etag'));
      assert.equal(head.headers.get('content-type'), 'application/sparql-results+json; charset=utf-8');
      assert.equal(head.headers.get('content-length'), String(Buffer.byteLength(body)));
    }
    assert.equal(second.headers.get('x-cache'), 'HIT');
    assert.equal(JSON.parse(body).results.bindings.length, 3, 'the GET after a HEAD still has its body');
    const conditional = await t.request(path, { method: 'HEAD', headers: { 'If-None-Match': get.headers.get('etag')! } });
    assert.equal(conditional.status, 304);
  });
});

describe('browsers', () => {
  let t: TestApp;
  before(async () => (t = await makeApp()));
  after(() => t.close());

  it('/favicon.ico is an ICO holding a 32×32 PNG of the site icon, and pages link it', async () => {
    const res = await t.request('/favicon.ico', { headers: { Accept: 'image/avif,image/webp,image/png,image/svg+xml,image/*;q=0.8,*/*;q=0.5' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'image/x-icon');
    const ico = Buffer.from(await res.arrayBuffer());
    assert.ok(ico.length < 4096, `${ico.length} bytes`);
    assert.deepEqual([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)], [0, 1, 1], 'ICONDIR: one icon');
    const png = ico.subarray(ico.readUInt32LE(18), ico.readUInt32LE(18) + ico.readUInt32LE(14));
    assert.deepEqual([...png.subarray(1, 4)].map((b) => String.fromCharCode(b)).join(''), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [32, 32]);
    const idatLength = png.readUInt32BE(33);
    const rows = inflateSync(png.subarray(41, 41 + idatLength));
    const pixel = (x: number, y: number) => [...rows.subarray(y * 129 + 1 + x * 4, y * 129 + 5 + x * 4)];
    assert.equal(pixel(0, 0)[3], 0, 'a transparent corner');
    assert.deepEqual(pixel(16, 9), [255, 255, 255, 255], 'a white node');
    assert.deepEqual(pixel(16, 28), [0x0b, 0x5c, 0xad, 255], "the site's accent blue");
    const again = await t.request('/favicon.ico', { headers: { 'If-None-Match': res.headers.get('etag')! } });
    assert.equal(again.status, 304);
    const home = await (await t.request('/', { headers: { Accept: 'text/html' } })).text();
    assert.match(home, /<link rel="icon" href="\/favicon.ico">/);
  });
});

describe('the catalog and VoID in a browser', () => {
  // The dumps generated first: before their first generation the catalog lists no distribution (decision 0022).
  const t = serveFixtureWithDumps();
  const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

  for (const [path, title, row] of [
    ['/catalog', 'DCAT-AP catalog', 'dcat:distribution'],
    ['/.well-known/void', 'VoID description', 'void:triples'],
  ] as const) {
    it(`${path} with a browser's Accept answers an HTML page (was 406), and */* still Turtle`, async () => {
      const res = await t.request(path, { headers: { Accept: BROWSER } });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
      assert.equal(res.headers.get('vary'), 'Accept');
      const page = await res.text();
      assert.match(page, new RegExp(`<h1>${title}</h1>`));
      assert.match(page, new RegExp(`<th scope="row">${row}</th>`));
      const any = await t.request(path, { headers: { Accept: '*/*' } });
      assert.equal(any.headers.get('content-type'), 'text/turtle; charset=utf-8');
      assert.notEqual(any.headers.get('etag'), res.headers.get('etag'));
    });
  }
});
