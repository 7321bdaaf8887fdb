import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataFactory } from 'n3';
import { EX, errorOf, makeApp, type TestApp } from '../support/http-support.js';
import { freePort } from '../support/listener.js';

const { namedNode, literal, quad } = DataFactory;

/**
 * A second endpoint on a loopback port: names for a and b, which the local store does not have. Its base is its
 * address, since Comunica sends the query to the endpoint its service description names.
 */
async function remoteEndpoint(): Promise<{ url: string; hits: () => number; close(): Promise<void>; t: TestApp }> {
  const port = await freePort();
  const t = await makeApp({ base: `http://127.0.0.1:${port}/` }, [
    quad(namedNode(`${EX}a`), namedNode(`${EX}name`), literal('Remote A')),
    quad(namedNode(`${EX}b`), namedNode(`${EX}name`), literal('Remote B')),
  ], undefined, port);
  // every request Comunica sends is a public GET or POST: each is a hit or a miss of the result cache
  const hits = () => t.app.cache.stats().hits + t.app.cache.stats().misses;
  return { url: `${t.url}/sparql`, hits, t, close: () => t.close() };
}

describe('federated queries (SERVICE)', { timeout: 120_000 }, () => {
  let remote: Awaited<ReturnType<typeof remoteEndpoint>>;
  let local: TestApp;
  before(async () => {
    remote = await remoteEndpoint();
    local = await makeApp({ allowService: [remote.url.replace(/sparql$/, '')], queryTimeoutMs: 60_000 });
  });
  after(async () => {
    await local?.close();
    await remote?.close();
  });

  it('joins local data with an allowed SERVICE endpoint', async () => {
    const query = `SELECT ?o ?name WHERE { ?s <${EX}p> ?o . SERVICE <${remote.url}> { ?s <${EX}name> ?name } } ORDER BY ?o`;
    const res = await local.request(`/sparql?query=${encodeURIComponent(query)}`, { headers: { Accept: 'application/sparql-results+json' } });
    const text = await res.text();
    assert.equal(res.status, 200, text);
    assert.equal(res.headers.get('content-type'), 'application/sparql-results+json; charset=utf-8');
    const rows = (JSON.parse(text) as { results: { bindings: Record<string, { value: string }>[] } }).results.bindings;
    assert.deepEqual(rows.map((r) => [r.o?.value, r.name?.value]), [['alpha', 'Remote A'], ['beta', 'Remote B']]);
    assert.ok(remote.hits() > 0);
  });

  it('answers federated CONSTRUCT as Turtle', async () => {
    const query = `CONSTRUCT { ?s <${EX}label> ?name } WHERE { SERVICE <${remote.url}> { ?s <${EX}name> ?name } }`;
    const res = await local.request(`/sparql?query=${encodeURIComponent(query)}`, { headers: { Accept: 'text/turtle' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/turtle; charset=utf-8');
    const { Parser } = await import('n3');
    const triples = new Parser().parse(await res.text()).map((q) => `${q.subject.value} ${q.object.value}`).sort();
    assert.deepEqual(triples, [`${EX}a Remote A`, `${EX}b Remote B`]);
  });

  it('refuses a SERVICE outside the allowlist with 403 before any fetch', async () => {
    const before = remote.hits();
    const other = remote.url.replace('127.0.0.1', 'localhost');
    const res = await local.request(`/sparql?query=${encodeURIComponent(`SELECT * WHERE { SERVICE <${other}> { ?s ?p ?o } }`)}`);
    assert.equal(res.status, 403);
    assert.equal((await errorOf(res)).code, 'SERVICE_NOT_ALLOWED');
    assert.equal(remote.hits(), before);
  });

  it('refuses a SERVICE in any case and position (nested, not SELECT *) with 403 before any fetch', async () => {
    const before = remote.hits();
    const other = remote.url.replace('127.0.0.1', 'localhost');
    const query = `SELECT ?s WHERE { ?s ?p ?o OPTIONAL { { SELECT ?s { sErViCe SILENT <${other}> { ?s ?q ?r } } } } }`;
    const res = await local.request(`/sparql?query=${encodeURIComponent(query)}`);
    assert.equal(res.status, 403);
    assert.equal((await errorOf(res)).code, 'SERVICE_NOT_ALLOWED');
    assert.equal(remote.hits(), before);
  });

  it('refuses SERVICE spelled with a codepoint escape as a 400 before any fetch', async () => {
    const before = remote.hits();
    const res = await local.request(`/sparql?query=${encodeURIComponent(`SELECT ?s WHERE { \\u0053ERVICE <${remote.url}> { ?s ?p ?o } }`)}`);
    assert.equal(res.status, 400);
    assert.equal((await errorOf(res)).code, 'QUERY_SYNTAX');
    assert.equal(remote.hits(), before);
  });
});
