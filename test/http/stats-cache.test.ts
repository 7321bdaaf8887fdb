/**
 * The statistics' answers and the one result cache, through the real listener: an answer is computed from the
 * statistics when the result cache does not have it (and counted), a repeat at the same version is the cache's hit
 * with the same bytes and ETag, If-None-Match is a 304 from the cache's entry or, on a miss, from the route without
 * computing anything; a write makes the next answer anew; an answer of statistics still behind the store is sent
 * with no-store and never kept. The same for the fields-of-work named query, which the statistics answer.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config.js';
import { Iris } from '../../src/model/ns.js';
import { loadReferenceQuads } from '../../src/model/reference.js';
import { createMemoryStore } from '../../src/store/embedded-store.js';
import type { ChangeEvent, KgStore } from '../../src/store/types.js';
import { defaultQuerySource } from '../../src/api/query-source.js';
import { StatsService } from '../../src/stats/service.js';
import { serveContext, type Served } from '../support/listener.js';
import { ReleaseMaker, mulberry32, vocabulary } from '../support/stats-data.js';

const BASE = 'http://localhost:8080/';
const iris = new Iris(BASE);
const maker = new ReleaseMaker(iris, vocabulary(BASE), mulberry32(29));
const store = createMemoryStore([...loadReferenceQuads(BASE), ...maker.persons(), ...Array.from({ length: 30 }, () => maker.release(maker.key())).flat()], { workers: 0 });

/**
 * The store as the statistics see it, with their change events held back while `hold` is set: statistics behind
 * the store, as while they read it again after a bulk load. Everything else is the store's.
 */
let hold = false;
const held: Array<() => void> = [];
const lagging = new Proxy(store, {
  get(target, name) {
    if (name === 'onChange') return (fn: (e: ChangeEvent) => void) => target.onChange((e) => (hold ? held.push(() => fn(e)) : fn(e)));
    const value = Reflect.get(target, name, target) as unknown;
    return typeof value === 'function' ? value.bind(target) : value;
  },
}) as KgStore;
const stats = new StatsService(lagging);
const ctx = { config: loadConfig({ base: BASE }, {}), iris, store, stats, gate: async () => undefined, queries: defaultQuerySource() };
let server: Served;

before(async () => {
  await store.open();
  server = await serveContext(ctx);
});
after(async () => {
  await server.close();
  await stats.stop();
  await store.close();
});

async function write(): Promise<void> {
  const key = maker.key();
  await store.write({ type: 'put-graph', graph: { iri: iris.releaseGraph(key) }, quads: maker.release(key) });
}

/** One request: status, X-Cache, ETag, Cache-Control, body, and how many answers the statistics computed for it. */
async function ask(path: string, headers: Record<string, string> = {}) {
  const made = stats.answers.made;
  const res = await server.request(path, { headers });
  const body = await res.text();
  return { status: res.status, cache: res.headers.get('x-cache'), etag: res.headers.get('etag'), cacheControl: res.headers.get('cache-control'), body, computed: stats.answers.made - made };
}

const total = (body: string) => (JSON.parse(body) as Array<{ releases: number }>).reduce((a, r) => a + r.releases, 0);

for (const path of ['/api/stats?by=genre', '/api/queries/fields-of-work']) {
  describe(`${path} and the result cache`, () => {
    it('computes an answer the cache does not have, and answers a repeat from the cache with the same bytes and ETag', async () => {
      await write(); // a version no earlier test asked at
      const first = await ask(path);
      assert.equal(first.status, 200);
      assert.equal(first.cache, 'MISS');
      assert.equal(first.computed, 1);
      assert.equal(first.cacheControl, 'no-cache');
      const again = await ask(path);
      assert.deepEqual([again.status, again.cache, again.computed, again.etag, again.body], [200, 'HIT', 0, first.etag, first.body]);
      // another Accept that selects the same representation: another key, computed again, the same ETag and bytes
      const other = await ask(path, { accept: 'application/json, text/x-other;q=0.1' });
      assert.deepEqual([other.status, other.cache, other.computed, other.etag, other.body], [200, 'MISS', 1, first.etag, first.body]);
    });

    it('answers If-None-Match with 304: from the cache entry, and on a miss from the route without computing', async () => {
      const first = await ask(path);
      const hit = await ask(path, { 'if-none-match': first.etag! });
      assert.deepEqual([hit.status, hit.cache, hit.computed, hit.etag, hit.body], [304, 'HIT', 0, first.etag, '']);
      const miss = await ask(path, { 'if-none-match': first.etag!, accept: 'application/json, text/x-304;q=0.1' });
      assert.deepEqual([miss.status, miss.computed, miss.etag, miss.body], [304, 0, first.etag, '']);
    });

    it('computes the first answer after a write at the new version: a new ETag, the counts moved', async () => {
      const before = await ask(path);
      await write();
      const after = await ask(path, { 'if-none-match': before.etag! });
      assert.deepEqual([after.status, after.cache, after.computed], [200, 'MISS', 1]);
      assert.notEqual(after.etag, before.etag);
      if (path.startsWith('/api/stats')) assert.equal(total(after.body), total(before.body) + 1);
      else assert.ok(total(after.body) >= total(before.body)); // a release has 0-2 fields
    });

    it('sends an answer of statistics behind the store with no-store and its own version, and never keeps it', async () => {
      const before = await ask(path);
      hold = true;
      try {
        await write();
        const behind = await ask(path);
        assert.deepEqual([behind.status, behind.computed, behind.cacheControl, behind.etag, behind.body], [200, 1, 'no-store', before.etag, before.body]);
        assert.notEqual(behind.cache, 'HIT');
        const again = await ask(path);
        assert.deepEqual([again.status, again.computed, again.cacheControl], [200, 1, 'no-store']);
      } finally {
        hold = false;
        for (const deliver of held.splice(0)) deliver();
      }
      const caught = await ask(path);
      assert.deepEqual([caught.status, caught.cache, caught.computed, caught.cacheControl], [200, 'MISS', 1, 'no-cache']);
      assert.notEqual(caught.etag, before.etag);
      assert.equal((await ask(path)).cache, 'HIT');
    });
  });
}

describe('/api/queries/fields-of-work parameters, answered from the statistics', () => {
  for (const [query, parameter] of [['limit=0', 'limit'], ['limit=x', 'limit'], ['offset=-1', 'offset'], ['limit=100001', 'limit'], ['colour=red', 'colour']] as const) {
    it(`answers 400 INVALID_PARAMETER naming "${parameter}" for ?${query}, computing nothing`, async () => {
      const made = stats.answers.made;
      const res = await server.request(`/api/queries/fields-of-work?${query}`);
      assert.equal(res.status, 400);
      const body = (await res.json()) as { error: { code: string; detail: { parameter: string } } };
      assert.deepEqual([body.error.code, body.error.detail.parameter], ['INVALID_PARAMETER', parameter]);
      assert.equal(stats.answers.made, made);
    });
  }

  it('pages as the SPARQL does: limit and offset, X-Total-Count and Link', async () => {
    const all = JSON.parse((await ask('/api/queries/fields-of-work')).body) as Array<{ field: string }>;
    const res = await server.request('/api/queries/fields-of-work?limit=3&offset=1');
    assert.equal(res.status, 200);
    assert.deepEqual(((await res.json()) as Array<{ field: string }>).map((r) => r.field), all.slice(1, 4).map((r) => r.field));
    assert.equal(res.headers.get('x-total-count'), String(all.length));
    assert.match(res.headers.get('link') ?? '', /offset=4>; rel="next".*offset=0>; rel="prev"/);
  });
});
