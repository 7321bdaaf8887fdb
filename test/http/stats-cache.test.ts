/**
 * The statistics' answers and the one result cache, through the real listener: an answer is computed from the
 * statistics when the result cache does not have it (and counted), a repeat at the same version is the cache's hit
 * with the same bytes and ETag, If-None-Match is a 304 from the cache's entry or, on a miss, from the route without
 * computing anything; a write makes the next answer anew; an answer of statistics still behind the store is sent
 * with no-store and never kept. The same for the fields-of-work named query, which the statistics answer.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { serveStats } from '../support/stats-served.js';

// the statistics can be held behind the store (`hold`), as while they read it again after a bulk load
const served = serveStats({ seed: 29, releases: 30, lagging: true });
const { write } = served;
const stats = served.stats!;

/** One request: status, X-Cache, ETag, Cache-Control, body, and how many answers the statistics computed for it. */
async function ask(path: string, headers: Record<string, string> = {}) {
  const made = stats.answers.made;
  const res = await served.server.request(path, { headers });
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
      served.hold();
      try {
        await write();
        const behind = await ask(path);
        assert.deepEqual([behind.status, behind.computed, behind.cacheControl, behind.etag, behind.body], [200, 1, 'no-store', before.etag, before.body]);
        assert.notEqual(behind.cache, 'HIT');
        const again = await ask(path);
        assert.deepEqual([again.status, again.computed, again.cacheControl], [200, 1, 'no-store']);
      } finally {
        served.deliver();
      }
      const caught = await ask(path);
      assert.deepEqual([caught.status, caught.cache, caught.computed, caught.cacheControl], [200, 'MISS', 1, 'no-cache']);
      assert.notEqual(caught.etag, before.etag);
      assert.equal((await ask(path)).cache, 'HIT');
    });
  });
}

for (const path of ['/stats', '/doc/person/chen-li']) {
  describe(`${path}: a page drawn from the statistics`, () => {
    const html = { accept: 'text/html' };
    it('names the version of the statistics it was drawn from, sends it with no-store while they are behind the store, and a new ETag once they caught up', async () => {
      await write();
      const before = await ask(path, html);
      assert.deepEqual([before.status, before.cacheControl], [200, 'public, max-age=60, must-revalidate']);
      let behind;
      served.hold();
      try {
        await write(); // the store moves on, the statistics stay where they were
        behind = await ask(path, html);
        assert.deepEqual([behind.status, behind.cacheControl], [200, 'no-store']);
        assert.notEqual(behind.cache, 'HIT');
        assert.ok(behind.etag);
        if (path === '/stats') {
          // the statistics' content and version are those of the first answer: the same ETag, and a 304 for it
          assert.equal(behind.etag, before.etag);
          assert.equal((await ask(path, { ...html, 'if-none-match': before.etag! })).status, 304);
        } else assert.notEqual(behind.etag, before.etag); // the entity's description is the store's, which moved
        assert.equal((await ask(path, html)).cacheControl, 'no-store'); // not kept: drawn again
      } finally {
        served.deliver();
      }
      // caught up, at the same store version: not the page drawn behind it, neither as a 304 nor from the cache
      const caught = await ask(path, { ...html, 'if-none-match': behind.etag! });
      assert.deepEqual([caught.status, caught.cache, caught.cacheControl], [200, 'MISS', 'public, max-age=60, must-revalidate']);
      assert.notEqual(caught.etag, behind.etag);
      if (path === '/stats') assert.notEqual(caught.body, behind.body); // the overall timeline counts the release
      const again = await ask(path, html);
      assert.deepEqual([again.status, again.cache, again.etag], [200, 'HIT', caught.etag]);
    });
  });
}

describe('/api/queries/fields-of-work parameters, answered from the statistics', () => {
  for (const [query, parameter] of [['limit=0', 'limit'], ['limit=x', 'limit'], ['offset=-1', 'offset'], ['limit=100001', 'limit'], ['colour=red', 'colour']] as const) {
    it(`answers 400 INVALID_PARAMETER naming "${parameter}" for ?${query}, computing nothing`, async () => {
      const made = stats.answers.made;
      const res = await served.server.request(`/api/queries/fields-of-work?${query}`);
      assert.equal(res.status, 400);
      const body = (await res.json()) as { error: { code: string; detail: { parameter: string } } };
      assert.deepEqual([body.error.code, body.error.detail.parameter], ['INVALID_PARAMETER', parameter]);
      assert.equal(stats.answers.made, made);
    });
  }

  it('pages as the SPARQL does: limit and offset, X-Total-Count and Link', async () => {
    const all = JSON.parse((await ask('/api/queries/fields-of-work')).body) as Array<{ field: string }>;
    const res = await served.server.request('/api/queries/fields-of-work?limit=3&offset=1');
    assert.equal(res.status, 200);
    assert.deepEqual(((await res.json()) as Array<{ field: string }>).map((r) => r.field), all.slice(1, 4).map((r) => r.field));
    assert.equal(res.headers.get('x-total-count'), String(all.length));
    assert.match(res.headers.get('link') ?? '', /offset=4>; rel="next".*offset=0>; rel="prev"/);
  });
});
