/**
 * The named-query API layer over a fixture query source: routing, unknown queries and parameters, representations,
 * plain JSON values, ETag/304, and the OpenAPI document (validated with @readme/openapi-parser).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { validate, compileErrors } from '@readme/openapi-parser';
import { badRequest } from '../../src/errors.js';
import type { NamedQueryInfo, QuerySource } from '../../src/api/query-source.js';
import { serveDuringTests } from '../support/listener.js';
import { fixtureContext, iris, releaseQuads } from './api-fixture.js';

const STATES: NamedQueryInfo = {
  name: 'fixture-states',
  title: 'States by ISO code',
  description: 'Participating States with their ISO 3166-1 alpha-3 codes.',
  params: [{ name: 'iso3', type: 'string', description: 'Only this ISO code.' }, { name: 'sort', type: 'enum', values: ['name', 'iso3'], default: 'name' }],
  variables: ['state', 'name', 'iso3', 'since'],
};

/** Binds like the real source: values become a VALUES row, never query text. */
const source: QuerySource = {
  list: () => [STATES],
  get: (name) => (name === STATES.name ? STATES : undefined),
  bind(name, params) {
    if (params.sort !== undefined && !['name', 'iso3'].includes(params.sort)) throw badRequest('INVALID_PARAMETER', 'bad sort', { parameter: 'sort' });
    const limit = params.limit ? Number(params.limit) : 100;
    const offset = params.offset ? Number(params.offset) : 0;
    const values = params.iso3 !== undefined ? `VALUES ?iso3 { ${JSON.stringify(params.iso3)} }` : '';
    return `PREFIX osce: <https://w3id.org/osce-kg/ontology#> PREFIX schema: <http://schema.org/>
SELECT ?state ?name ?iso3 ?since WHERE { ${values} ?state osce:iso3 ?iso3 ; schema:name ?name . FILTER(lang(?name) = "en")
OPTIONAL { ?state osce:participatingSince ?since } } ORDER BY ?${params.sort ?? 'name'} LIMIT ${limit} OFFSET ${offset}`;
  },
};

const ctx = fixtureContext();
const server = serveDuringTests({ ...ctx, queries: source });

type Row = Record<string, unknown>;

describe('GET /api/queries', () => {
  it('lists every query with its parameters and output variables', async () => {
    const res = await server.request('/api/queries');
    assert.equal(res.status, 200);
    const list = (await res.json()) as Array<{ name: string; url: string; variables: string[] }>;
    assert.deepEqual(list.map((q) => [q.name, q.url, q.variables]), [['fixture-states', '/api/queries/fixture-states', ['state', 'name', 'iso3', 'since']]]);
  });
});

describe('GET /api/queries/{name}', () => {
  it('answers compact JSON by default: an array of objects with plain values', async () => {
    const res = await server.request('/api/queries/fixture-states?iso3=DEU');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.deepEqual(await res.json(), [{ state: iris.entity('country', 'de'), name: 'Germany', iso3: 'DEU', since: '1973-06-25' }]);
  });

  it('answers SPARQL results JSON by Accept', async () => {
    const res = await server.request('/api/queries/fixture-states?iso3=DEU', { headers: { accept: 'application/sparql-results+json' } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/sparql-results\+json/);
    const body = (await res.json()) as { head: { vars: string[] }; results: { bindings: Array<Record<string, { type: string; value: string }>> } };
    assert.deepEqual(body.head.vars, ['state', 'name', 'iso3', 'since']);
    assert.deepEqual(body.results.bindings[0]?.state, { type: 'uri', value: iris.entity('country', 'de') });
  });

  it('answers CSV by Accept', async () => {
    const res = await server.request('/api/queries/fixture-states?iso3=DEU', { headers: { accept: 'text/csv' } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
    assert.equal((await res.text()).trim(), `state,name,iso3,since\r\n${iris.entity('country', 'de')},Germany,DEU,1973-06-25`);
  });

  it('answers 406 for an Accept it cannot serve', async () => {
    const res = await server.request('/api/queries/fixture-states', { headers: { accept: 'image/png' } });
    assert.equal(res.status, 406);
  });

  it('answers 404 NAMED_QUERY_NOT_FOUND for an unknown query', async () => {
    const res = await server.request('/api/queries/no-such-query');
    assert.equal(res.status, 404);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'NAMED_QUERY_NOT_FOUND');
  });

  it('answers 400 INVALID_PARAMETER for an unknown or repeated parameter', async () => {
    for (const qs of ['isoo3=DEU', 'iso3=DEU&iso3=FRA']) {
      const res = await server.request(`/api/queries/fixture-states?${qs}`);
      assert.equal(res.status, 400, qs);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'INVALID_PARAMETER');
    }
  });

  it('sends an ETag and 304 for a matching If-None-Match, a new ETag after a write', async () => {
    const first = await server.request('/api/queries/fixture-states?iso3=DEU');
    const etag = first.headers.get('etag');
    assert.match(etag ?? '', /^"[\w-]+"$/);
    const again = await server.request('/api/queries/fixture-states?iso3=DEU', { headers: { 'if-none-match': etag ?? '' } });
    assert.equal(again.status, 304);
    assert.equal(await again.text(), '');
    const otherParams = await server.request('/api/queries/fixture-states?iso3=FRA', { headers: { 'if-none-match': etag ?? '' } });
    assert.equal(otherParams.status, 200);
    const csv = await server.request('/api/queries/fixture-states?iso3=DEU', { headers: { 'if-none-match': etag ?? '', accept: 'text/csv' } });
    assert.equal(csv.status, 200);
    const r = { key: '2025-02-03-etag', headline: 'ETag', body: 'x', date: '2025-02-03' };
    await ctx.store.write({ type: 'put-graph', graph: { iri: iris.releaseGraph(r.key) }, quads: releaseQuads(r) });
    const afterWrite = await server.request('/api/queries/fixture-states?iso3=DEU', { headers: { 'if-none-match': etag ?? '' } });
    assert.equal(afterWrite.status, 200);
    assert.notEqual(afterWrite.headers.get('etag'), etag);
  });
});

describe('OpenAPI', () => {
  it('is a valid OpenAPI 3.1 document with one path per query', async () => {
    const res = await server.request('/openapi.json');
    assert.equal(res.status, 200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, { get: { parameters: Array<{ name: string; schema: Row }> } }> };
    assert.equal(doc.openapi, '3.1.0');
    const result = await validate(structuredClone(doc) as never);
    assert.ok(result.valid, result.valid ? '' : compileErrors(result));
    assert.deepEqual(Object.keys(doc.paths).filter((p) => p.startsWith('/api/') || p === '/q' || p.startsWith('/q/') || p === '/policy'), ['/api/queries', '/api/queries/fixture-states', '/api/stats', '/q', '/q/{id}', '/policy']);
    const named = doc.paths['/api/queries/fixture-states']?.get as unknown as { responses: Record<string, { $ref?: string }> };
    assert.equal(named.responses['429']?.$ref, '#/components/responses/TooManyQueries');
    const link = (doc.paths['/q'] as unknown as { post: { responses: Record<string, unknown>; requestBody: { content: Record<string, unknown> } } }).post;
    assert.deepEqual(Object.keys(link.responses), ['200', '201', '400', '413', '415', '507']);
    assert.deepEqual(Object.keys(link.requestBody.content), ['application/sparql-query', 'text/plain', 'application/x-www-form-urlencoded']);
    const params = doc.paths['/api/queries/fixture-states']?.get.parameters ?? [];
    assert.deepEqual(params.map((p) => p.name), ['iso3', 'sort', 'limit', 'offset']);
    assert.deepEqual(params[1]?.schema, { type: 'string', enum: ['name', 'iso3'], default: 'name' });
  });

  it('renders the reference page at /api from the document', async () => {
    const res = await server.request('/api');
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /<h2>States by ISO code<\/h2>/);
    assert.match(html, /<code class="path">GET \/api\/queries\/fixture-states<\/code>/);
    assert.match(html, /one of <code>name<\/code>, <code>iso3<\/code>/);
    assert.match(html, /<code>Accept: text\/csv<\/code>/);
  });
});
