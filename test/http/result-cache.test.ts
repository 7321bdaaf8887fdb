import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Hono } from 'hono';
import { ByteLru, noneMatch, resultCache, type ResultCacheOptions } from '../../src/http/result-cache.js';

/** An app whose handlers count evaluations; `state.version` plays the store's dataset version. */
function setup(opts: Partial<ResultCacheOptions> = {}) {
  const state = { version: 1, calls: 0 };
  const cache = resultCache({ version: () => state.version, ...opts });
  const app = new Hono();
  app.use('*', cache);
  app.get('/q', (c) => {
    state.calls++;
    return c.text(`v${state.version} x=${c.req.query('x') ?? ''} accept=${c.req.header('accept') ?? ''}`);
  });
  app.post('/q', async (c) => {
    state.calls++;
    const body = await c.req.raw.text(); // routes read the raw stream themselves
    return c.text(`posted:${body}`);
  });
  app.get('/big', (c) => {
    state.calls++;
    return c.text('x'.repeat(5000));
  });
  app.get('/private', (c) => {
    state.calls++;
    return c.text('secret', 200, { 'cache-control': 'private, max-age=0' });
  });
  app.get('/missing', (c) => {
    state.calls++;
    return c.text('nope', 404);
  });
  app.get('/tagged', (c) => {
    state.calls++;
    return c.text('tagged', 200, { etag: '"v7"' });
  });
  return { app, state, cache };
}

test('serves a repeated GET from the cache without evaluating it again', async () => {
  const { app, state, cache } = setup();
  const first = await app.request('/q?x=1');
  assert.equal(first.status, 200);
  assert.equal(first.headers.get('x-cache'), 'MISS');
  const firstBody = await first.text();
  const second = await app.request('/q?x=1');
  assert.equal(second.status, 200);
  assert.equal(second.headers.get('x-cache'), 'HIT');
  assert.equal(await second.text(), firstBody);
  assert.equal(second.headers.get('content-type'), 'text/plain;charset=UTF-8');
  assert.equal(state.calls, 1);
  assert.deepEqual(cache.stats(), { entries: 1, bytes: cache.stats().bytes, hits: 1, misses: 1, coalesced: 0 });
});

test('keys on query string and negotiated representation', async () => {
  const { app, state } = setup();
  await app.request('/q?x=1', { headers: { accept: 'text/turtle' } });
  const other = await app.request('/q?x=1', { headers: { accept: 'application/ld+json' } });
  assert.equal(await other.text(), 'v1 x=1 accept=application/ld+json');
  await app.request('/q?x=2', { headers: { accept: 'text/turtle' } });
  assert.equal(state.calls, 3);
  const again = await app.request('/q?x=1', { headers: { accept: 'text/turtle' } });
  assert.equal(await again.text(), 'v1 x=1 accept=text/turtle');
  assert.equal(state.calls, 3);
});

test('a new dataset version evaluates again and drops the older entries', async () => {
  const { app, state, cache } = setup();
  await app.request('/q?x=1');
  await app.request('/q?x=2');
  assert.equal(cache.stats().entries, 2);
  state.version = 2;
  const res = await app.request('/q?x=1');
  assert.equal(res.headers.get('x-cache'), 'MISS');
  assert.equal(await res.text(), 'v2 x=1 accept=');
  assert.equal(state.calls, 3);
  assert.equal(cache.stats().entries, 1);
});

test('answers If-None-Match with 304 and no body, on a miss and on a hit', async () => {
  const { app, state } = setup();
  const first = await app.request('/q?x=1');
  const etag = first.headers.get('etag');
  assert.match(etag ?? '', /^"[A-Za-z0-9_-]{27}"$/);
  const revalidated = await app.request('/q?x=1', { headers: { 'if-none-match': etag! } });
  assert.equal(revalidated.status, 304);
  assert.equal(revalidated.headers.get('etag'), etag);
  assert.equal(await revalidated.text(), '');
  const changed = await app.request('/q?x=1', { headers: { 'if-none-match': '"other"' } });
  assert.equal(changed.status, 200);
  state.version = 2;
  const stale = await app.request('/q?x=1', { headers: { 'if-none-match': etag! } });
  assert.equal(stale.status, 200, 'the body changed with the version, so the old tag no longer matches');
  const fresh = await app.request('/tagged', { headers: { 'if-none-match': 'W/"v7"' } });
  assert.equal(fresh.status, 304, "a handler's own ETag is kept and compared weakly");
});

test('caches POSTed queries, lets the route read the body, and never caches updates', async () => {
  const { app, state } = setup();
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const q = (body: string, headers: Record<string, string> = form) => app.request('/q', { method: 'POST', headers, body });
  assert.equal(await (await q('query=ASK%7B%7D')).text(), 'posted:query=ASK%7B%7D');
  const hit = await q('query=ASK%7B%7D');
  assert.equal(hit.headers.get('x-cache'), 'HIT');
  assert.equal(await hit.text(), 'posted:query=ASK%7B%7D');
  assert.equal(state.calls, 1);
  const direct = await q('ASK {}', { 'content-type': 'application/sparql-query' });
  assert.equal(await direct.text(), 'posted:ASK {}');
  assert.equal(state.calls, 2);
  await q('update=CLEAR%20ALL');
  const again = await q('update=CLEAR%20ALL');
  assert.equal(again.headers.get('x-cache'), null);
  // a parameter name spelled with percent escapes is still `update`
  await q('upd%61te=CLEAR%20ALL');
  assert.equal((await q('upd%61te=CLEAR%20ALL')).headers.get('x-cache'), null);
  assert.equal((await q('x', { 'content-type': 'text/turtle' })).headers.get('x-cache'), null);
  assert.equal(state.calls, 7);
});

test('keys past 2 KiB are digests, and long POSTed queries are cached and told apart like short ones', async () => {
  const { app, state } = setup();
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const long = (n: number) => `query=${encodeURIComponent(`ASK { } # ${String(n).repeat(3000)}`)}`;
  const q = (body: string) => app.request('/q', { method: 'POST', headers: form, body });
  assert.equal((await q(long(1))).headers.get('x-cache'), 'MISS');
  assert.equal((await q(long(1))).headers.get('x-cache'), 'HIT');
  assert.equal((await q(long(2))).headers.get('x-cache'), 'MISS');
  assert.equal(await (await q(long(2))).text(), `posted:${long(2)}`);
  assert.equal(state.calls, 2);
});

test('bypasses authenticated requests, private and non-200 responses', async () => {
  const { app, state } = setup();
  for (let i = 0; i < 2; i++) {
    await app.request('/q?x=1', { headers: { authorization: 'Bearer t' } });
    await app.request('/private');
    assert.equal((await app.request('/missing')).status, 404);
  }
  assert.equal(state.calls, 6);
});

test('serves responses above maxEntryBytes in full without keeping them', async () => {
  const { app, state, cache } = setup({ maxEntryBytes: 1000 });
  for (let i = 0; i < 2; i++) assert.equal((await (await app.request('/big')).text()).length, 5000);
  assert.equal(state.calls, 2);
  assert.equal(cache.stats().entries, 0);
});

test('identical requests during an evaluation share its result', async () => {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let calls = 0;
  const cache = resultCache({ version: () => 1 });
  const app = new Hono();
  app.use('*', cache);
  app.get('/slow', async (c) => {
    calls++;
    await gate;
    return c.text(`slow ${calls}`);
  });
  const pending = [app.request('/slow'), app.request('/slow'), app.request('/slow')];
  await new Promise((resolve) => setTimeout(resolve, 20));
  release();
  const bodies = await Promise.all(pending.map(async (r) => (await r).text()));
  assert.deepEqual(bodies, ['slow 1', 'slow 1', 'slow 1']);
  assert.equal(calls, 1);
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
  assert.equal(noneMatch('*', '"z"'), true);
  assert.equal(noneMatch('"a"', '"b"'), false);
  assert.equal(noneMatch(undefined, '"b"'), false);
});
