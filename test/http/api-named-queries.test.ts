/**
 * The REST API over the real named queries (queries/*.rq) and reference data: typed parameters, hostile values that
 * must be rejected or stay data, paging, and the OpenAPI document of the whole catalog.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import sparqljs from 'sparqljs';
import { validate, compileErrors } from '@readme/openapi-parser';
import { defaultQuerySource } from '../../src/api/query-source.js';
import { serveDuringTests } from '../support/listener.js';
import { fixtureContext, iris } from './api-fixture.js';

const ctx = fixtureContext();
const source = defaultQuerySource();
const server = serveDuringTests({ ...ctx, queries: source });

async function getJson(path: string): Promise<{ status: number; body: unknown }> {
  const res = await server.request(path);
  return { status: res.status, body: await res.json() };
}

describe('named queries through the API', () => {
  it('lists every queries/*.rq file', async () => {
    const { body } = await getJson('/api/queries');
    const names = (body as Array<{ name: string }>).map((q) => q.name);
    for (const n of ['participating-states', 'partners', 'structures', 'field-operations', 'chairpersonship', 'meetings', 'fields-of-work', 'press-releases']) {
      assert.ok(names.includes(n), n);
    }
  });

  it('answers the 57 participating States, Germany among them with plain values', async () => {
    const { status, body } = await getJson('/api/queries/participating-states');
    assert.equal(status, 200);
    const rows = body as Array<Record<string, unknown>>;
    assert.equal(rows.length, 57);
    const de = rows.find((r) => r.state === iris.entity('country', 'de'));
    assert.equal(de?.name, 'Germany');
    assert.equal(de?.iso3, 'DEU');
  });

  it('takes typed parameters: an enum value changes the answer', async () => {
    const fr = (await getJson('/api/queries/participating-states?lang=fr')).body as Array<Record<string, unknown>>;
    assert.equal(fr.find((r) => r.state === iris.entity('country', 'de'))?.name, 'Allemagne');
  });

  it('pages with limit and offset', async () => {
    const all = (await getJson('/api/queries/participating-states')).body as unknown[];
    const page = (await getJson('/api/queries/participating-states?limit=5&offset=10')).body as unknown[];
    assert.deepEqual(page, all.slice(10, 15));
  });

  const hostile: Array<[string, string]> = [
    ['press-releases', 'state=x> } DROP ALL #'],
    ['press-releases', 'state=http://example.org/a> } ; DROP ALL #'],
    ['press-releases', 'from=2020-01-01" } DROP ALL #'],
    ['press-releases', 'from=2021-02-30'],
    ['press-releases', 'from=2020-13-45'],
    ['press-releases', 'to=2020-00-10'],
    ['field-operations', 'status=active" } DROP ALL #'],
    ['meetings', 'year=1990 } UNION { ?s ?p ?o }'],
    ['participating-states', 'limit=1; DROP ALL'],
    ['participating-states', 'limit=0'],
    ['participating-states', 'limit=10001'],
    ['participating-states', 'offset=-1'],
    ['participating-states', 'lang=en" ) } #'],
  ];
  for (const [name, qs] of hostile) {
    it(`rejects ${name}?${qs} with 400 INVALID_PARAMETER`, async () => {
      const { status, body } = await getJson(`/api/queries/${name}?${qs.replace(/ /g, '%20').replace(/#/g, '%23').replace(/;/g, '%3B')}`);
      assert.equal(status, 400);
      assert.equal((body as { error: { code: string } }).error.code, 'INVALID_PARAMETER');
    });
  }

  it('binds a valid but odd IRI as a term: the query keeps its shape and finds nothing', async () => {
    const { status, body } = await getJson(`/api/queries/press-releases?state=${encodeURIComponent('urn:x:DROP-ALL')}`);
    assert.equal(status, 200);
    assert.deepEqual(body, []);
    const shape = (iri: string) => JSON.stringify(new sparqljs.Parser().parse(source.bind('press-releases', { state: iri }))).replaceAll(iri, 'IRI');
    assert.equal(shape('urn:x:DROP-ALL'), shape('http://example.org/other'));
  });
});

describe('OpenAPI of the real catalog', () => {
  it('validates and describes every query with its parameters', async () => {
    const doc = (await (await server.request('/openapi.json')).json()) as { paths: Record<string, { get: { parameters: Array<{ name: string; schema: Record<string, unknown> }> } }> };
    const result = await validate(structuredClone(doc) as never);
    assert.ok(result.valid, result.valid ? '' : compileErrors(result));
    assert.equal(Object.keys(doc.paths).filter((p) => p.startsWith('/api/queries')).length, source.list().length + 1);
    const fo = doc.paths['/api/queries/field-operations']?.get.parameters ?? [];
    assert.deepEqual(fo.find((p) => p.name === 'status')?.schema, { type: 'string', enum: ['active', 'closed', 'all'], default: 'all' });
    assert.deepEqual(fo.find((p) => p.name === 'limit')?.schema, { type: 'integer', minimum: 1, maximum: 10000, default: 1000 });
  });
});
