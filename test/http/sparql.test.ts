import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Parser } from 'n3';
import { AUTH, EX, errorOf, form, makeApp, TOKEN, type TestApp } from '../support/http-support.js';
import { testGate } from '../support/gates.js';

type Json = { head: { vars: string[] }; results: { bindings: Record<string, { value: string }>[] }; boolean?: boolean };
const SELECT_ALL = `SELECT ?o WHERE { ?s <${EX}p> ?o } ORDER BY ?o`;
const q = (query: string, extra = '') => `/sparql?query=${encodeURIComponent(query)}${extra}`;
const values = (body: Json) => body.results.bindings.map((b) => b.o?.value);

describe('SPARQL protocol: queries', () => {
  let t: TestApp;
  before(async () => (t = await makeApp()));
  after(() => t.close());

  it('get query returns SPARQL JSON by default with Vary: Accept and CORS', async () => {
    const res = await t.request(q(SELECT_ALL), { headers: { Origin: 'http://elsewhere.example' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/sparql-results+json; charset=utf-8');
    assert.equal(res.headers.get('vary'), 'Accept');
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.deepEqual(values((await res.json()) as Json), ['alpha', 'beta', 'gamma']);
  });

  it('tells what the answer cost the server (Server-Timing), readable by cross-origin scripts', async () => {
    const query = q(`${SELECT_ALL} # timing`);
    const miss = await t.request(query, { headers: { Origin: 'http://elsewhere.example' } });
    assert.match(miss.headers.get('server-timing') ?? '', /^cache;desc="MISS";dur=\d+\.\d{3}$/);
    const hit = await t.request(query, { headers: { Origin: 'http://elsewhere.example' } });
    assert.match(hit.headers.get('server-timing') ?? '', /^cache;desc="HIT";dur=\d+\.\d{3}$/, 'a hit has its own timing, not the stored one');
    assert.deepEqual(hit.headers.get('access-control-expose-headers')?.split(','), ['Location', 'Content-Type', 'ETag', 'X-Cache', 'Server-Timing', 'X-Query-Id', 'Retry-After', 'RateLimit', 'RateLimit-Policy', 'Link', 'X-Total-Count', 'Content-Range', 'Accept-Ranges', 'Content-Disposition', 'Allow']);
    assert.equal(hit.headers.get('timing-allow-origin'), '*');
  });

  it('default graph is the union of all graphs unless turned off', async () => {
    const off = await makeApp({ unionDefaultGraph: false });
    try {
      const res = await off.request(q(SELECT_ALL));
      assert.deepEqual(values((await res.json()) as Json), ['gamma']);
    } finally {
      await off.close();
    }
  });

  for (const [accept, type, expected] of [
    ['application/sparql-results+xml', 'application/sparql-results+xml', null],
    ['text/csv', 'text/csv', 'o\r\nalpha\r\nbeta\r\ngamma\r\n'],
    ['text/tab-separated-values', 'text/tab-separated-values', '?o\n"alpha"\n"beta"\n"gamma"\n'],
    ['application/json', 'application/sparql-results+json', null],
  ] as const) {
    it(`get query with Accept ${accept} answers ${type}`, async () => {
      const res = await t.request(q(SELECT_ALL), { headers: { Accept: accept } });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), `${type}; charset=utf-8`);
      const text = await res.text();
      if (expected !== null) assert.equal(text, expected);
      else if (type.endsWith('xml')) assert.match(text, /<literal>beta<\/literal>/);
    });
  }

  it('returns 406 when no offered type is acceptable', async () => {
    const res = await t.request(q(SELECT_ALL), { headers: { Accept: 'image/png' } });
    assert.equal(res.status, 406);
    assert.equal((await errorOf(res)).code, 'NOT_ACCEPTABLE');
  });

  it('get query accept specific exclusion: q=0 removes a type a wildcard admits', async () => {
    const res = await t.request(q(SELECT_ALL), { headers: { Accept: 'application/sparql-results+json;q=0, */*' } });
    assert.equal(res.headers.get('content-type'), 'application/sparql-results+xml; charset=utf-8');
  });

  it('format parameter overrides Accept', async () => {
    const res = await t.request(q(SELECT_ALL, '&format=csv'), { headers: { Accept: 'application/sparql-results+xml' } });
    assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
  });

  it('ask answers a boolean', async () => {
    const res = await t.request(q(`ASK { <${EX}a> ?p ?o }`));
    assert.equal(((await res.json()) as Json).boolean, true);
  });

  it('post form and post direct queries answer like GET', async () => {
    const byForm = await t.request('/sparql', form({ query: SELECT_ALL }));
    assert.deepEqual(values((await byForm.json()) as Json), ['alpha', 'beta', 'gamma']);
    const direct = await t.request('/sparql', { method: 'POST', headers: { 'Content-Type': 'application/sparql-query' }, body: SELECT_ALL });
    assert.deepEqual(values((await direct.json()) as Json), ['alpha', 'beta', 'gamma']);
  });

  it('default-graph-uri and named-graph-uri set the dataset', async () => {
    const res = await t.request(q(SELECT_ALL, `&default-graph-uri=${encodeURIComponent(`${EX}g2`)}`));
    assert.deepEqual(values((await res.json()) as Json), ['beta']);
    const named = await t.request(q(`SELECT ?o { GRAPH ?g { ?s ?p ?o } }`, `&named-graph-uri=${encodeURIComponent(`${EX}g1`)}`));
    assert.deepEqual(values((await named.json()) as Json), ['alpha']);
  });

  for (const [accept, check] of [
    ['text/turtle', 'turtle'],
    ['application/n-triples', 'n-triples'],
    ['application/ld+json', 'json-ld'],
    ['application/rdf+xml', 'rdf-xml'],
  ] as const) {
    it(`construct answers ${accept}`, async () => {
      const res = await t.request(q(`CONSTRUCT { ?s <${EX}q> ?o } WHERE { GRAPH <${EX}g1> { ?s ?p ?o } }`), { headers: { Accept: accept } });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), `${accept}; charset=utf-8`);
      const text = await res.text();
      if (check === 'json-ld') {
        assert.deepEqual(JSON.parse(text), [{ '@id': `${EX}a`, [`${EX}q`]: [{ '@value': 'alpha' }] }]);
      } else if (check === 'rdf-xml') {
        assert.match(text, /^<\?xml/);
      } else {
        const quads = new Parser({ format: check === 'turtle' ? 'text/turtle' : 'N-Triples' }).parse(text);
        assert.deepEqual(quads.map((x) => [x.subject.value, x.predicate.value, x.object.value]), [[`${EX}a`, `${EX}q`, 'alpha']]);
      }
    });
  }

  it('construct with format=json answers JSON-LD', async () => {
    const res = await t.request(q(`CONSTRUCT WHERE { ?s ?p ?o }`, '&format=json'));
    assert.equal(res.headers.get('content-type'), 'application/ld+json; charset=utf-8');
  });

  it('syntax error is a 400 with line and column, never a 500', async () => {
    const res = await t.request(q('SELECT * WHERE {\n  ?s ?p }'));
    assert.equal(res.status, 400);
    const error = await errorOf(res);
    assert.equal(error.code, 'QUERY_SYNTAX');
    assert.deepEqual(error.detail, { line: 2, column: 9 });
  });

  it('syntax error in a query the engine parses (not SELECT *) is a 400 at the offending token', async () => {
    const res = await t.request(q('PREFIX ex: <http://example.org/>\nSELECT ?s WHERE {\n  ?s ex:p ?o . FILTER( }'));
    assert.equal(res.status, 400);
    const error = await errorOf(res);
    assert.equal(error.code, 'QUERY_SYNTAX');
    assert.deepEqual(error.detail, { line: 3, column: 24 });
    assert.match(error.message, /^SPARQL query syntax error: Parse error on line 3/);
  });

  it('an unknown prefix is a 400 with the line and column of the prefixed name, whichever parser meets it first', async () => {
    // SELECT ?s goes to the engine first (oxigraph points just past the name), SELECT * to sparqljs (which names no
    // position): both answer the same, where the name starts
    for (const vars of ['?s', '*']) {
      const res = await t.request(q(`PREFIX ex: <http://example.org/>\nSELECT ${vars} WHERE {\n  ?s nope:p ?o }`));
      assert.equal(res.status, 400);
      const error = await errorOf(res);
      assert.equal(error.code, 'QUERY_SYNTAX');
      assert.deepEqual(error.detail, { line: 3, column: 6 }, vars);
      assert.equal(error.message, 'SPARQL query syntax error: Unknown prefix: nope', vars);
    }
  });

  it('an update sent as query is a 400', async () => {
    const res = await t.request(q('INSERT DATA { <a:a> <a:b> <a:c> }'));
    assert.equal(res.status, 400);
  });

  it('update by GET is refused with 400', async () => {
    const res = await t.request(`/sparql?update=${encodeURIComponent('CLEAR ALL')}`);
    assert.equal(res.status, 400);
    assert.equal((await errorOf(res)).code, 'UPDATE_BY_GET');
  });

  it('returns 415 for a POST with an unsupported Content-Type', async () => {
    const res = await t.request('/sparql', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: SELECT_ALL });
    assert.equal(res.status, 415);
    assert.equal((await errorOf(res)).code, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('returns 400 for a form with both query and update, and for one with neither', async () => {
    const both = await t.request('/sparql', form({ query: SELECT_ALL, update: 'CLEAR ALL' }));
    assert.equal(both.status, 400);
    assert.equal((await errorOf(both)).code, 'QUERY_AND_UPDATE');
    const neither = await t.request('/sparql', form({ foo: 'bar' }));
    assert.equal(neither.status, 400);
    assert.equal((await errorOf(neither)).code, 'MISSING_OPERATION');
  });

  it('returns 400 for a repeated query parameter', async () => {
    const res = await t.request(`${q(SELECT_ALL)}&query=${encodeURIComponent(SELECT_ALL)}`);
    assert.equal(res.status, 400);
  });

  it('returns 413 for a query body above maxRequestBytes', async () => {
    const small = await makeApp({ maxRequestBytes: 64 });
    try {
      const body = `SELECT * WHERE { ?s ?p ?o } # ${'x'.repeat(100)}`;
      const res = await small.request('/sparql', { method: 'POST', headers: { 'Content-Type': 'application/sparql-query' }, body });
      assert.equal(res.status, 413);
      assert.equal((await errorOf(res)).code, 'PAYLOAD_TOO_LARGE');
    } finally {
      await small.close();
    }
  });

  it('SERVICE outside the allowlist is 403 SERVICE_NOT_ALLOWED', async () => {
    const res = await t.request(q('SELECT * WHERE { SERVICE <http://evil.example/sparql> { ?s ?p ?o } }'));
    assert.equal(res.status, 403);
    assert.equal((await errorOf(res)).code, 'SERVICE_NOT_ALLOWED');
    const variable = await t.request(q('SELECT * WHERE { SERVICE ?x { ?s ?p ?o } }'));
    assert.equal(variable.status, 403);
  });

  it('get without query returns the service description by Accept', async () => {
    const res = await t.request('/sparql', { headers: { Accept: 'application/n-triples' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/n-triples; charset=utf-8');
    const quads = new Parser({ format: 'N-Triples' }).parse(await res.text());
    const objects = (p: string) => quads.filter((x) => x.predicate.value === `http://www.w3.org/ns/sparql-service-description#${p}`).map((x) => x.object.value);
    // the public endpoint from the configured base, never from the request's Host
    assert.deepEqual(objects('endpoint'), ['http://localhost:8080/sparql']);
    assert.ok(objects('feature').includes('http://www.w3.org/ns/sparql-service-description#UnionDefaultGraph'));
    assert.deepEqual(objects('supportedLanguage').sort(), ['SPARQL11Query', 'SPARQL11Update'].map((l) => `http://www.w3.org/ns/sparql-service-description#${l}`));
    assert.equal(quads.find((x) => x.predicate.value === 'http://rdfs.org/ns/void#triples')?.object.value, '3');
  });

  it('the description counts only the real default graph when the union is off', async () => {
    const off = await makeApp({ unionDefaultGraph: false });
    try {
      const res = await off.request('/sparql', { headers: { Accept: 'application/n-triples' } });
      const quads = new Parser({ format: 'N-Triples' }).parse(await res.text());
      assert.equal(quads.find((x) => x.predicate.value === 'http://rdfs.org/ns/void#triples')?.object.value, '1');
      assert.equal(quads.some((x) => x.object.value.endsWith('#UnionDefaultGraph')), false);
    } finally {
      await off.close();
    }
  });

  it('get without query from a browser is sent to the query editor with 303', async () => {
    const res = await t.request('/sparql', { headers: { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/query');
    assert.equal(res.headers.get('vary'), 'Accept');
  });

  it('unknown paths answer a 404 JSON error', async () => {
    const res = await t.request('/no/such/thing');
    assert.equal(res.status, 404);
    assert.equal((await errorOf(res)).code, 'NOT_FOUND');
  });
});

describe('SPARQL protocol: updates', () => {
  const update = (text: string, headers: Record<string, string> = AUTH) => ({
    method: 'POST',
    headers: { 'Content-Type': 'application/sparql-update', ...headers },
    body: text,
  });

  it('post update read only: without a configured token every write is 403 READ_ONLY', async () => {
    const t = await makeApp({ token: undefined });
    try {
      const res = await t.request('/sparql', update('CLEAR ALL'));
      assert.equal(res.status, 403);
      assert.equal((await errorOf(res)).code, 'READ_ONLY');
      assert.equal(await t.ctx.store.size(), 3);
    } finally {
      await t.close();
    }
  });

  it('post update without or with a wrong token is 401 with WWW-Authenticate', async () => {
    const t = await makeApp();
    try {
      const none = await t.request('/sparql', update('CLEAR ALL', {}));
      assert.equal(none.status, 401);
      assert.match(none.headers.get('www-authenticate') ?? '', /^Bearer /);
      const wrong = await t.request('/sparql', update('CLEAR ALL', { Authorization: `Bearer ${TOKEN}x` }));
      assert.equal(wrong.status, 401);
      assert.equal((await errorOf(wrong)).code, 'INVALID_TOKEN');
      assert.equal(await t.ctx.store.size(), 3);
    } finally {
      await t.close();
    }
  });

  it('post update direct and by form with the token answers 204 and changes the data', async () => {
    const t = await makeApp();
    try {
      const res = await t.request('/sparql', update(`INSERT DATA { <${EX}d> <${EX}p> "delta" }`));
      assert.equal(res.status, 204);
      const byForm = await t.request('/sparql', { ...form({ update: `DELETE DATA { <${EX}c> <${EX}p> "gamma" }` }), headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...AUTH } });
      assert.equal(byForm.status, 204);
      const rows = await t.ctx.store.select(`SELECT ?o WHERE { ?s <${EX}p> ?o } ORDER BY ?o`);
      assert.deepEqual(rows.map((r) => r.o?.value), ['alpha', 'beta', 'delta']);
    } finally {
      await t.close();
    }
  });

  it('using-graph-uri sets the WHERE dataset of an update', async () => {
    const t = await makeApp({ unionDefaultGraph: false });
    try {
      const text = `INSERT { GRAPH <${EX}out> { ?s <${EX}copied> ?o } } WHERE { ?s <${EX}p> ?o }`;
      const res = await t.request(`/sparql?using-graph-uri=${encodeURIComponent(`${EX}g2`)}`, update(text));
      assert.equal(res.status, 204);
      const rows = await t.ctx.store.select(`SELECT ?o WHERE { GRAPH <${EX}out> { ?s ?p ?o } }`);
      assert.deepEqual(rows.map((r) => r.o?.value), ['beta']);
    } finally {
      await t.close();
    }
  });

  it('update syntax error is a 400 UPDATE_SYNTAX with a position', async () => {
    const t = await makeApp();
    try {
      const res = await t.request('/sparql', update('INSERT DATA { <a:a> <a:b> }'));
      assert.equal(res.status, 400);
      const error = await errorOf(res);
      assert.equal(error.code, 'UPDATE_SYNTAX');
      assert.equal((error.detail as { line: number }).line, 1);
    } finally {
      await t.close();
    }
  });

  it('a write the gate rejects is 422 with the report, and the store is unchanged', async () => {
    const t = await makeApp({}, undefined, testGate({ reject: '1 SHACL violation', report: { conforms: false, results: [{ message: 'no' }] } }));
    try {
      const res = await t.request('/sparql', update(`INSERT DATA { <${EX}d> <${EX}p> "delta" }`));
      assert.equal(res.status, 422);
      const error = await errorOf(res);
      assert.equal(error.code, 'SHACL_VIOLATION');
      assert.deepEqual(error.detail, { conforms: false, results: [{ message: 'no' }] });
      assert.equal(await t.ctx.store.size(), 3);
    } finally {
      await t.close();
    }
  });
});

describe('SPARQL protocol: empty updates', () => {
  it('an update with only a prologue and comments is a valid no-op (204)', async () => {
    const t = await makeApp();
    try {
      for (const body of ['', '# nothing', 'BASE <http://example/>\n# Otherwise empty', 'PREFIX : <http://example/#>\n']) {
        const res = await t.request('/sparql', { method: 'POST', headers: { 'Content-Type': 'application/sparql-update', ...AUTH }, body });
        assert.equal(res.status, 204, JSON.stringify(body));
      }
      assert.equal(await t.ctx.store.version(), 0);
    } finally {
      await t.close();
    }
  });
});
