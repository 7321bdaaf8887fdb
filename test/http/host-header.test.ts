/**
 * Host-header poisoning (issue 21.6): every absolute URL the service writes comes from the configured base, so a
 * request with `Host: evil.example` neither sees that host in its answer nor changes what a plain client gets from
 * the result cache afterwards. Through the real listener, whose front serves cache hits.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, RELEASE_KEY, linkedDataHarness, type LinkedDataHarness } from '../support/linked-data-fixture.js';
import { rawRequest, type RawResponse } from '../support/listener.js';
import { AUTH, makeApp } from '../support/http-support.js';

const EVIL = { host: 'evil.example', 'x-forwarded-host': 'evil.example' };

/** Every representation that carries absolute URLs, with the Accept that selects it. */
const PAGES: [string, string][] = [
  ['/sparql', 'text/turtle'],
  ['/sparql', 'application/ld+json'],
  ['/query', 'text/html'],
  ['/', 'text/html'],
  ['/api', 'text/html'],
  ['/openapi.json', 'application/json'],
  ['/doc/country/at', 'text/html'],
  ['/doc/country/at', 'text/turtle'],
  ['/doc/country/at.schema.jsonld', 'application/ld+json'],
  [`/doc/release/${RELEASE_KEY}`, 'application/ld+json'],
  ['/id/country/at', 'text/turtle'],
  ['/browse', 'text/html'],
  ['/search?q=border', 'application/json'],
  ['/api/queries/participating-states', 'application/json'],
  ['/catalog', 'text/turtle'],
  ['/.well-known/void', 'text/turtle'],
  ['/sitemap.xml', 'application/xml'],
  ['/changes', 'application/json'],
  ['/dumps/', 'text/html'],
];

let server: LinkedDataHarness;
before(async () => (server = await linkedDataHarness({})));
after(() => server.close());

test('a request with a foreign Host gets no URL on that host, and plain clients after it get what they would anyway', async () => {
  // the foreign Host comes first, so whatever is cached was evaluated for it
  const poisoned: RawResponse[] = [];
  for (const [path, accept] of PAGES) poisoned.push(await rawRequest(server.url, path, { headers: { ...EVIL, accept } }));
  for (const [i, [path, accept]] of PAGES.entries()) {
    const evil = poisoned[i]!;
    const plain = await rawRequest(server.url, path, { headers: { accept } });
    assert.equal(plain.status, evil.status, path);
    assert.ok([200, 303].includes(plain.status), `${path}: ${plain.status}`);
    assert.doesNotMatch(`${JSON.stringify(evil.headers)}${evil.body}`, /evil\.example/, `${path} (${accept}) names the request's Host`);
    assert.equal(plain.body, evil.body, `${path} (${accept})`);
    assert.equal(plain.headers.location, evil.headers.location, path);
  }
});

test('the service description names the endpoint on the configured base, whatever Host the request used', async () => {
  const res = await rawRequest(server.url, '/sparql', { headers: { host: 'other.example:9999', accept: 'application/n-triples' } });
  assert.equal(res.status, 200);
  const endpoints = res.body.split('\n').filter((l) => l.includes('sparql-service-description#endpoint>'));
  assert.deepEqual(endpoints.map((l) => l.split(' ')[2]), [`<${BASE}sparql>`]);
});

test('graph store: a new graph\'s Location and a directly named graph are on the base, not on the request\'s Host', async () => {
  const s = await makeApp();
  try {
    const made = await rawRequest(s.url, '/graph-store', { method: 'POST', headers: { ...EVIL, ...AUTH, 'content-type': 'application/n-triples' }, body: '<http://example.org/x> <http://example.org/p> "made" .\n' });
    assert.equal(made.status, 201);
    assert.match(String(made.headers.location), /^http:\/\/localhost:8080\/graph-store\/[0-9a-f-]{36}$/);
    const put = await rawRequest(s.url, '/graph-store/named', { method: 'PUT', headers: { ...EVIL, ...AUTH, 'content-type': 'text/turtle' }, body: '<x> <http://example.org/p> "direct" .' });
    assert.equal(put.status, 201);
    assert.deepEqual(await s.ctx.store.graphs().then((g) => g.filter((iri) => iri.includes('graph-store/named'))), ['http://localhost:8080/graph-store/named']);
    // relative IRIs in the upload resolve against the graph's IRI (§5.4), which is on the base too
    const got = await rawRequest(s.url, '/graph-store/named', { headers: { accept: 'application/n-triples' } });
    assert.equal(got.body, '<http://localhost:8080/graph-store/x> <http://example.org/p> "direct" .\n');
  } finally {
    await s.close();
  }
});
