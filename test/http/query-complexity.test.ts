/**
 * Queries and updates past the size and operator bounds are refused before any parser or the engine sees them (issue
 * 21, point 8): each of these once trapped oxigraph (400 ENGINE_LIMIT and a replica rebuilt); now a 400
 * QUERY_TOO_COMPLEX naming the bound, its limit and the count, and the store goes on answering.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AUTH, EX, errorOf, makeApp, type TestApp } from '../support/http-support.js';

const post = (t: TestApp, query: string) => t.request('/sparql', { method: 'POST', headers: { 'Content-Type': 'application/sparql-query' }, body: query });

const BOMBS: [string, string, string, number][] = [
  ['200,000 negations', `SELECT (${'!'.repeat(200_000)}true AS ?x) {}`, 'operators', 200_000],
  ['20,000 additions', `SELECT (${Array(20_001).fill('1').join(' + ')} AS ?x) {}`, 'operators', 20_000],
  ['20,000 UNIONs', `SELECT * { ${Array(20_001).fill('{ ?s ?p ?o }').join(' UNION ')} }`, 'clauses', 20_000],
  ['a 50,000-step path', `PREFIX e: <${EX}> SELECT * { ?s ${Array(50_000).fill('e:p').join('/')} ?o }`, 'operators', 50_000], // 49,999 steps and SELECT's *
  ['5,000 BINDs', `SELECT * { ${Array.from({ length: 5000 }, (_, i) => `BIND(${i} AS ?v${i})`).join(' ')} }`, 'clauses', 5000],
];

describe('query complexity bounds', () => {
  it('refuses each bomb with 400 QUERY_TOO_COMPLEX naming the bound, and keeps answering', async () => {
    const t = await makeApp();
    try {
      for (const [name, query, bound, count] of BOMBS) {
        const res = await post(t, query);
        assert.equal(res.status, 400, name);
        const error = await errorOf(res);
        assert.equal(error.code, 'QUERY_TOO_COMPLEX', name);
        assert.deepEqual(error.detail, { bound, count, limit: bound === 'operators' ? 1000 : 500 }, name);
        assert.match(error.message, new RegExp(`^The query has ${count.toLocaleString('en')} ${bound} .*more than the ${bound === 'operators' ? '1,000' : '500'} allowed`), name);
      }
      const ask = await post(t, `ASK { <${EX}s1> ?p ?o }`);
      assert.equal(ask.status, 200);
    } finally {
      await t.close();
    }
  });

  it('answers queries within the bounds: 400 UNIONs, 900 operators; strings, IRIs and comments do not count', async () => {
    const t = await makeApp();
    try {
      const unions = await post(t, `SELECT (COUNT(*) AS ?n) { ${Array(401).fill(`{ <${EX}s1> ?p ?o }`).join(' UNION ')} }`);
      assert.equal(unions.status, 200, await unions.clone().text());
      const sum = await post(t, `SELECT (${Array(901).fill('1').join(' + ')} AS ?x) {}`);
      assert.equal(sum.status, 200);
      assert.equal(((await sum.json()) as { results: { bindings: { x: { value: string } }[] } }).results.bindings[0]!.x.value, '901');
      const quoted = await post(t, `# ${'!'.repeat(2000)} UNION UNION\nSELECT ("${'+'.repeat(2000)} FILTER" AS ?x) { OPTIONAL { <${EX}a-b+c/${'-'.repeat(1500)}> ?p ?o } }`);
      assert.equal(quoted.status, 200, await quoted.clone().text());
    } finally {
      await t.close();
    }
  });

  it('refuses an update past the bounds with 400 UPDATE_TOO_COMPLEX, and the limits are configurable', async () => {
    const t = await makeApp({ queryLimits: { chars: 200, operators: 1000, clauses: 500 } });
    try {
      const update = `INSERT { <${EX}x> <${EX}p> ?v } WHERE { ${Array.from({ length: 600 }, (_, i) => `BIND(${i} AS ?v${i})`).join(' ')} }`;
      const res = await t.request('/sparql', { method: 'POST', headers: { 'Content-Type': 'application/sparql-update', ...AUTH }, body: update });
      assert.equal(res.status, 400);
      const error = await errorOf(res);
      assert.equal(error.code, 'UPDATE_TOO_COMPLEX');
      assert.deepEqual(error.detail, { bound: 'chars', count: update.length, limit: 200 });
      const long = await post(t, `ASK { <${EX}${'s'.repeat(300)}> ?p ?o }`);
      assert.equal(long.status, 400);
      assert.equal((await errorOf(long)).code, 'QUERY_TOO_COMPLEX');
      assert.equal((await post(t, 'ASK {}')).status, 200);
    } finally {
      await t.close();
    }
  });
});
