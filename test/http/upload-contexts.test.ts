/**
 * JSON-LD uploads never fetch a remote context (issue 21, point 3): `@context` and `@import` URLs resolve only to the
 * contexts the service ships, from memory; any other is refused with 400 REMOTE_CONTEXT_REFUSED. A loopback canary
 * server stands in for the remote host and must receive no request at all (it answers a valid context, and a slow one,
 * so a fetch would have succeeded or held the upload).
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { AUTH, EX, errorOf, makeApp, type TestApp } from '../support/http-support.js';

describe('remote JSON-LD contexts in uploads', () => {
  let t: TestApp;
  let canary: Server;
  let canaryUrl: string;
  const hits: string[] = [];
  before(async () => {
    t = await makeApp();
    canary = createServer((req, res) => {
      hits.push(req.url ?? '');
      const body = JSON.stringify({ '@context': { p: `${EX}p` } });
      if (req.url === '/slow.jsonld') setTimeout(() => res.end(body), 20_000).unref();
      else res.writeHead(200, { 'Content-Type': 'application/ld+json' }).end(body);
    });
    await new Promise<void>((resolve) => canary.listen(0, '127.0.0.1', resolve));
    canaryUrl = `http://127.0.0.1:${(canary.address() as AddressInfo).port}`;
  });
  after(async () => {
    canary.closeAllConnections();
    await new Promise((resolve) => canary.close(resolve));
    await t.close();
  });

  const graph = `/graph-store?graph=${encodeURIComponent(`${EX}uploaded`)}`;
  const put = (doc: unknown, type = 'application/ld+json') => t.request(graph, { method: 'PUT', headers: { ...AUTH, 'Content-Type': type }, body: JSON.stringify(doc) });
  const documents: Array<[string, (canary: string) => unknown]> = [
    ['a remote @context', (c) => ({ '@context': `${c}/context.jsonld`, '@id': `${EX}s`, p: 'v' })],
    ['a remote context in a context array', (c) => ({ '@context': [{ q: `${EX}q` }, `${c}/context.jsonld`], '@id': `${EX}s`, p: 'v' })],
    ['a remote @import', (c) => ({ '@context': { '@version': 1.1, '@import': `${c}/import.jsonld` }, '@id': `${EX}s`, p: 'v' })],
    ['a scoped remote context inside a node', (c) => ({ '@id': `${EX}s`, [`${EX}has`]: { '@context': `${c}/scoped.jsonld`, '@id': `${EX}o`, p: 'v' } })],
    ['a remote context that would answer slowly', (c) => ({ '@context': `${c}/slow.jsonld`, '@id': `${EX}s`, p: 'v' })],
    ['a redirecting-looking URL on a closed port', () => ({ '@context': 'http://127.0.0.1:9/context.jsonld', '@id': `${EX}s`, p: 'v' })],
  ];
  for (const [name, doc] of documents) {
    it(`${name} is refused with 400 REMOTE_CONTEXT_REFUSED, without a request, and nothing is stored`, async () => {
      const started = performance.now();
      const res = await put(doc(canaryUrl));
      assert.equal(res.status, 400);
      const error = await errorOf(res);
      assert.equal(error.code, 'REMOTE_CONTEXT_REFUSED', error.message);
      assert.match(error.message, /^The JSON-LD names the remote context <http:\/\/127\.0\.0\.1:\d+\/[a-z.]+>, which the service does not fetch; nothing was stored\. Inline the context, or use <http:\/\/localhost:8080\/context\/v1\.jsonld>\.$/);
      assert.ok(performance.now() - started < 10_000, 'answered without waiting for the host');
      assert.deepEqual(hits, [], 'the canary received no request');
      assert.equal((await t.request(graph)).status, 404);
    });
  }

  it('the context the service publishes is served from memory', async () => {
    const res = await put({ '@context': 'http://localhost:8080/context/v1.jsonld', '@id': `${EX}s`, name: { en: 'Vienna' } });
    assert.equal(res.status, 201, await res.text());
    const stored = await t.request(graph, { headers: { Accept: 'application/n-triples' } });
    assert.equal(await stored.text(), `<${EX}s> <http://schema.org/name> "Vienna"@en .\n`);
    assert.deepEqual(hits, []);
  });

  it('an inline context needs no loader', async () => {
    const res = await put({ '@context': { p: `${EX}p` }, '@id': `${EX}s`, p: 'v' }, 'application/json');
    assert.equal(res.status, 204);
  });
});
