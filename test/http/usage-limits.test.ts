/**
 * Usage limits through the real listener on loopback (issue 22 point 11, issue 21 point 4): a client over its
 * query-time budget gets 429 with Retry-After and the RateLimit fields, and is admitted again once it has paid the
 * debt back; one client's queued-or-running queries are bounded, and so are all anonymous clients' together; the token
 * holder is exempt, and an answer from the result cache costs nothing. Clients are told apart by X-Forwarded-For
 * (`trustProxy`), as behind a reverse proxy. Every loop is bounded.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AUTH, EX, errorOf, makeApp, type TestApp } from '../support/http-support.js';

const JSON_RESULTS = { accept: 'application/sparql-results+json' };

/** A query distinct by `n` (never coalesced or answered from the cache), cheap. */
const cheap = (n: number) => `SELECT ?o WHERE { <${EX}a> <${EX}p> ?o } # ${n}`;

/** A query that keeps a worker busy for a while: a count over 100 × 100 × 10 rows (0.3–0.5 s here). */
function slow(n: number): string {
  const values = (v: string, k: number) => `VALUES ?${v} { ${Array.from({ length: k }, (_, i) => i).join(' ')} }`;
  return `SELECT (COUNT(*) AS ?n) WHERE { ${values('a', 100)} ${values('b', 100)} ${values('c', 10)} } # ${n}`;
}

const ask = (t: TestApp, query: string, headers: Record<string, string> = {}) =>
  t.request(`/sparql?query=${encodeURIComponent(query)}`, { headers: { ...JSON_RESULTS, ...headers } });

test('over its query-time budget a client gets 429 with Retry-After and RateLimit, and is admitted again after it', async () => {
  // the budget refills by a clock the test moves: the query time charged is the real time each query ran, and
  // nothing refills while the test is busy (under load, a small debt refilled between two requests: 200 for a 429)
  const clock = { ms: 0 };
  const t = await makeApp({ queryWorkers: 1, queryBudgetMs: 150, queryBudgetWindowMs: 1500, clientQueries: 0, anonymousQueries: 0 }, undefined, undefined, 0, () => clock.ms);
  try {
    const first = await ask(t, cheap(-1));
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('ratelimit-policy'), '"query-time";q=0;w=2;qu="query-seconds"');
    assert.match(first.headers.get('ratelimit') ?? '', /^"query-time";r=0;t=\d+$/);
    await first.text();
    let refused: Response | undefined;
    let answered = 1;
    for (let n = 0; n < 2000 && !refused; n++) {
      const res = await ask(t, slow(n));
      if (res.status === 429) refused = res;
      else {
        assert.equal(res.status, 200);
        await res.text();
        answered++;
      }
    }
    assert.ok(refused, 'refused within 2000 queries');
    // still refused (at admission: no query time spent); without trustProxy, X-Forwarded-For is anyone's to write:
    // still the same loopback client
    assert.equal((await ask(t, cheap(-5), { 'x-forwarded-for': '192.0.2.9' })).status, 429);
    assert.equal((await ask(t, cheap(-3))).status, 429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    assert.equal(refused.headers.get('ratelimit'), `"query-time";r=0;t=${retryAfter}`);
    assert.equal(refused.headers.get('content-type'), 'application/json');
    const error = await errorOf(refused);
    assert.equal(error.code, 'QUERY_TIME_EXCEEDED');
    assert.match(error.message, /0\.15 s of query time per 1\.5 s/);
    const detail = error.detail as { budgetSeconds: number; windowSeconds: number; spentSeconds: number; retryAfterSeconds: number };
    assert.deepEqual(Object.keys(detail).sort(), ['budgetSeconds', 'retryAfterSeconds', 'spentSeconds', 'windowSeconds']);
    assert.ok(detail.spentSeconds >= 0.15, `spent ${detail.spentSeconds} s`);
    // the debt past the budget refills at 0.1 s a second: Retry-After is that time, in whole seconds
    const refillMs = ((detail.spentSeconds - 0.15) / 0.1) * 1000;
    assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter * 1000 >= refillMs - 1 && retryAfter * 1000 <= Math.max(1000, refillMs + 1001), `Retry-After ${retryAfter} for a debt refilled in ${refillMs} ms`);
    assert.equal(detail.retryAfterSeconds, retryAfter);
    // an answer the result cache holds costs nothing: still served; the token holder is exempt
    const cached = await ask(t, cheap(-1));
    assert.equal(cached.status, 200);
    assert.equal(cached.headers.get('x-cache'), 'HIT');
    await cached.text();
    const holder = await ask(t, cheap(-2), AUTH);
    assert.equal(holder.status, 200);
    assert.equal(holder.headers.get('ratelimit'), null);
    await holder.text();
    // half the debt paid back: still refused; Retry-After seconds later: admitted
    clock.ms += refillMs / 2;
    assert.equal((await ask(t, cheap(-6))).status, 429);
    clock.ms = retryAfter * 1000 + 1;
    const again = await ask(t, cheap(-4));
    assert.equal(again.status, 200, `admitted again after Retry-After (${answered} answered before the refusal)`);
    await again.text();
  } finally {
    await t.close();
  }
});

test('the time a query waited for a query worker is not charged to its client, only the time it ran', async () => {
  // one query worker; a budget of 2 s that barely refills within the test
  const t = await makeApp({ queryWorkers: 1, queryBudgetMs: 2000, queryBudgetWindowMs: 600_000, clientQueries: 0, anonymousQueries: 0 });
  const running = async () => ((await (await t.request('/health')).json()) as { saturation: { query: { running: number; queued: number } } }).saturation.query;
  const until = async (wanted: (q: { running: number; queued: number }) => boolean) => {
    while (!wanted(await running())) await new Promise((r) => setTimeout(r, 50));
  };
  try {
    await until((q) => q.running === 0 && q.queued === 0);
    // the service's own heavy read (no client's) holds the only query worker until its 3 s timeout stops it
    const values = (v: string) => `VALUES ?${v} { ${Array.from({ length: 2000 }, (_, i) => i).join(' ')} }`;
    const heavy = t.ctx.store.query({ query: `SELECT (COUNT(*) AS ?n) WHERE { ${values('a')} ${values('b')} ${values('c')} }`, unionDefaultGraph: true, format: JSON_RESULTS.accept, timeoutMs: 3000 })
      .then(() => 'ANSWERED', (e: { code?: string }) => e.code);
    await until((q) => q.running === 1);
    const waited = ask(t, cheap(600));
    await until((q) => q.queued === 1);
    const res = await waited;
    assert.equal(res.status, 200);
    assert.equal(await heavy, 'QUERY_TIMEOUT');
    // it waited over 3 s and ran for milliseconds: had the wait been charged, none of the 2 s would be left (r=0)
    assert.match(res.headers.get('ratelimit') ?? '', /^"query-time";r=1;t=\d+$/);
    await res.text();
    const next = await ask(t, cheap(601));
    assert.equal(next.status, 200);
    await next.text();
  } finally {
    await t.close();
  }
});

test('one client may have at most --client-queries queued or running; another client is not held back by it', async () => {
  const t = await makeApp({ queryWorkers: 1, trustProxy: true, clientQueries: 2, anonymousQueries: 0, queryBudgetMs: 0 });
  try {
    const a = { 'x-forwarded-for': '192.0.2.1' };
    const burst = await Promise.all(Array.from({ length: 6 }, (_, n) => ask(t, slow(100 + n), a)));
    const statuses = burst.map((r) => r.status).sort();
    assert.deepEqual(statuses.filter((s) => s !== 429).every((s) => s === 200), true, statuses.join(' '));
    assert.ok(statuses.filter((s) => s === 200).length >= 2, statuses.join(' '));
    const refused = burst.filter((r) => r.status === 429);
    assert.ok(refused.length >= 1, statuses.join(' '));
    const error = await errorOf(refused[0]!);
    assert.equal(error.code, 'TOO_MANY_QUERIES');
    assert.equal(refused[0]!.headers.get('retry-after'), '1');
    assert.equal(refused[0]!.headers.get('ratelimit'), '"concurrency";r=0');
    assert.equal(refused[0]!.headers.get('ratelimit-policy'), '"concurrency";q=2;qu="concurrent-requests"');
    await Promise.all(burst.filter((r) => r.status !== 429).map((r) => r.text()));
    // while client A has two running, client B (another address in front of the proxy) is admitted
    const held = [ask(t, slow(200), a), ask(t, slow(201), a)];
    await new Promise((r) => setTimeout(r, 20));
    const b = await ask(t, cheap(202), { 'x-forwarded-for': '192.0.2.2' });
    assert.equal(b.status, 200);
    await b.text();
    for (const res of await Promise.all(held)) await res.text();
  } finally {
    await t.close();
  }
});

test('all anonymous clients together may have at most --anonymous-queries queued or running: 503 with Retry-After', async () => {
  const t = await makeApp({ queryWorkers: 1, trustProxy: true, clientQueries: 1, anonymousQueries: 2, queryBudgetMs: 0 });
  try {
    const burst = await Promise.all(Array.from({ length: 5 }, (_, n) => ask(t, slow(300 + n), { 'x-forwarded-for': `198.51.100.${n + 1}` })));
    const statuses = burst.map((r) => r.status);
    assert.ok(statuses.filter((s) => s === 200).length >= 1, statuses.join(' '));
    const busy = burst.filter((r) => r.status === 503);
    assert.ok(busy.length >= 1, statuses.join(' '));
    assert.equal(busy[0]!.headers.get('retry-after'), '2');
    assert.equal((await errorOf(busy[0]!)).code, 'ANONYMOUS_QUERIES_BUSY');
    assert.ok(statuses.every((s) => s === 200 || s === 503), statuses.join(' '));
    await Promise.all(burst.map((r) => r.text().catch(() => '')));
    // the token holder is not counted among them
    const holder = await Promise.all(Array.from({ length: 3 }, (_, n) => ask(t, slow(400 + n), AUTH)));
    assert.deepEqual(holder.map((r) => r.status), [200, 200, 200]);
    await Promise.all(holder.map((r) => r.text()));
  } finally {
    await t.close();
  }
});

test('named queries are limited too, and RateLimit never leaks through the result cache to another client', async () => {
  const t = await makeApp({ queryWorkers: 1, trustProxy: true, clientQueries: 4, queryBudgetMs: 60_000, queryBudgetWindowMs: 60_000 });
  try {
    const query = cheap(500);
    const a = await ask(t, query, { 'x-forwarded-for': '203.0.113.1' });
    assert.equal(a.status, 200);
    assert.equal(a.headers.get('x-cache'), 'MISS');
    assert.equal(a.headers.get('ratelimit-policy'), '"query-time";q=60;w=60;qu="query-seconds", "concurrency";q=4;qu="concurrent-requests"');
    assert.match(a.headers.get('ratelimit') ?? '', /^"query-time";r=(5\d|60);t=\d$/);
    await a.text();
    const b = await ask(t, query, { 'x-forwarded-for': '203.0.113.2' });
    assert.equal(b.headers.get('x-cache'), 'HIT');
    assert.equal(b.headers.get('ratelimit'), null);
    assert.equal(b.headers.get('ratelimit-policy'), null);
    await b.text();
    const named = await t.request('/api/queries/participating-states', { headers: { 'x-forwarded-for': '203.0.113.3' } });
    assert.equal(named.status, 200);
    assert.match(named.headers.get('ratelimit') ?? '', /^"query-time";r=(5\d|60);t=\d$/);
    await named.text();
    const exposed = a.headers.get('access-control-expose-headers') ?? '';
    for (const name of ['RateLimit', 'RateLimit-Policy', 'Retry-After']) assert.ok(exposed.split(',').includes(name), exposed);
  } finally {
    await t.close();
  }
});

test('/policy states the limits this server enforces and the User-Agent etiquette; the home page and the editor link it', async () => {
  const t = await makeApp({ queryWorkers: 1, clientQueries: 3, anonymousQueries: 12, queryBudgetMs: 45_000, queryBudgetWindowMs: 60_000 });
  try {
    const res = await t.request('/policy');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/html; charset=UTF-8');
    assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    const text = (await res.text()).replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
    assert.match(text, /45 s of query time per 60 s for each client/);
    assert.match(text, /At most 3 queries queued or running at once for each client/);
    assert.match(text, /At most 12 queries queued or running for all anonymous clients together/);
    assert.match(text, /Send a User-Agent that names your tool and how to reach you/);
    assert.match(text, /No IP address is logged or stored/);
    for (const page of ['/', '/query']) {
      const html = await (await t.request(page)).text();
      assert.match(html, /<main[\s\S]*<a href="\/policy">Usage policy<\/a>[\s\S]*<\/main>/, page);
    }
  } finally {
    await t.close();
  }
});
