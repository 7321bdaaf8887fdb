/**
 * SPARQL queries answered by the node front on a cache miss (routes/sparql.ts `sparqlDirect`): the same status,
 * headers and body as Hono's route, errors through the app's one error mapping, updates and the service
 * description left to the route, and the answer kept in the result cache.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type ServerOptions } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { RequestListener } from '../../src/http/cache-front.js';
import { AUTH, EX, makeApp } from '../support/http-support.js';

async function realServer(overrides: Parameters<typeof makeApp>[0] = {}) {
  const t = await makeApp(overrides);
  const front = ((options: ServerOptions, listener: RequestListener) => createServer(options, t.app.front(listener))) as typeof createServer;
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1', createServer: front }, () => resolve(s as Server));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    ...t, base,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await t.close();
    },
  };
}

const QUERY = `SELECT ?o WHERE { <${EX}a> <${EX}p> ?o }`;
const JSON_RESULTS = 'application/sparql-results+json';

/** The headers a client sees, without the ones that differ per response or that only a socket adds. */
function stable(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of res.headers) if (!['date', 'connection', 'keep-alive', 'x-cache', 'content-length', 'server-timing'].includes(name)) out[name] = value;
  return out;
}

test('a query missing the cache is answered in front of Hono with the route\'s status, headers and body, then hit', async () => {
  const s = await realServer();
  try {
    const viaRoute = await s.app.request('/sparql', { method: 'POST', headers: { 'content-type': 'application/sparql-query', accept: JSON_RESULTS }, body: QUERY });
    const routeBody = await viaRoute.text();
    const requests: [string, RequestInit][] = [
      [`${s.base}/sparql?query=${encodeURIComponent(QUERY)}`, { headers: { accept: JSON_RESULTS } }],
      [`${s.base}/sparql`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: JSON_RESULTS }, body: new URLSearchParams({ query: QUERY }).toString() }],
      [`${s.base}/sparql`, { method: 'POST', headers: { 'content-type': 'application/sparql-query', accept: JSON_RESULTS }, body: QUERY }],
    ];
    for (const [url, init] of requests) {
      const first = await fetch(url, init);
      assert.equal(first.status, 200);
      assert.equal(first.headers.get('x-cache'), 'MISS');
      const body = await first.text();
      assert.equal(body, routeBody);
      assert.equal(first.headers.get('content-length'), String(Buffer.byteLength(body)));
      assert.deepEqual(JSON.parse(body).results.bindings, [{ o: { type: 'literal', value: 'alpha' } }]);
      const { etag: _etag, ...routeHeaders } = stable(viaRoute);
      const { etag, ...frontHeaders } = stable(first);
      assert.deepEqual(frontHeaders, routeHeaders);
      assert.equal(first.headers.get('access-control-allow-origin'), '*');
      assert.match(etag ?? '', /^"[\w-]{27}"$/);
      assert.match(first.headers.get('server-timing') ?? '', /^cache;desc="MISS";dur=\d+\.\d{3}$/);
      const again = await fetch(url, init);
      assert.equal(again.headers.get('x-cache'), 'HIT');
      assert.match(again.headers.get('server-timing') ?? '', /^cache;desc="HIT";dur=\d+\.\d{3}$/);
      assert.equal(again.headers.get('etag'), etag);
      assert.equal(await again.text(), body);
      const revalidated = await fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), 'if-none-match': etag! } });
      assert.equal(revalidated.status, 304);
    }
  } finally {
    await s.close();
  }
});

test('errors of a direct query come from the app\'s one error mapping, with CORS headers, and are not cached', async () => {
  const s = await realServer();
  try {
    const bad = 'SELECT ?x WHERE { ?x ?y }';
    const viaRoute = await s.app.request(`/sparql?query=${encodeURIComponent(bad)}`);
    const first = await fetch(`${s.base}/sparql?query=${encodeURIComponent(bad)}`);
    assert.equal(first.status, 400);
    assert.equal(first.headers.get('content-type'), 'application/json');
    assert.equal(first.headers.get('access-control-allow-origin'), '*');
    const body = (await first.json()) as { error: { code: string; message: string } };
    assert.deepEqual(body, await viaRoute.json());
    assert.equal(body.error.code, 'QUERY_SYNTAX');
    assert.equal(first.headers.get('x-cache'), null);
    const twice = await fetch(`${s.base}/sparql?query=${encodeURIComponent(QUERY)}&query=${encodeURIComponent(QUERY)}`);
    assert.equal(twice.status, 400);
    assert.equal(((await twice.json()) as { error: { code: string } }).error.code, 'DUPLICATE_PARAMETER');
    const unacceptable = await fetch(`${s.base}/sparql?query=${encodeURIComponent(QUERY)}`, { headers: { accept: 'image/png' } });
    assert.equal(unacceptable.status, 406);
    assert.equal(((await unacceptable.json()) as { error: { code: string } }).error.code, 'NOT_ACCEPTABLE');
  } finally {
    await s.close();
  }
});

test('updates and the service description still go to the route; a direct query over the size limit is 413', async () => {
  const s = await realServer({ maxRequestBytes: 200 });
  try {
    const insert = `INSERT DATA { GRAPH <${EX}g3> { <${EX}d> <${EX}p> "delta" } }`;
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const anonymous = await fetch(`${s.base}/sparql`, { method: 'POST', headers: form, body: new URLSearchParams({ update: insert }).toString() });
    assert.equal(anonymous.status, 401);
    assert.equal(((await anonymous.json()) as { error: { code: string } }).error.code, 'UNAUTHORIZED');
    const written = await fetch(`${s.base}/sparql`, { method: 'POST', headers: { ...form, ...AUTH }, body: new URLSearchParams({ update: insert }).toString() });
    assert.equal(written.status, 204);
    const read = await fetch(`${s.base}/sparql?query=${encodeURIComponent(`ASK { <${EX}d> <${EX}p> "delta" }`)}`, { headers: { accept: JSON_RESULTS } });
    assert.deepEqual(await read.json(), { head: {}, boolean: true });
    const description = await fetch(`${s.base}/sparql`, { headers: { accept: 'text/turtle' } });
    assert.equal(description.status, 200);
    assert.match(await description.text(), /sd:Service/);
    const long = `${QUERY} ${'#'.repeat(300)}`;
    const tooLarge = await fetch(`${s.base}/sparql`, { method: 'POST', headers: { 'content-type': 'application/sparql-query' }, body: long });
    assert.equal(tooLarge.status, 413);
    assert.equal(((await tooLarge.json()) as { error: { code: string } }).error.code, 'PAYLOAD_TOO_LARGE');
  } finally {
    await s.close();
  }
});

test('direct queries are counted in the request metrics under the /sparql route', async () => {
  const s = await realServer();
  try {
    for (let i = 0; i < 3; i++) await (await fetch(`${s.base}/sparql?query=${encodeURIComponent(`${QUERY} # ${i}`)}`)).text();
    const metrics = await (await fetch(`${s.base}/metrics`)).text();
    const line = metrics.split('\n').find((l) => l.startsWith('osce_kg_http_requests_total{') && l.includes('route="/sparql"') && l.includes('status="200"') && l.includes('method="GET"'));
    assert.ok(line, 'a /sparql GET 200 counter');
    assert.equal(Number(line.split(' ').pop()), 3);
  } finally {
    await s.close();
  }
});
