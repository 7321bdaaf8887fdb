/**
 * The OpenAPI document covers the whole service (issue 22): it is valid OpenAPI 3.1 (@readme/openapi-parser), every
 * (method, path) of the router is documented, every documented path is served, and /sparql, /search, /graph-store and
 * /changes are described with the operations clients use.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { validate, compileErrors } from '@readme/openapi-parser';
import { openApiPath } from '../../src/api/openapi-service.js';
import { defaultQuerySource } from '../../src/api/query-source.js';
import { serveDuringTests } from '../support/listener.js';
import { fixtureContext } from './api-fixture.js';

const server = serveDuringTests({ ...fixtureContext(), queries: defaultQuerySource() });
type Doc = { openapi: string; paths: Record<string, Record<string, { operationId?: string; parameters?: Array<{ name: string; in: string }> }>> };
let doc: Doc;

before(async () => {
  const res = await server.request('/openapi.json');
  assert.equal(res.status, 200);
  doc = (await res.json()) as Doc;
});

/** The router's routes as OpenAPI (method, path), middleware left out. */
function routes(): Array<[string, string]> {
  const out = new Map<string, [string, string]>();
  for (const r of server.app.routes) {
    if (r.method === 'ALL') continue;
    const entry: [string, string] = [r.method.toLowerCase(), openApiPath(r.path)];
    out.set(entry.join(' '), entry);
  }
  return [...out.values()];
}

describe('OpenAPI of the whole service', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    assert.equal(doc.openapi, '3.1.0');
    const result = await validate(structuredClone(doc) as never);
    assert.ok(result.valid, result.valid ? '' : compileErrors(result));
  });

  it('documents every route of the router, with its method', () => {
    const all = routes();
    assert.ok(all.length > 40, `${all.length} routes`);
    // /api/queries/{name} is documented as one path per named query, each with its own parameters
    const perQuery = defaultQuerySource().list().map((q) => `/api/queries/${q.name}`);
    const documented = (method: string, path: string) =>
      path === '/api/queries/{name}' ? perQuery.every((p) => doc.paths[p]?.[method]) : Boolean(doc.paths[path]?.[method]);
    const missing = all.filter(([method, path]) => !documented(method, path)).map((r) => r.join(' '));
    assert.deepEqual(missing, []);
  });

  it('documents no path the router does not serve', () => {
    const served = new Set(routes().map(([, path]) => path));
    const extra = Object.keys(doc.paths).filter((p) => !served.has(p) && !/^\/api\/queries\/[a-z0-9-]+$/.test(p));
    assert.deepEqual(extra, []);
  });

  it('describes SPARQL query and update, the graph store, search and the change feed', () => {
    assert.deepEqual(Object.keys(doc.paths['/sparql'] ?? {}).sort(), ['get', 'post']);
    assert.deepEqual(doc.paths['/sparql']?.get?.parameters?.map((p) => p.name), ['query', 'default-graph-uri', 'named-graph-uri', 'format']);
    assert.deepEqual(Object.keys(doc.paths['/graph-store'] ?? {}).sort(), ['delete', 'get', 'head', 'post', 'put']);
    assert.deepEqual(doc.paths['/graph-store']?.get?.parameters?.map((p) => p.name), ['default', 'graph']);
    assert.deepEqual(doc.paths['/search']?.get?.parameters?.map((p) => p.name), ['q', 'kind', 'limit', 'offset', 'format']);
    assert.equal(doc.paths['/changes']?.get?.operationId, 'changeFeed');
    assert.equal(doc.paths['/changes/page/{n}']?.get?.parameters?.[0]?.in, 'path');
  });

  it('renders every operation on the /api page', async () => {
    const page = await (await server.request('/api')).text();
    for (const [method, path] of [['GET', '/sparql'], ['POST', '/sparql'], ['PUT', '/graph-store'], ['GET', '/search'], ['GET', '/changes']]) {
      assert.ok(page.includes(`<code class="path">${method} ${path}</code>`), `${method} ${path}`);
    }
  });
});
