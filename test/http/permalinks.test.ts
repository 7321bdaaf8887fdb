/**
 * Permalinks to queries (issue 22 point 12) through the real listener: `POST /q` stores the text by its hash, durably,
 * and answers its short link; `GET /q/{id}` opens it in the editor (which runs it) or gives the text; the same query
 * always gets the same link, also after a restart; what is not a query, or too large, gets no link.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EX, errorOf, form, makeApp } from '../support/http-support.js';

const QUERY = `PREFIX ex: <${EX}>\nSELECT ?o WHERE { ex:a ex:p ?o } # ünïcode`;
const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const post = (body: string, type = 'application/sparql-query') => ({ method: 'POST', headers: { 'content-type': type }, body });

test('a permalink stores the query by its hash and opens it: the editor runs it, other clients get the text', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'osce-links-'));
  let t = await makeApp({ dataDir });
  try {
    const made = await t.request('/q', post(QUERY));
    assert.equal(made.status, 201);
    assert.match(made.headers.get('ratelimit-policy') ?? '', /^"query-time";q=60;w=60/, 'making a link is limited like a query');
    const body = (await made.json()) as { id: string; url: string };
    assert.match(body.id, /^[\w-]{10}$/);
    assert.equal(body.url, `http://localhost:8080/q/${body.id}`);
    assert.equal(made.headers.get('location'), body.url);
    assert.equal(readFileSync(join(dataDir, 'links', `${body.id}.rq`), 'utf8'), QUERY);
    assert.deepEqual(readdirSync(join(dataDir, 'links')), [`${body.id}.rq`], 'no temp file left');

    const again = await t.request('/q', form({ query: QUERY }));
    assert.equal(again.status, 200);
    assert.deepEqual(await again.json(), body);
    const other = (await (await t.request('/q', post(`${QUERY} `, 'text/plain'))).json()) as { id: string };
    assert.notEqual(other.id, body.id);

    const text = await t.request(`/q/${body.id}`, { headers: { accept: 'application/sparql-query' } });
    assert.equal(text.status, 200);
    assert.equal(text.headers.get('content-type'), 'application/sparql-query; charset=utf-8');
    assert.equal(text.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(await text.text(), QUERY);

    const page = await t.request(`/q/${body.id}`, { headers: { accept: BROWSER } });
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('content-type'), 'text/html; charset=UTF-8');
    const html = await page.text();
    const config = JSON.parse(/<script type="application\/json" id="query-config">([^<]*)<\/script>/.exec(html)?.[1] ?? '{}') as { open?: unknown; endpoint?: string };
    assert.deepEqual(config.open, { id: body.id, query: QUERY });
    assert.equal(config.endpoint, '/sparql');
    assert.match(html, /<button type="button" id="share-query">/);

    // a restart (a new app over the same data directory) opens the same link, and gives the same query the same one
    await t.close();
    t = await makeApp({ dataDir });
    assert.equal(await (await t.request(`/q/${body.id}`, { headers: { accept: 'text/plain' } })).text(), QUERY);
    assert.equal((await t.request('/q', post(QUERY))).status, 200);
  } finally {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('no permalink for what is not a query, a query too large, or a body of another type; unknown links are 404', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'osce-links-'));
  const t = await makeApp({ dataDir });
  try {
    const cases: Array<[RequestInit, number, string]> = [
      [post('SELECT ?x WHERE { ?x }'), 400, 'QUERY_SYNTAX'],
      [post(`INSERT DATA { <${EX}a> <${EX}p> "x" }`), 400, 'QUERY_SYNTAX'],
      [post('   '), 400, 'MISSING_QUERY'],
      [form({ other: 'x' }), 400, 'MISSING_QUERY'],
      [post(`SELECT * WHERE { ?s ?p ?o } #${'x'.repeat(70_000)}`), 413, 'QUERY_TOO_LARGE_FOR_LINK'],
      [post('{"query": "SELECT"}', 'application/json'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ];
    for (const [init, status, code] of cases) {
      const res = await t.request('/q', init);
      assert.equal(res.status, status, code);
      assert.equal((await errorOf(res)).code, code);
    }
    assert.equal(existsSync(join(dataDir, 'links')), false, 'nothing stored');
    for (const id of ['AAAAAAAAAA', 'short', '..%2F..%2Fetc', 'a'.repeat(44)]) {
      const res = await t.request(`/q/${id}`);
      assert.equal(res.status, 404, id);
      assert.equal((await errorOf(res)).code, 'NOT_FOUND');
    }
    const page = await t.request('/q/AAAAAAAAAA', { headers: { accept: BROWSER } });
    assert.equal(page.status, 404);
    assert.equal(page.headers.get('content-type'), 'text/html; charset=UTF-8');
  } finally {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
