import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { serveDuringTests } from '../support/listener.js';
import { fixtureContext, iris, selectVia } from './api-fixture.js';

const server = serveDuringTests(fixtureContext());

const PREFIXES = 'PREFIX osce: <https://w3id.org/osce-kg/ontology#> PREFIX schema: <http://schema.org/>\n';
const select = (query: string) => selectVia(server, PREFIXES + query);

async function refused(query: string): Promise<{ code: string; message: string }> {
  const res = await server.request(`/sparql?query=${encodeURIComponent(PREFIXES + query)}`, { headers: { accept: 'application/sparql-results+json' } });
  assert.equal(res.status, 400);
  assert.equal(res.headers.get('content-type'), 'application/json');
  return ((await res.json()) as { error: { code: string; message: string } }).error;
}

describe('osce:search in SPARQL', () => {
  it('binds the same hits and scores as /search for the same text', async () => {
    const web = (await (await server.request('/search?q=osce&format=json&limit=100')).json()) as { total: number; hits: Array<{ iri: string; score: number }> };
    assert.ok(web.total > 3 && web.total <= 100, `total ${web.total}`);
    const rows = await select('SELECT ?r ?score WHERE { ?r osce:search "osce" ; osce:searchScore ?score ; osce:searchLimit 100 } ORDER BY DESC(?score) ?r');
    assert.equal(rows.length, web.total);
    assert.deepEqual(
      rows.map((b) => [b.r?.value, Number(b.score?.value)]).sort(),
      web.hits.map((h) => [h.iri, h.score]).sort(),
    );
    assert.equal(rows[0]?.score?.datatype, 'http://www.w3.org/2001/XMLSchema#decimal');
    assert.equal(Number(rows[0]?.score?.value), Math.max(...web.hits.map((h) => h.score)));
  });

  it('joins the hits with graph patterns and narrows them to one kind', async () => {
    const rows = await select('SELECT ?place ?country WHERE { ?place osce:search "vienna" ; osce:searchKind "place" . ?place schema:containedInPlace ?country }');
    assert.deepEqual(rows.map((b) => [b.place?.value, b.country?.value]), [[iris.entity('place', 'vienna'), iris.entity('country', 'at')]]);
  });

  it('finds a release by a body word and reads its headline from the graph', async () => {
    const rows = await select('SELECT ?r ?headline WHERE { ?r osce:search "hydrometeorological" ; osce:searchLimit 5 . ?r schema:headline ?headline }');
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.r?.value, iris.entity('release', '2024-03-05-osce-chair-visits-skopje'));
  });

  it('answers no rows when nothing matches, and works inside OPTIONAL', async () => {
    assert.deepEqual(await select('SELECT ?r WHERE { ?r osce:search "zzzqqqxxyy" }'), []);
    const rows = await select('SELECT ?c ?r WHERE { VALUES ?c { <http://localhost:8080/id/country/at> } OPTIONAL { ?r osce:search "zzzqqqxxyy" } }');
    assert.deepEqual(rows.map((b) => [b.c?.value, b.r?.value]), [[iris.entity('country', 'at'), undefined]]);
  });

  it('refuses a variable as the search text with 400 SEARCH_NOT_LITERAL', async () => {
    const error = await refused('SELECT ?r WHERE { BIND("osce" AS ?q) ?r osce:search ?q }');
    assert.equal(error.code, 'SEARCH_NOT_LITERAL');
    assert.match(error.message, /osce:search must be a literal.*\?q/);
  });

  it('refuses other misuse with a code naming it', async () => {
    assert.equal((await refused('SELECT ?r WHERE { ?r osce:search "osce" ; osce:searchLimit 0 }')).code, 'SEARCH_LIMIT_INVALID');
    assert.equal((await refused('SELECT ?r WHERE { ?r osce:searchScore ?s }')).code, 'SEARCH_WITHOUT_TEXT');
    assert.equal((await refused('SELECT * WHERE { <http://localhost:8080/id/place/vienna> osce:search "osce" }')).code, 'SEARCH_SUBJECT_NOT_VARIABLE');
    assert.equal((await refused('SELECT ?r WHERE { ?r osce:search "   " }')).code, 'SEARCH_TEXT_EMPTY');
    assert.equal((await refused('SELECT ?r WHERE { ?r osce:search "osce", "vienna" }')).code, 'SEARCH_REPEATED');
    assert.equal((await refused('SELECT ?r WHERE { ?r osce:search "osce" ; osce:searchScore "x" }')).code, 'SEARCH_SCORE_NOT_VARIABLE');
    assert.equal((await refused('SELECT ?r WHERE { SERVICE <http://example.org/sparql> { ?r osce:search "osce" } }')).code, 'SEARCH_IN_SERVICE');
  });
});

describe('the query editor', () => {
  it('offers the search example, and it runs', async () => {
    const html = await (await server.request('/query')).text();
    const block = /<script type="application\/json" id="query-config">([^<]*)<\/script>/.exec(html)?.[1] ?? "";
    const examples = (JSON.parse(block) as { examples: Array<{ name: string; query: string }> }).examples;
    const example = examples.find((e) => e.name === 'text-search');
    assert.ok(example, examples.map((e) => e.name).join(', '));
    assert.match(example.query, /osce:search "border management"/);
    const res = await server.request(`/sparql?query=${encodeURIComponent(example.query)}`, { headers: { accept: 'application/sparql-results+json' } });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { head: { vars: string[] } };
    assert.deepEqual(body.head.vars, ['release', 'score', 'date', 'headline']);
  });
});
