/**
 * The result cache in front of a router (src/server/cache-front.ts, result-cache.ts), on a real listener: a small
 * Hono router whose handlers count evaluations; `state.version` plays the store's dataset version.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { noneMatch } from '../../src/http/conditional.js';
import { cacheFront } from '../../src/server/cache-front.js';
import { ByteLru, createResultCache, type ResultCacheOptions } from '../../src/server/result-cache.js';
import { waitUntil } from '../support/wait.js';

async function setup(opts: Partial<ResultCacheOptions> = {}) {
  const state = { version: 1, calls: 0, observed: [] as string[] };
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const cache = createResultCache({ version: () => state.version, skip: (path) => path.startsWith('/health'), ...opts });
  const app = new Hono();
  const count = () => state.calls++;
  app.get('/q', (c) => (count(), c.text(`v${state.version} x=${c.req.query('x') ?? ''} accept=${c.req.header('accept') ?? ''}`)));
  // routes read the body stream themselves; the front's copy of it is given back to them
  app.post('/q', async (c) => (count(), c.text(`posted:${await c.req.raw.text()}`)));
  app.get('/big', (c) => (count(), c.text('x'.repeat(5000))));
  app.get('/private', (c) => (count(), c.text('secret', 200, { 'cache-control': 'private, max-age=0' })));
  app.get('/missing', (c) => (count(), c.text('nope', 404)));
  app.get('/tagged', (c) => (count(), c.text('tagged', 200, { etag: '"v7"' })));
  app.get('/health', (c) => (count(), c.text('ok')));
  app.get('/slow', async (c) => {
    const n = ++state.calls;
    await gate;
    return c.text(`slow ${n}`);
  });
  const observe = (method: string, route: string, status: number) => state.observed.push(`${method} ${route} ${status}`);
  const server = createServer(cacheFront(cache, app.fetch, { observe, routeOf: (r) => new URL(r.url).pathname }));
  let arrived = 0;
  server.on('request', () => arrived++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const get = (path: string, init: RequestInit = {}) => fetch(`${base}${path}`, init);
  const close = () => new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
  return { get, state, cache, release, close, arrived: () => arrived };
}

type Setup = Awaited<ReturnType<typeof setup>>;

/** Runs `body` against a fresh listener, closed afterwards. */
function withCache(name: string, body: (s: Setup) => Promise<void>, opts: Partial<ResultCacheOptions> = {}): void {
  test(name, async () => {
    const s = await setup(opts);
    try {
      await body(s);
    } finally {
      s.release();
      await s.close();
    }
  });
}

const TIMING = (state: string) => new RegExp(`^cache;desc="${state}";dur=\\d+\\.\\d{3}$`);

withCache('serves a repeated GET from the cache with the same body and headers, and reports the hit', async ({ get, state, cache }) => {
  const first = await get('/q?x=1', { headers: { accept: 'text/plain' } });
  assert.equal(first.status, 200);
  assert.equal(first.headers.get('x-cache'), 'MISS');
  assert.match(first.headers.get('server-timing') ?? '', TIMING('MISS'));
  const body = await first.text();
  const second = await get('/q?x=1', { headers: { accept: 'text/plain' } });
  assert.equal(second.status, 200);
  assert.equal(second.headers.get('x-cache'), 'HIT');
  assert.match(second.headers.get('server-timing') ?? '', TIMING('HIT'));
  assert.equal(second.headers.get('content-type'), 'text/plain; charset=UTF-8');
  assert.equal(second.headers.get('etag'), first.headers.get('etag'));
  assert.equal(second.headers.get('content-length'), String(Buffer.byteLength(body)));
  assert.equal(await second.text(), body);
  assert.equal(state.calls, 1);
  assert.deepEqual(state.observed, ['GET /q 200']);
  assert.deepEqual(cache.stats(), { entries: 1, bytes: cache.stats().bytes, hits: 1, misses: 1, coalesced: 0 });
});

withCache('keys on the query string and the negotiated representation', async ({ get, state }) => {
  await get('/q?x=1', { headers: { accept: 'text/turtle' } });
  assert.equal(await (await get('/q?x=1', { headers: { accept: 'application/ld+json' } })).text(), 'v1 x=1 accept=application/ld+json');
  await get('/q?x=2', { headers: { accept: 'text/turtle' } });
  assert.equal(state.calls, 3);
  assert.equal(await (await get('/q?x=1', { headers: { accept: 'text/turtle' } })).text(), 'v1 x=1 accept=text/turtle');
  assert.equal(state.calls, 3);
});

withCache('a new dataset version evaluates again and drops the older entries', async ({ get, state, cache }) => {
  await get('/q?x=1');
  await get('/q?x=2');
  assert.equal(cache.stats().entries, 2);
  state.version = 2;
  const res = await get('/q?x=1');
  assert.equal(res.headers.get('x-cache'), 'MISS');
  assert.equal(await res.text(), 'v2 x=1 accept=*/*');
  assert.equal(state.calls, 3);
  assert.equal(cache.stats().entries, 1);
});

withCache('answers If-None-Match with 304 and no body, on a miss and on a hit', async ({ get, state }) => {
  const first = await get('/q?x=1');
  const etag = first.headers.get('etag')!;
  assert.match(etag, /^"[A-Za-z0-9_-]{27}"$/);
  const revalidated = await get('/q?x=1', { headers: { 'if-none-match': etag } });
  assert.equal(revalidated.status, 304);
  assert.equal(revalidated.headers.get('etag'), etag);
  assert.equal(revalidated.headers.get('x-cache'), 'HIT');
  assert.match(revalidated.headers.get('server-timing') ?? '', TIMING('HIT'));
  assert.equal(revalidated.headers.get('content-type'), null);
  assert.equal(await revalidated.text(), '');
  assert.equal((await get('/q?x=1', { headers: { 'if-none-match': '"other"' } })).status, 200);
  const missed = await get('/q?x=3', { headers: { 'if-none-match': '*' } });
  assert.equal(missed.status, 304, 'a miss is kept first, then answered like a hit');
  assert.equal(missed.headers.get('x-cache'), 'MISS');
  state.version = 2;
  assert.equal((await get('/q?x=1', { headers: { 'if-none-match': etag } })).status, 200, 'the body changed with the version, so the old tag no longer matches');
  const own = await get('/tagged', { headers: { 'if-none-match': 'W/"v7"' } });
  assert.equal(own.status, 304, "a handler's own ETag is kept and compared weakly");
  assert.equal(own.headers.get('etag'), '"v7"');
});

withCache('caches POSTed queries, lets the route read the body, and never caches updates', async ({ get, state }) => {
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const q = (body: string, headers: Record<string, string> = form) => get('/q', { method: 'POST', headers, body });
  assert.equal(await (await q('query=ASK%7B%7D')).text(), 'posted:query=ASK%7B%7D');
  const hit = await q('query=ASK%7B%7D');
  assert.equal(hit.headers.get('x-cache'), 'HIT');
  assert.equal(await hit.text(), 'posted:query=ASK%7B%7D');
  assert.equal(state.calls, 1);
  assert.equal(await (await q('ASK {}', { 'content-type': 'application/sparql-query' })).text(), 'posted:ASK {}');
  assert.equal(state.calls, 2);
  for (const update of ['update=CLEAR%20ALL', 'upd%61te=CLEAR%20ALL']) {
    // a parameter name spelled with percent escapes is still `update`
    for (let i = 0; i < 2; i++) {
      const res = await q(update);
      assert.equal(res.headers.get('x-cache'), null);
      assert.equal(await res.text(), `posted:${update}`);
    }
  }
  assert.equal((await q('x', { 'content-type': 'text/turtle' })).headers.get('x-cache'), null);
  assert.equal(state.calls, 7);
});

withCache('keys past 2 KiB are digests: long POSTed queries are cached and told apart like short ones', async ({ get, state }) => {
  const long = (n: number) => `query=${encodeURIComponent(`ASK { } # ${String(n).repeat(3000)}`)}`;
  const q = (body: string) => get('/q', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
  assert.equal((await q(long(1))).headers.get('x-cache'), 'MISS');
  assert.equal((await q(long(1))).headers.get('x-cache'), 'HIT');
  assert.equal((await q(long(2))).headers.get('x-cache'), 'MISS');
  assert.equal(await (await q(long(2))).text(), `posted:${long(2)}`);
  assert.equal(state.calls, 2);
});

withCache('passes authenticated and skipped requests, private and non-200 responses by', async ({ get, state }) => {
  for (let i = 0; i < 2; i++) {
    const authenticated = await get('/q?x=1', { headers: { authorization: 'Bearer t' } });
    assert.equal(await authenticated.text(), 'v1 x=1 accept=*/*');
    assert.equal(authenticated.headers.get('x-cache'), null);
    assert.match(authenticated.headers.get('server-timing') ?? '', TIMING('BYPASS'), 'a read past the cache is timed too');
    assert.equal((await get('/private')).headers.get('x-cache'), null);
    const missing = await get('/missing');
    assert.equal(missing.status, 404);
    assert.match(missing.headers.get('server-timing') ?? '', TIMING('MISS'), 'an answer that is not kept is still timed');
    const skipped = await get('/health');
    assert.equal(skipped.headers.get('x-cache'), null);
    assert.match(skipped.headers.get('server-timing') ?? '', TIMING('BYPASS'));
  }
  assert.equal(state.calls, 8);
});

withCache('serves responses above maxEntryBytes in full without keeping them', async ({ get, state, cache }) => {
  for (let i = 0; i < 2; i++) assert.equal((await (await get('/big')).text()).length, 5000);
  assert.equal(state.calls, 2);
  assert.equal(cache.stats().entries, 0);
}, { maxEntryBytes: 1000 });

withCache('identical requests during an evaluation share its result', async ({ get, state, cache, release, arrived }) => {
  const pending = [get('/slow'), get('/slow'), get('/slow')];
  // all three in, and past the front's key (a few turns of the event loop), before the first evaluation ends
  await waitUntil(() => arrived() === 3, 'three requests');
  await new Promise((resolve) => setTimeout(resolve, 20));
  release();
  const answers = await Promise.all(pending);
  assert.deepEqual(await Promise.all(answers.map((r) => r.text())), ['slow 1', 'slow 1', 'slow 1']);
  assert.deepEqual(answers.map((r) => r.headers.get('x-cache')).sort(), ['HIT', 'HIT', 'MISS']);
  assert.equal(state.calls, 1);
  assert.equal(cache.stats().coalesced, 2);
});

test('ByteLru evicts least recently used entries to stay within its byte bound', () => {
  const lru = new ByteLru(1000);
  const entry = (size: number) => ({ status: 200, headers: [], body: new Uint8Array(0), etag: '"x"', size, route: '/q' });
  lru.set('a', entry(400));
  lru.set('b', entry(400));
  assert.ok(lru.get('a'), 'touch a: b is now the oldest');
  lru.set('c', entry(400));
  assert.equal(lru.get('b'), undefined);
  assert.ok(lru.get('a'));
  assert.ok(lru.get('c'));
  assert.equal(lru.bytes, 800);
  lru.set('huge', entry(5000));
  assert.equal(lru.size, 0);
  assert.equal(lru.bytes, 0);
});

test('noneMatch compares entity tags weakly and accepts lists and *', () => {
  assert.equal(noneMatch('"a", W/"b"', '"b"'), true);
  assert.equal(noneMatch('"a"', 'W/"a"'), true);
  assert.equal(noneMatch('*', '"z"'), true);
  assert.equal(noneMatch('"a"', '"b"'), false);
  assert.equal(noneMatch(undefined, '"b"'), false);
});
