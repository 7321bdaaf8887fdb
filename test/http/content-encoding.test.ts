/**
 * Request bodies with a Content-Encoding (issue 21, point 9): gzip, deflate and br are decoded before parsing (they were
 * parsed as raw bytes), the size cap applies to the decoded bytes (a gzip bomb stops at the cap: 413), an unknown
 * coding is 415 with Accept-Encoding, and bytes that are not what their coding says are 400.
 */
import assert from 'node:assert/strict';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { AUTH, EX, errorOf, makeApp, type TestApp } from '../support/http-support.js';

const LIMIT = 64 * 1024;
const graph = (name: string) => `/graph-store?graph=${encodeURIComponent(`${EX}${name}`)}`;
const put = (body: Buffer, encoding: string, type = 'text/turtle') =>
  ({ method: 'PUT', headers: { ...AUTH, 'Content-Type': type, 'Content-Encoding': encoding }, body: new Uint8Array(body) });

describe('request bodies with a Content-Encoding', () => {
  let t: TestApp;
  before(async () => (t = await makeApp({ maxUploadBytes: LIMIT, maxRequestBytes: LIMIT })));
  after(() => t.close());

  const turtle = Buffer.from(`<${EX}s> <${EX}p> "décodé" .\n`);
  for (const [encoding, encode] of [['gzip', gzipSync], ['x-gzip', gzipSync], ['deflate', deflateSync], ['br', brotliCompressSync], ['identity', (b: Buffer) => b]] as const) {
    it(`a ${encoding} upload is decoded and stored`, async () => {
      const res = await t.request(graph(encoding), put(encode(turtle), encoding));
      assert.equal(res.status, 201, await res.text());
      const stored = await t.request(graph(encoding), { headers: { Accept: 'application/n-triples' } });
      assert.equal(await stored.text(), turtle.toString('utf8'));
    });
  }

  it('a gzip bomb stops at the cap with 413, nothing stored', async () => {
    const lines = `<${EX}s> <${EX}p> "${'x'.repeat(100)}" .\n`.repeat((16 * LIMIT) / 100);
    const bomb = gzipSync(Buffer.from(lines));
    assert.ok(bomb.length < LIMIT / 4, `the compressed body (${bomb.length} bytes) is well under the cap`);
    const res = await t.request(graph('bomb'), put(bomb, 'gzip'));
    assert.equal(res.status, 413);
    assert.deepEqual(await errorOf(res), { code: 'PAYLOAD_TOO_LARGE', message: `The request body is larger than the limit of ${LIMIT} bytes.`, detail: { limit: LIMIT } });
    assert.equal((await t.request(graph('bomb'))).status, 404);
  });

  it('an unknown or stacked coding is 415 UNSUPPORTED_CONTENT_ENCODING naming the accepted ones', async () => {
    for (const encoding of ['compress', 'zstd', 'gzip, br']) {
      const res = await t.request(graph('unknown'), put(turtle, encoding));
      assert.equal(res.status, 415, encoding);
      assert.equal(res.headers.get('accept-encoding'), 'gzip, deflate, br');
      const error = await errorOf(res);
      assert.equal(error.code, 'UNSUPPORTED_CONTENT_ENCODING');
      assert.equal(error.message, `Content-Encoding ${encoding} is not supported for request bodies; send one of gzip, x-gzip, deflate, br or none.`);
    }
  });

  it('bytes that are not gzip are 400 CONTENT_ENCODING_INVALID', async () => {
    const res = await t.request(graph('corrupt'), put(turtle, 'gzip'));
    assert.equal(res.status, 400);
    const error = await errorOf(res);
    assert.equal(error.code, 'CONTENT_ENCODING_INVALID');
    assert.match(error.message, /^The request body is not valid gzip data \(.+\)\.$/);
  });

  it('a gzip SPARQL query, update form and multipart upload are decoded too', async () => {
    const query = await t.request('/sparql', { method: 'POST', headers: { 'Content-Type': 'application/sparql-query', 'Content-Encoding': 'gzip', Accept: 'application/sparql-results+json' }, body: new Uint8Array(gzipSync(`ASK { <${EX}a> ?p ?o }`)) });
    assert.equal(query.status, 200);
    assert.equal(((await query.json()) as { boolean: boolean }).boolean, true);
    const update = await t.request('/sparql', { method: 'POST', headers: { ...AUTH, 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Encoding': 'gzip' }, body: new Uint8Array(gzipSync(new URLSearchParams({ update: `INSERT DATA { <${EX}u> <${EX}p> 1 }` }).toString())) });
    assert.equal(update.status, 204, await update.text());
    const boundary = 'gz-boundary';
    const form = `--${boundary}\r\nContent-Disposition: form-data; name="f"; filename="d.ttl"\r\nContent-Type: text/turtle\r\n\r\n${turtle}\r\n--${boundary}--\r\n`;
    const multipart = await t.request(graph('multipart'), put(gzipSync(form), 'gzip', `multipart/form-data; boundary=${boundary}`));
    assert.equal(multipart.status, 201, await multipart.text());
  });
});
