import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { serveDuringTests } from '../support/listener.js';
import { fixtureContext, iris, selectVia, type Bindings } from './api-fixture.js';

const server = serveDuringTests(fixtureContext());

const PREFIXES = `PREFIX schema: <http://schema.org/> PREFIX geo: <http://www.opengis.net/ont/geosparql#>
PREFIX osce: <https://w3id.org/osce-kg/ontology#> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n`;
const select = (query: string) => selectVia(server, PREFIXES + query);

/** Vienna in GeoNames (feature 2761369). */
const VIENNA = { lat: 48.20849, long: 16.37208 };

describe('coordinates in the graph', () => {
  it('gives Vienna schema:geo and a GeoSPARQL WKT point with GeoNames coordinates', async () => {
    const rows = await select(`SELECT ?lat ?long ?wkt ?source WHERE {
      <${iris.entity('place', 'vienna')}> schema:geo ?g ; geo:hasGeometry ?geom .
      ?g a schema:GeoCoordinates ; schema:latitude ?lat ; schema:longitude ?long ; <http://www.w3.org/ns/prov#wasDerivedFrom> ?source .
      ?geom a geo:Geometry ; geo:asWKT ?wkt }`);
    assert.equal(rows.length, 1);
    assert.equal(Number(rows[0]?.lat?.value), VIENNA.lat);
    assert.equal(Number(rows[0]?.long?.value), VIENNA.long);
    assert.equal(rows[0]?.lat?.datatype, 'http://www.w3.org/2001/XMLSchema#decimal');
    assert.equal(rows[0]?.wkt?.value, 'POINT(16.37208 48.20849)');
    assert.equal(rows[0]?.wkt?.datatype, 'http://www.opengis.net/ont/geosparql#wktLiteral');
    assert.equal(rows[0]?.source?.value, 'https://sws.geonames.org/2761369/');
  });

  it('has coordinates for every place, seat, headquarters and meeting venue of the reference data', async () => {
    const missing = await select(`SELECT DISTINCT ?place WHERE {
      { ?place a osce:Place } UNION { ?x osce:seat|osce:headquarters|schema:location ?place }
      FILTER NOT EXISTS { ?place schema:geo/schema:latitude ?lat } FILTER NOT EXISTS { ?place a schema:Country } }`);
    assert.deepEqual(missing.map((b) => b.place?.value), []);
    const all = await select('SELECT (COUNT(DISTINCT ?place) AS ?n) WHERE { ?place a osce:Place ; schema:geo ?g }');
    assert.equal(Number(all[0]?.n?.value), 44);
  });

  it('filters by a bounding box and orders by a planar distance with plain FILTERs', async () => {
    // the Western Balkans: west 18, east 23, south 40, north 44
    const rows = await select(`SELECT ?name WHERE { ?p a osce:Place ; schema:name ?name ; schema:geo ?g .
      ?g schema:latitude ?lat ; schema:longitude ?long .
      FILTER(langMatches(lang(?name), "en") && ?lat >= 40 && ?lat <= 44 && ?long >= 18 && ?long <= 23) } ORDER BY ?name`);
    assert.deepEqual(rows.map((b) => b.name?.value), ['Podgorica', 'Prishtinë/Priština', 'Sarajevo', 'Skopje', 'Tirana']);
    const nearest = await select(`PREFIX geof: <http://www.opengis.net/def/function/geosparql/> PREFIX uom: <http://www.opengis.net/def/uom/OGC/1.0/>
      SELECT ?name ?m WHERE { ?p a osce:Place ; schema:name ?name ; geo:hasGeometry/geo:asWKT ?wkt .
      FILTER(langMatches(lang(?name), "en") && ?p != <${iris.entity('place', 'vienna')}>)
      BIND(geof:distance(?wkt, "POINT(${VIENNA.long} ${VIENNA.lat})"^^geo:wktLiteral, uom:metre) AS ?m) } ORDER BY ?m LIMIT 1`);
    // geodesic, about 55 km
    assert.ok(Math.abs(Number(nearest[0]?.m?.value) - 54884) < 10, nearest[0]?.m?.value);
    assert.equal(nearest[0]?.name?.value, 'Bratislava');
  });

  it('refuses a GeoSPARQL function the engine lacks with a 400 naming it', async () => {
    const query = `${PREFIXES}PREFIX geof: <http://www.opengis.net/def/function/geosparql/> PREFIX uom: <http://www.opengis.net/def/uom/OGC/1.0/>
      SELECT ?b WHERE { ?g geo:asWKT ?wkt BIND(geof:buffer(?wkt, 1000, uom:metre) AS ?b) }`;
    const res = await server.request(`/sparql?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/sparql-results+json' } });
    assert.equal(res.status, 400);
    const error = ((await res.json()) as { error: { code: string; message: string } }).error;
    assert.equal(error.code, 'QUERY_EVALUATION');
    assert.match(error.message, /geosparql\/buffer> is not supported/);
  });
});

/** The frame, marker and highlighted country of the page's map. */
async function mapOf(path: string): Promise<{ html: string; svg: string; frame: Record<string, number>; marker?: { cx: number; cy: number }; country?: string }> {
  const res = await server.request(path, { headers: { accept: 'text/html' } });
  assert.equal(res.status, 200);
  const html = await res.text();
  const svg = /<svg [^>]*class="map"[\s\S]*?<\/svg>/.exec(html)?.[0];
  assert.ok(svg, `${path} has a map`);
  const frame = Object.fromEntries([...svg.matchAll(/data-(west|east|north|south)="([-\d.]+)"/g)].map((m) => [m[1]!, Number(m[2])]));
  const circle = /<circle class="marker" cx="([-\d.]+)" cy="([-\d.]+)"/.exec(svg);
  const country = /<path class="country" data-country="([^"]*)" d="M/.exec(svg)?.[1];
  return { html, svg, frame, marker: circle ? { cx: Number(circle[1]), cy: Number(circle[2]) } : undefined, country };
}

describe('maps on HTML pages', () => {
  it('marks Vienna where its coordinates fall in the frame, in the highlighted Austria, with a text alternative', async () => {
    const { html, svg, frame, marker, country } = await mapOf('/doc/place/vienna');
    const { west, east, north, south } = frame as { west: number; east: number; north: number; south: number };
    assert.ok(west < VIENNA.long && VIENNA.long < east && south < VIENNA.lat && VIENNA.lat < north, JSON.stringify(frame));
    // equirectangular: the marker is a linear function of longitude and latitude across the 480 x 300 view
    assert.ok(marker);
    assert.ok(Math.abs(marker.cx - ((VIENNA.long - west) / (east - west)) * 480) < 0.2, `cx ${marker.cx}`);
    assert.ok(Math.abs(marker.cy - ((north - VIENNA.lat) / (north - south)) * 300) < 0.2, `cy ${marker.cy}`);
    assert.equal(country, 'AT');
    assert.match(svg, /role="img" aria-labelledby="map-title"/);
    assert.match(svg, /<title id="map-title">Vienna \(48\.2085° N, 16\.3721° E\), marked on a map of Austria\.<\/title>/);
    assert.match(html, /<figcaption>Vienna \(48\.2085° N, 16\.3721° E\), marked on a map of Austria\. Coordinates: <a href="https:\/\/www\.geonames\.org\/">GeoNames<\/a>/);
    assert.doesNotMatch(html, /<img|tile|unpkg|cdn/i);
  });

  it('puts a structure on the map at its seat and a field operation at its headquarters in its host State', async () => {
    const odihr = await mapOf('/doc/structure/odihr');
    assert.match(odihr.svg, /<title id="map-title">Warsaw \(52\.2298° N, 21\.0118° E\)/);
    const kosovo = await mapOf('/doc/field-operation/mission-in-kosovo');
    assert.match(kosovo.svg, /<title id="map-title">Prishtinë\/Priština/);
    assert.equal(kosovo.country, 'kosovo');
  });

  it('highlights a State without a point', async () => {
    const { svg, marker, country } = await mapOf('/doc/country/no');
    assert.equal(marker, undefined);
    assert.equal(country, 'NO');
    assert.match(svg, /<title id="map-title">Map of Norway, its outline highlighted\.<\/title>/);
  });

  it('draws no map for an entity without a place', async () => {
    const res = await server.request('/doc/field/elections', { headers: { accept: 'text/html' } });
    assert.equal(res.status, 200);
    assert.doesNotMatch(await res.text(), /class="map"/);
  });
});

describe('the query editor', () => {
  it('offers the bounding-box example, and it answers places nearest Vienna first', async () => {
    const html = await (await server.request('/query')).text();
    const block = /<script type="application\/json" id="query-config">([^<]*)<\/script>/.exec(html)?.[1] ?? '';
    const example = (JSON.parse(block) as { examples: Array<{ name: string; query: string }> }).examples.find((e) => e.name === 'places-near');
    assert.ok(example);
    const res = await server.request(`/sparql?query=${encodeURIComponent(example.query)}`, { headers: { accept: 'application/sparql-results+json' } });
    assert.equal(res.status, 200);
    const rows = ((await res.json()) as { results: { bindings: Bindings } }).results.bindings;
    assert.deepEqual(rows.slice(0, 3).map((b) => [b.name?.value, Math.round(Number(b.km?.value))]), [['Vienna', 0], ['Bratislava', 55], ['Budapest', 214]]);
    assert.ok(rows.every((b) => Number(b.lat?.value) > 40 && Number(b.long?.value) < 30));
  });
});
