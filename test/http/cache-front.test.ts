import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type ServerOptions } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { cacheFront, type RequestListener } from '../../src/http/cache-front.js';
import { resultCache } from '../../src/http/result-cache.js';

/** A real server with the front before Hono; counts evaluations and hits the front reports. */
async function setup() {
  const state = { version: 1, calls: 0, observed: [] as string[] };
  const cache = resultCache({ version: () => state.version, skip: (path) => path.startsWith('/health'), routeOf: () => '/q' });
  const app = new Hono();
  app.use('*', cache);
  app.get('/q', (c) => {
    state.calls++;
    return c.text(`v${state.version} x=${c.req.query('x') ?? ''} accept=${c.req.header('accept') ?? ''}`);
  });
  app.post('/q', async (c) => {
    state.calls++;
    return c.text(`posted:${await c.req.raw.text()}`);
  });
  app.get('/health', (c) => {
    state.calls++;
    return c.text('ok');
  });
  const observe = (method: string, route: string, status: number) => state.observed.push(`${method} ${route} ${status}`);
  const front = ((options: ServerOptions, listener: RequestListener) =>
    createServer(options, cacheFront(cache.core, listener, { observe }))) as typeof createServer;
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1', createServer: front }, () => resolve(s as Server));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return { base, state, cache, close };
}

test('the front answers a repeated GET from the cache with the same body and headers, and reports it', async () => {
  const { base, state, cache, close } = await setup();
  try {
    const first = await fetch(`${base}/q?x=1`, { headers: { accept: 'text/plain' } });
    assert.equal(first.headers.get('x-cache'), 'MISS');
    assert.match(first.headers.get('server-timing') ?? '', /^cache;desc="MISS";dur=\d+\.\d{3}$/, 'a miss through Hono is timed from the front');
    const body = await first.text();
    const second = await fetch(`${base}/q?x=1`, { headers: { accept: 'text/plain' } });
    assert.equal(second.status, 200);
    assert.equal(second.headers.get('x-cache'), 'HIT');
    assert.match(second.headers.get('server-timing') ?? '', /^cache;desc="HIT";dur=\d+\.\d{3}$/);
    assert.equal(second.headers.get('content-type'), first.headers.get('content-type'));
    assert.equal(second.headers.get('etag'), first.headers.get('etag'));
    assert.equal(await second.text(), body);
    const other = await fetch(`${base}/q?x=1`, { headers: { accept: 'text/turtle' } });
    assert.equal(await other.text(), 'v1 x=1 accept=text/turtle');
    assert.equal(state.calls, 2);
    assert.deepEqual(state.observed, ['GET /q 200']);
    assert.equal(cache.stats().hits, 1);
  } finally {
    await close();
  }
});

test('the front reads a POSTed query once: the route still gets the body, the repeat is a hit', async () => {
  const { base, state, close } = await setup();
  try {
    const post = (body: string) => fetch(`${base}/q`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    const first = await post('query=ASK%20%7B%7D');
    assert.equal(await first.text(), 'posted:query=ASK%20%7B%7D');
    const second = await post('query=ASK%20%7B%7D');
    assert.equal(second.headers.get('x-cache'), 'HIT');
    assert.equal(await second.text(), 'posted:query=ASK%20%7B%7D');
    assert.equal(state.calls, 1);
    for (let i = 0; i < 2; i++) assert.equal(await (await post('update=CLEAR%20ALL')).text(), 'posted:update=CLEAR%20ALL');
    assert.equal(state.calls, 3, 'an update is never answered from the cache');
  } finally {
    await close();
  }
});

test('the front answers If-None-Match with 304, passes authenticated and skipped requests, and follows the version', async () => {
  const { base, state, close } = await setup();
  try {
    const etag = (await fetch(`${base}/q`)).headers.get('etag')!;
    const cond = await fetch(`${base}/q`, { headers: { 'if-none-match': etag } });
    assert.equal(cond.status, 304);
    assert.equal(cond.headers.get('x-cache'), 'HIT');
    assert.match(cond.headers.get('server-timing') ?? '', /^cache;desc="HIT";dur=\d+\.\d{3}$/);
    assert.equal(cond.headers.get('content-type'), null);
    assert.equal(await (await fetch(`${base}/q`, { headers: { authorization: 'Bearer x' } })).text(), 'v1 x= accept=*/*');
    assert.equal(state.calls, 2);
    await fetch(`${base}/health`);
    assert.equal((await fetch(`${base}/health`)).headers.get('x-cache'), null);
    assert.equal(state.calls, 4);
    state.version = 2;
    const after = await fetch(`${base}/q`);
    assert.equal(after.headers.get('x-cache'), 'MISS');
    assert.match(await after.text(), /^v2 /);
  } finally {
    await close();
  }
});
