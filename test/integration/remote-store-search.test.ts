/**
 * Search inside SPARQL and the coordinates on an external store (Virtuoso): the same `osce:search` rewrite as on the
 * embedded store, so the hits and scores equal `/search`'s; the bounding-box FILTER and the page maps work on it too.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RemoteStore } from '../../src/store/remote/index.js';
import { serveContext, type Served } from '../support/listener.js';
import { fixtureContext, fixtureQuads, iris, BASE } from '../http/api-fixture.js';
import { skipWithoutVirtuoso, startVirtuoso, stopVirtuoso, storeOn, type VirtuosoEndpoints } from './remote-store-server.js';

const PREFIXES = 'PREFIX osce: <https://w3id.org/osce-kg/ontology#> PREFIX schema: <http://schema.org/>\n';
type Bindings = Array<Record<string, { type: string; value: string }>>;

describe('osce:search and coordinates on Virtuoso', { skip: skipWithoutVirtuoso(), timeout: 600_000 }, () => {
  let v: VirtuosoEndpoints | undefined;
  let store: RemoteStore;
  let server: Served;

  before(async () => {
    v = await startVirtuoso();
    store = storeOn(v, BASE, { seed: fixtureQuads });
    await store.open();
    server = await serveContext({ ...fixtureContext(store), config: { ...fixtureContext(store).config, store: 'sparql' } });
  });
  after(async () => {
    await server?.close();
    await store?.close();
    await stopVirtuoso(v);
  });

  async function select(query: string): Promise<Bindings> {
    const res = await server.request(`/sparql?query=${encodeURIComponent(PREFIXES + query)}`, { headers: { accept: 'application/sparql-results+json' } });
    assert.equal(res.status, 200, await res.clone().text());
    return ((await res.json()) as { results: { bindings: Bindings } }).results.bindings;
  }

  it('binds the same hits and scores as /search', async () => {
    const web = (await (await server.request('/search?q=osce&format=json&limit=100')).json()) as { total: number; hits: Array<{ iri: string; score: number }> };
    assert.ok(web.total > 3, `total ${web.total}`);
    const rows = await select('SELECT ?r ?score WHERE { ?r osce:search "osce" ; osce:searchScore ?score ; osce:searchLimit 100 }');
    assert.deepEqual(rows.map((b) => [b.r?.value, Number(b.score?.value)]).sort(), web.hits.map((h) => [h.iri, h.score]).sort());
  });

  it('joins the hits with the graph Virtuoso holds', async () => {
    const rows = await select('SELECT ?place ?country WHERE { ?place osce:search "vienna" ; osce:searchKind "place" . ?place schema:containedInPlace ?country }');
    assert.deepEqual(rows.map((b) => [b.place?.value, b.country?.value]), [[iris.entity('place', 'vienna'), iris.entity('country', 'at')]]);
  });

  it('filters places by a bounding box on the coordinates', async () => {
    const rows = await select(`SELECT ?name WHERE { ?p a osce:Place ; schema:name ?name ; schema:geo ?g . ?g schema:latitude ?lat ; schema:longitude ?long .
      FILTER(langMatches(lang(?name), "en") && ?lat >= 40 && ?lat <= 44 && ?long >= 18 && ?long <= 23) } ORDER BY ?name`);
    assert.deepEqual(rows.map((b) => b.name?.value), ['Podgorica', 'Prishtinë/Priština', 'Sarajevo', 'Skopje', 'Tirana']);
  });

  it('draws the map of a place from the external store', async () => {
    const res = await server.request('/doc/place/vienna', { headers: { accept: 'text/html' } });
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /<title id="map-title">Vienna \(48\.2085° N, 16\.3721° E\), marked on a map of Austria\.<\/title>/);
    assert.match(html, /<path class="country" data-country="AT" d="M/);
  });
});
