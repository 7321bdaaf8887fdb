/**
 * Query IDs and the access log (issue 22 point 12) through the real listener: every answer, from the cache or the
 * router, carries X-Query-Id; the log has one JSON line per request with that ID, timing, status, cache and client
 * kind, and no IP address.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/app.js';
import { listen } from '../../src/server/listen.js';
import { AUTH, EX, makeApp } from '../support/http-support.js';

test('every answer has its X-Query-Id, and the access log a line with it, its timing and status, and no address', async () => {
  const t = await makeApp({ queryWorkers: 1, queryBudgetMs: 60_000 });
  const dir = mkdtempSync(join(tmpdir(), 'osce-access-log-'));
  const file = join(dir, 'access.log');
  const server = await listen(createApp(t.ctx), { port: 0, host: '127.0.0.1', accessLog: file });
  try {
    const query = `/sparql?query=${encodeURIComponent(`SELECT ?o WHERE { <${EX}a> <${EX}p> ?o }`)}`;
    const asked: Array<{ path: string; init?: RequestInit }> = [
      { path: query },
      { path: query },
      { path: query, init: { headers: AUTH } },
      { path: `/sparql?query=${encodeURIComponent('SELECT ?x WHERE { ?x }')}` },
      { path: '/no/such/thing' },
      { path: '/api/queries/participating-states?limit=2' },
    ];
    const answers: Array<{ id: string; status: number }> = [];
    for (const { path, init } of asked) {
      const res = await fetch(`${server.url}${path}`, { ...init, headers: { 'user-agent': 'access-log-test/1.0 (+https://example.org/contact)', ...(init?.headers as Record<string, string> | undefined) } });
      await res.arrayBuffer();
      const id = res.headers.get('x-query-id') ?? '';
      assert.match(id, /^[\w-]{12}$/, path);
      assert.ok((res.headers.get('access-control-expose-headers') ?? '').split(',').includes('X-Query-Id'));
      answers.push({ id, status: res.status });
    }
    assert.deepEqual(answers.map((a) => a.status), [200, 200, 200, 400, 404, 200]);
    assert.equal(new Set(answers.map((a) => a.id)).size, answers.length, 'IDs differ between requests, cache hits too');
    await server.close();
    const text = readFileSync(file, 'utf8');
    assert.doesNotMatch(text, /127\.0\.0\.1|::1|::ffff/, 'no address in the log');
    assert.doesNotMatch(text, /test-token/, 'no credentials in the log');
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(lines.length, asked.length);
    for (const [i, line] of lines.entries()) {
      assert.deepEqual(Object.keys(line).sort(), ['bytes', 'cache', 'client', 'complete', 'id', 'method', 'ms', 'path', 'status', 'time', 'ua'].filter((k) => line[k] !== undefined).sort());
      assert.equal(line.id, answers[i]!.id);
      assert.equal(line.status, answers[i]!.status);
      assert.equal(line.method, 'GET');
      assert.equal(line.path, asked[i]!.path);
      assert.equal(typeof line.ms, 'number');
      assert.ok((line.ms as number) >= 0 && (line.ms as number) < 30_000);
      assert.match(line.time as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      assert.equal(line.ua, 'access-log-test/1.0 (+https://example.org/contact)');
      assert.equal(line.complete, true);
    }
    assert.deepEqual(lines.map((l) => l.cache), ['MISS', 'HIT', undefined, undefined, undefined, 'MISS']);
    assert.deepEqual(lines.map((l) => l.client), ['anonymous', undefined, 'token', 'anonymous', undefined, 'anonymous']);
    assert.equal(typeof lines[0]!.bytes, 'number');
  } finally {
    await server.close().catch(() => undefined);
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
