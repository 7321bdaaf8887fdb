/**
 * Request bodies read straight from the node:http request (http/body.ts `requestChunks` with the route's `c.env`),
 * as the graph store and `/ingest` read uploads: every byte in order at any pace, the cap as a 413, a client that goes
 * away as an error (so no write is made of half a body), and an early end that leaves the request undestroyed (so
 * the 413 can still be sent). The request is played by a Readable, which is what an IncomingMessage is to the reader.
 */
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { AppError } from '../../src/errors.js';
import { declaredBytes, requestChunks } from '../../src/http/body.js';

const request = (headers: Record<string, string> = {}) => new Request('http://localhost/graph-store', { method: 'PUT', headers, body: 'never read' });

/** A request body of `total` bytes (a repeating pattern) pushed in `size`-byte chunks when the reader asks; `sent` counts them. */
function incoming(total: number, size: number): Readable & { sent: number } {
  const stream = new Readable({
    highWaterMark: size,
    read() {
      if (stream.sent >= total) return void this.push(null);
      const n = Math.min(size, total - stream.sent);
      const chunk = Buffer.alloc(n);
      for (let i = 0; i < n; i++) chunk[i] = (stream.sent + i) % 251;
      stream.sent += n;
      this.push(chunk);
    },
  }) as Readable & { sent: number };
  stream.sent = 0;
  return stream;
}

async function collect(chunks: AsyncIterable<Uint8Array>, slow = false): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) {
    parts.push(chunk);
    if (slow) await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return Buffer.concat(parts);
}

const pattern = (total: number) => Buffer.from(Array.from({ length: total }, (_, i) => i % 251));

describe('request bodies read from the node request', () => {
  it('yields every byte in order, from the node request and not the web body', async () => {
    const total = 3 * 65536 + 123;
    const body = await collect(requestChunks(request(), 0, { incoming: incoming(total, 65536) }));
    assert.deepEqual(body, pattern(total));
  });

  it('a slow reader gets every byte in order, and the request is read at most 2 MiB ahead of it', async () => {
    const total = 4 << 20;
    const source = incoming(total, 65536);
    let received = 0;
    let ahead = 0;
    const parts: Uint8Array[] = [];
    for await (const chunk of requestChunks(request(), 0, { incoming: source })) {
      parts.push(chunk);
      received += chunk.byteLength;
      await new Promise((resolve) => setTimeout(resolve, 1));
      ahead = Math.max(ahead, source.sent - received);
    }
    assert.ok(Buffer.concat(parts).equals(pattern(total)));
    assert.ok(ahead <= 2 << 20, `read ${ahead} bytes ahead of the reader`);
  });

  it('past the cap: 413 PAYLOAD_TOO_LARGE, and the request is left undestroyed for the answer', async () => {
    const source = incoming(1 << 20, 16384);
    await assert.rejects(collect(requestChunks(request(), 100_000, { incoming: source })), (e: unknown) => {
      assert.ok(e instanceof AppError);
      assert.equal(e.status, 413);
      assert.equal(e.code, 'PAYLOAD_TOO_LARGE');
      return true;
    });
    assert.equal(source.destroyed, false);
  });

  it('a client that goes away mid-body makes the read fail (no write of half a body)', async () => {
    const source = new Readable({ read() {} });
    const read = collect(requestChunks(request(), 0, { incoming: source }));
    source.push(Buffer.from('<http://example.org/s> <http://example.org/p> "half'));
    setImmediate(() => source.destroy(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })));
    await assert.rejects(read, { message: 'aborted', code: 'ECONNRESET' });
  });

  it('a request closed before its end without an error fails too', async () => {
    const source = new Readable({ read() {}, emitClose: true });
    const read = collect(requestChunks(request(), 0, { incoming: source }));
    source.push(Buffer.from('some'));
    setImmediate(() => source.destroy());
    await assert.rejects(read, Error);
  });

  it('an early end by the reader leaves the request undestroyed, the rest of its body unread', async () => {
    const source = incoming(4 << 20, 16384);
    for await (const chunk of requestChunks(request(), 0, { incoming: source })) {
      assert.ok(chunk.byteLength > 0);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(source.destroyed, false);
    assert.ok(source.sent <= 2 << 20, `${source.sent} of 4 MiB read`);
  });

  it('a gzip body from the node request is decoded under the cap', async () => {
    const { gzipSync } = await import('node:zlib');
    const plain = pattern(200_000);
    const zipped = gzipSync(plain);
    const source = Readable.from([zipped.subarray(0, 1000), zipped.subarray(1000)], { objectMode: false });
    const body = await collect(requestChunks(request({ 'content-encoding': 'gzip' }), 0, { incoming: source }));
    assert.ok(body.equals(plain));
    const again = Readable.from([zipped], { objectMode: false });
    await assert.rejects(collect(requestChunks(request({ 'content-encoding': 'gzip' }), 50_000, { incoming: again })), { status: 413 });
  });

  it('without a node request (app.request), the web body is read as before', async () => {
    const body = await collect(requestChunks(request(), 0));
    assert.equal(body.toString(), 'never read');
    const res = requestChunks(request(), 0, { incoming: undefined });
    assert.equal((await collect(res)).toString(), 'never read');
  });

  it('declaredBytes: a Content-Length under the cap without a coding, else unknown', () => {
    assert.equal(declaredBytes(request({ 'content-length': '1000' }), 2000), 1000);
    assert.equal(declaredBytes(request({ 'content-length': '1000' }), 0), 1000);
    assert.equal(declaredBytes(request({ 'content-length': '3000' }), 2000), undefined);
    assert.equal(declaredBytes(request({ 'content-length': '1000', 'content-encoding': 'gzip' }), 2000), undefined);
    assert.equal(declaredBytes(request({ 'content-length': '1000', 'content-encoding': 'identity' }), 2000), 1000);
    assert.equal(declaredBytes(request({ 'content-length': 'x' }), 2000), undefined);
    assert.equal(declaredBytes(request(), 2000), undefined);
  });
});
