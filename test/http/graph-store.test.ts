import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Parser } from 'n3';
import { AUTH, EX, errorOf, makeApp, type TestApp } from '../support/http-support.js';

const G = (iri: string) => `/graph-store?graph=${encodeURIComponent(iri)}`;
const triples = (text: string) => new Parser({ format: 'N-Triples' }).parse(text).map((q) => `${q.subject.value} ${q.predicate.value} ${q.object.value}`).sort();
const put = (body: string, type = 'text/turtle', headers: Record<string, string> = AUTH) => ({ method: 'PUT', headers: { 'Content-Type': type, ...headers }, body });

describe('graph store protocol', () => {
  let t: TestApp;
  before(async () => (t = await makeApp()));
  after(() => t.close());

  it('get of a named graph returns its triples by Accept', async () => {
    const res = await t.request(G(`${EX}g1`), { headers: { Accept: 'application/n-triples' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/n-triples; charset=utf-8');
    assert.deepEqual(triples(await res.text()), [`${EX}a ${EX}p alpha`]);
  });

  it('get of the default graph returns the default graph queries see: the union of all graphs', async () => {
    const res = await t.request('/graph-store?default', { headers: { Accept: 'application/n-triples' } });
    assert.deepEqual(triples(await res.text()), [`${EX}a ${EX}p alpha`, `${EX}b ${EX}p beta`, `${EX}c ${EX}p gamma`]);
  });

  it('get of the default graph with the union turned off returns only the default graph', async () => {
    const off = await makeApp({ unionDefaultGraph: false });
    try {
      const res = await off.request('/graph-store?default', { headers: { Accept: 'application/n-triples' } });
      assert.deepEqual(triples(await res.text()), [`${EX}c ${EX}p gamma`]);
    } finally {
      await off.close();
    }
  });

  it('get as JSON-LD', async () => {
    const res = await t.request(G(`${EX}g1`), { headers: { Accept: 'application/ld+json' } });
    assert.deepEqual(await res.json(), [{ '@id': `${EX}a`, [`${EX}p`]: [{ '@value': 'alpha' }] }]);
  });

  it('get and head of a missing graph are 404', async () => {
    const res = await t.request(G(`${EX}missing`));
    assert.equal(res.status, 404);
    assert.equal((await errorOf(res)).code, 'GRAPH_NOT_FOUND');
    assert.equal((await t.request(G(`${EX}missing`), { method: 'HEAD' })).status, 404);
  });

  it('head of an existing graph is 200 without a body', async () => {
    const res = await t.request(G(`${EX}g1`), { method: 'HEAD' });
    assert.equal(res.status, 200);
    assert.equal(await res.text(), '');
  });

  it('put creates a graph with 201, replaces it with 204', async () => {
    const created = await t.request(G(`${EX}new`), put(`<${EX}x> <${EX}p> "one" .`));
    assert.equal(created.status, 201);
    const replaced = await t.request(G(`${EX}new`), put(`<${EX}x> <${EX}p> "two" .`, 'application/n-triples'));
    assert.equal(replaced.status, 204);
    const res = await t.request(G(`${EX}new`), { headers: { Accept: 'application/n-triples' } });
    assert.deepEqual(triples(await res.text()), [`${EX}x ${EX}p two`]);
  });

  it('post merges into a graph; RDF/XML and JSON-LD uploads are parsed', async () => {
    const rdfxml = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="${EX}"><rdf:Description rdf:about="${EX}y"><ex:p>xml</ex:p></rdf:Description></rdf:RDF>`;
    assert.equal((await t.request(G(`${EX}merge`), { ...put(rdfxml, 'application/rdf+xml'), method: 'POST' })).status, 201);
    const jsonld = JSON.stringify({ '@id': `${EX}z`, [`${EX}p`]: 'json' });
    assert.equal((await t.request(G(`${EX}merge`), { ...put(jsonld, 'application/ld+json'), method: 'POST' })).status, 204);
    const res = await t.request(G(`${EX}merge`), { headers: { Accept: 'application/n-triples' } });
    assert.deepEqual(triples(await res.text()), [`${EX}y ${EX}p xml`, `${EX}z ${EX}p json`]);
  });

  it('post to the store itself creates a new graph and returns its IRI in Location', async () => {
    const res = await t.request('/graph-store', { ...put(`<${EX}w> <${EX}p> "made" .`), method: 'POST' });
    assert.equal(res.status, 201);
    const location = res.headers.get('location') ?? '';
    assert.match(location, /^http:\/\/localhost:8080\/graph-store\/[0-9a-f-]{36}$/);
    const direct = await t.request(new URL(location).pathname, { headers: { Accept: 'application/n-triples' } });
    assert.deepEqual(triples(await direct.text()), [`${EX}w ${EX}p made`]);
  });

  it('delete removes a graph (204), then 404', async () => {
    await t.request(G(`${EX}gone`), put(`<${EX}x> <${EX}p> "bye" .`));
    assert.equal((await t.request(G(`${EX}gone`), { method: 'DELETE', headers: AUTH })).status, 204);
    assert.equal((await t.request(G(`${EX}gone`), { method: 'DELETE', headers: AUTH })).status, 404);
  });

  it('a parse error is a 400 RDF_SYNTAX and changes nothing', async () => {
    const res = await t.request(G(`${EX}g1`), put(`<${EX}x> <${EX}p> .`));
    assert.equal(res.status, 400);
    assert.equal((await errorOf(res)).code, 'RDF_SYNTAX');
    const after = await t.request(G(`${EX}g1`), { headers: { Accept: 'application/n-triples' } });
    assert.deepEqual(triples(await after.text()), [`${EX}a ${EX}p alpha`]);
  });

  it('an unknown upload type is 415; ?default with ?graph is 400; PUT or DELETE without a graph is 400', async () => {
    assert.equal((await t.request(G(`${EX}g1`), put('x', 'image/png'))).status, 415);
    assert.equal((await t.request(`/graph-store?default&graph=${encodeURIComponent(`${EX}g1`)}`)).status, 400);
    const missing = await t.request('/graph-store', put(`<${EX}x> <${EX}p> "x" .`));
    assert.equal(missing.status, 400);
    assert.equal((await errorOf(missing)).code, 'MISSING_GRAPH');
    assert.equal((await t.request('/graph-store', { method: 'DELETE', headers: AUTH })).status, 400);
  });

  it('writes need the token: 401 without, 403 read-only without a configured token', async () => {
    const res = await t.request(G(`${EX}g1`), put(`<${EX}x> <${EX}p> "no" .`, 'text/turtle', {}));
    assert.equal(res.status, 401);
    const ro = await makeApp({ token: undefined });
    try {
      assert.equal((await ro.request(G(`${EX}g1`), { method: 'DELETE' })).status, 403);
    } finally {
      await ro.close();
    }
  });

  it('an upload past maxUploadBytes is 413, by Content-Length or while streaming', async () => {
    const small = await makeApp({ maxUploadBytes: 100 });
    try {
      const body = `<${EX}x> <${EX}p> "${'y'.repeat(200)}" .`;
      const declared = await small.request(G(`${EX}big`), put(body));
      assert.equal(declared.status, 413);
      const stream = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new TextEncoder().encode(body));
          c.close();
        },
      });
      const streamed = await small.request(G(`${EX}big`), { method: 'PUT', headers: { 'Content-Type': 'text/turtle', ...AUTH }, body: stream, duplex: 'half' } as RequestInit);
      assert.equal(streamed.status, 413);
      assert.equal(await small.ctx.store.hasGraph({ iri: `${EX}big` }), false);
    } finally {
      await small.close();
    }
  });
});

describe('the whole dataset as TriG, read slower than it is written', () => {
  it('streams every quad and never fails the process (N3 writes strings, which a byte-length queue cannot size)', async () => {
    const { DataFactory } = await import('n3');
    const { createMemoryStore } = await import('../../src/store/embedded-store.js');
    const { datasetBody } = await import('../../src/sparql/graph-output.js');
    const { namedNode, literal, quad } = DataFactory;
    const data = Array.from({ length: 20_000 }, (_, i) => quad(namedNode(`${EX}s${i}`), namedNode(`${EX}p`), literal(`value ${i}`), namedNode(`${EX}g${i % 7}`)));
    const store = createMemoryStore(data, { workers: 0 });
    await store.open();
    try {
      const reader = datasetBody(store, 'application/trig').getReader();
      const decoder = new TextDecoder();
      let text = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
        await new Promise((resolve) => setTimeout(resolve, 2)); // a slow client: chunks queue up meanwhile
      }
      const parsed = new Parser({ format: 'application/trig' }).parse(text);
      assert.equal(parsed.length, data.length);
      assert.equal(new Set(parsed.map((q) => q.graph.value)).size, 7);
    } finally {
      await store.close();
    }
  });
});
