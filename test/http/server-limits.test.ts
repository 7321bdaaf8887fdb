/**
 * The listener's own limits (src/server/listen.ts, issue 21 point 9): a client that sends its request head, or its body,
 * too slowly is answered 408 and disconnected; the production values are set, not Node's defaults.
 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../src/app.js';
import { SERVER_LIMITS, listen, type Listening } from '../../src/server/listen.js';
import { makeApp, type TestApp } from '../support/http-support.js';

/** Writes `text` on a raw connection and resolves with what came back and how long the server kept it open, ms. */
function slowClient(url: string, text: string): Promise<{ answer: string; ms: number }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = connect(Number(port), hostname, () => socket.write(text));
    let answer = '';
    socket.on('data', (d: Buffer) => (answer += d.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve({ answer, ms: performance.now() - started }));
  });
}

describe('listener limits', () => {
  let t: TestApp;
  let server: Listening;
  before(async () => {
    t = await makeApp();
    server = await listen(createApp(t.ctx), { port: 0, host: '127.0.0.1', limits: { headersTimeoutMs: 300, requestTimeoutMs: 600, checkEveryMs: 100 } });
  });
  after(async () => {
    await server.close();
    await t.close();
  });

  it('a request head that never ends is answered 408 and the connection closed', async () => {
    const { answer, ms } = await slowClient(server.url, 'GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    assert.match(answer, /^HTTP\/1\.1 408 /);
    assert.ok(ms < 5_000, `closed after ${Math.round(ms)} ms`);
  });

  it('a body that never arrives in full is answered 408 and the connection closed', async () => {
    const { answer, ms } = await slowClient(server.url, 'POST /search HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nq=slow');
    assert.match(answer, /^HTTP\/1\.1 408 /);
    assert.ok(ms < 5_000, `closed after ${Math.round(ms)} ms`);
  });

  it('the production listener has the documented limits, not Node\'s defaults', async () => {
    const production = await listen(createApp(t.ctx), { port: 0, host: '127.0.0.1' });
    try {
      assert.equal(production.server.headersTimeout, SERVER_LIMITS.headersTimeoutMs);
      assert.equal(production.server.requestTimeout, SERVER_LIMITS.requestTimeoutMs);
      assert.equal(production.server.keepAliveTimeout, SERVER_LIMITS.keepAliveTimeoutMs);
      assert.equal(production.server.maxConnections, SERVER_LIMITS.maxConnections);
      assert.deepEqual(SERVER_LIMITS, { headersTimeoutMs: 20_000, requestTimeoutMs: 300_000, keepAliveTimeoutMs: 5_000, maxConnections: 1024, checkEveryMs: 1_000 });
    } finally {
      await production.close();
    }
  });
});
