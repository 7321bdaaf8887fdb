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
