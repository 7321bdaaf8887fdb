/**
 * Every HTML page carries `X-Content-Type-Options: nosniff` and a Referrer-Policy besides its CSP (issue 21, point 9),
 * whether the router made it or the result cache answered it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RELEASE_KEY, serveFixtureWithDumps } from '../support/linked-data-fixture.js';

const server = serveFixtureWithDumps();

test('HTML pages, found or not, first answer or cached, are sent nosniff with a Referrer-Policy', async () => {
  const paths = ['/', '/browse', '/browse/country', `/doc/release/${RELEASE_KEY}`, '/doc/country/al', '/doc/country/zz', '/search?q=osce', '/api', '/query', '/dumps/'];
  for (const path of paths) {
    for (const round of ['first', 'repeated']) {
      const res = await server.request(path, { headers: { accept: 'text/html' } });
      await res.arrayBuffer();
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/, `${path} ${round}`);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', `${path} ${round}`);
      assert.equal(res.headers.get('referrer-policy'), 'strict-origin-when-cross-origin', `${path} ${round}`);
    }
  }
});

test('a method no route answers at a served path is 405 METHOD_NOT_ALLOWED with Allow; an unserved path stays 404', async () => {
  const cases: Array<[string, string, string]> = [
    ['PUT', '/sparql', 'GET, HEAD, POST'],
    ['DELETE', '/doc/country/al', 'GET, HEAD'],
    ['GET', '/ingest', 'POST'],
    ['PATCH', '/graph-store?default', 'GET, HEAD, POST, PUT, DELETE'],
    ['POST', '/api/stats?by=year', 'GET, HEAD'],
  ];
  for (const [method, path, allow] of cases) {
    const res = await server.request(path, { method });
    assert.equal(res.status, 405, `${method} ${path}`);
    assert.equal(res.headers.get('allow'), allow, `${method} ${path}`);
    const body = (await res.json()) as { error: { code: string; message: string; detail: { allow: string[] } } };
    assert.equal(body.error.code, 'METHOD_NOT_ALLOWED');
    assert.equal(body.error.message, `${method} is not allowed at ${path.split('?')[0]}; it answers ${allow}.`);
    assert.deepEqual(body.error.detail.allow, allow.split(', '));
  }
  const asset = await server.request('/assets/site/no-such.css');
  assert.equal(asset.status, 404, 'a route that answers GET and finds nothing is a 404');
  const missing = await server.request('/no/such/path', { method: 'PUT' });
  assert.equal(missing.status, 404);
  assert.equal(((await missing.json()) as { error: { code: string } }).error.code, 'NOT_FOUND');
});

test('CORS: a script may send conditional and range requests and a page address, and read a dump range and Allow', async () => {
  const preflight = await server.request('/dumps/osce-kg.nt.gz', {
    method: 'OPTIONS',
    headers: { origin: 'https://portal.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match,range' },
  });
  assert.equal(preflight.status, 204);
  const allowed = (preflight.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(',');
  for (const name of ['if-none-match', 'if-modified-since', 'range', 'content-location', 'authorization', 'content-type']) assert.ok(allowed.includes(name), name);
  const range = await server.request('/dumps/osce-kg.nt.gz', { headers: { origin: 'https://portal.example', range: 'bytes=0-9' } });
  assert.equal(range.status, 206);
  await range.arrayBuffer();
  const exposed = (range.headers.get('access-control-expose-headers') ?? '').split(',');
  for (const name of ['Content-Range', 'Accept-Ranges', 'Content-Disposition', 'ETag', 'Allow']) assert.ok(exposed.includes(name), name);
});
