/**
 * Queries and updates past the size and operator bounds are refused before any parser or the engine sees them (issue
 * 21, point 8): each of these once trapped oxigraph (400 ENGINE_LIMIT and a replica rebuilt); now a 400
 * QUERY_TOO_COMPLEX naming the bound, its limit and the count, and the store goes on answering.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AUTH, EX, errorOf, makeApp, type TestApp } from '../support/http-support.js';
import { loadConfig } from '../../src/config.js';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from '../../src/sparql/complexity.js';

const post = (t: TestApp, query: string) => t.request('/sparql', { method: 'POST', headers: { 'Content-Type': 'application/sparql-query' }, body: query });

const BOMBS: [string, string, string, number][] = [
  ['200,000 negations', `SELECT (${'!'.repeat(200_000)}true AS ?x) {}`, 'operators', 200_000],
  ['20,000 additions', `SELECT (${Array(20_001).fill('1').join(' + ')} AS ?x) {}`, 'operators', 20_000],
  ['20,000 UNIONs', `SELECT * { ${Array(20_001).fill('{ ?s ?p ?o }').join(' UNION ')} }`, 'clauses', 20_000],
  ['a 50,000-step path', `PREFIX e: <${EX}> SELECT * { ?s ${Array(50_000).fill('e:p').join('/')} ?o }`, 'operators', 50_000], // 49,999 steps and SELECT's *
  ['5,000 BINDs', `SELECT * { ${Array.from({ length: 5000 }, (_, i) => `BIND(${i} AS ?v${i})`).join(' ')} }`, 'clauses', 5000],
];

/**
 * Each shape at its bound (`limits`, nesting 100) three times on the app's store: the same answer each time; one more
 * of it is refused with its 400.
 */
async function answersAtBounds(t: TestApp, limits: QueryLimits): Promise<void> {
  const n = (k: number) => Array.from({ length: k }, (_, i) => i);
  // [shape, the query with k of it, the value of ?x (undefined: the same each time, a positive count), the bound
  // (nesting: QUERY_TOO_DEEP, parse.ts), its limit]
  const AT_BOUND: [string, (k: number) => string, string | undefined, 'operators' | 'clauses' | 'nesting', number][] = [
    ['additions', (k) => `SELECT (${Array(k + 1).fill('1').join(' + ')} AS ?x) {}`, String(limits.operators + 1), 'operators', limits.operators],
    ['multiplications', (k) => `SELECT (${Array(k + 1).fill('1').join(' * ')} AS ?x) {}`, '1', 'operators', limits.operators],
    ['&&', (k) => `SELECT (${Array(k + 1).fill('true').join(' && ')} AS ?x) {}`, 'true', 'operators', limits.operators],
    ['||', (k) => `SELECT (${Array(k + 1).fill('false').join(' || ')} AS ?x) {}`, 'false', 'operators', limits.operators],
    ['negations', (k) => `SELECT (${'!'.repeat(k)}true AS ?x) {}`, 'true', 'operators', limits.operators],
    ['a path of alternatives', (k) => `SELECT (COUNT(?o) AS ?x) { <${EX}a> ${Array(k + 1).fill(`<${EX}p>`).join('|')} ?o }`, undefined, 'operators', limits.operators],
    ['UNIONs', (k) => `SELECT (COUNT(*) AS ?x) { ${Array(k + 1).fill(`{ <${EX}a> ?p ?o }`).join(' UNION ')} }`, String(limits.clauses + 1), 'clauses', limits.clauses],
    ['OPTIONALs', (k) => `SELECT (COUNT(*) AS ?x) { ${n(k).map((i) => `OPTIONAL { <${EX}a> <${EX}none${i}> ?o${i} }`).join(' ')} }`, '1', 'clauses', limits.clauses],
    ['BINDs', (k) => `SELECT (COUNT(*) AS ?x) { ${n(k).map((i) => `BIND(${i} AS ?v${i})`).join(' ')} }`, '1', 'clauses', limits.clauses],
    ['FILTERs', (k) => `SELECT (COUNT(*) AS ?x) { <${EX}a> ?p ?v ${Array(k).fill('FILTER(sameTerm(?v, "alpha"))').join(' ')} }`, '1', 'clauses', limits.clauses],
    ['nested groups', (k) => `SELECT (COUNT(*) AS ?x) ${'{ '.repeat(k)}<${EX}a> ?p ?o${' }'.repeat(k)}`, '1', 'nesting', 100],
    ['nested parentheses', (k) => `SELECT (${'('.repeat(k - 1)}1${')'.repeat(k - 1)} AS ?x) {}`, '1', 'nesting', 100],
  ];
  for (const [shape, query, value, bound, limit] of AT_BOUND) {
    const text = query(limit);
    let first: string | undefined;
    for (let run = 1; run <= 3; run++) {
      const res = await post(t, text);
      assert.equal(res.status, 200, `${shape}, run ${run}: ${await res.clone().text()}`);
      const body = (await res.json()) as { results: { bindings: { x: { value: string } }[] } };
      const x = body.results.bindings[0]!.x.value;
      first ??= x;
      assert.equal(x, value ?? first, `${shape}, run ${run}`);
      if (value === undefined) assert.ok(Number(x) > 0, `${shape}: ${x}`);
    }
    const over = await post(t, query(limit + 1));
    assert.equal(over.status, 400, shape);
    const error = await errorOf(over);
    if (bound === 'nesting') {
      assert.equal(error.code, 'QUERY_TOO_DEEP', shape);
      assert.deepEqual(error.detail, { limit }, shape);
      assert.match(error.message, /more than 100 levels deep/, shape);
    } else {
      assert.equal(error.code, 'QUERY_TOO_COMPLEX', shape);
      assert.equal((error.detail as { bound: string }).bound, bound, shape);
      assert.match(error.message, new RegExp(`more than the ${limit.toLocaleString('en')} allowed`), shape);
    }
  }
}

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

  it('answers queries within the bounds: strings, IRIs and comments do not count', async () => {
    const t = await makeApp();
    try {
      const quoted = await post(t, `# ${'!'.repeat(2000)} UNION UNION\nSELECT ("${'+'.repeat(2000)} FILTER" AS ?x) { OPTIONAL { <${EX}a-b+c/${'-'.repeat(1500)}> ?p ?o } }`);
      assert.equal(quoted.status, 200, await quoted.clone().text());
    } finally {
      await t.close();
    }
  });

  // A query the check admits is answered every time, not only by a cold engine: once V8 has tiered oxigraph's
  // WebAssembly up (after a query or two), its frames take more of the thread's stack, and with node's default 4 MiB
  // worker stack 1,000 additions answered once and then overflowed (400 ENGINE_LIMIT) every time after. Each query at
  // the bound runs three times in the same query worker (the production path; decision 0018's warm measurements).
  it('answers each shape at the bound the same way three times in one worker, and refuses one more', async () => {
    const t = await makeApp({ queryWorkers: 1 });
    try {
      await answersAtBounds(t, DEFAULT_QUERY_LIMITS);
    } finally {
      await t.close();
    }
  });

  // On the calling thread (--query-workers 0) V8's stack is node's default 984 KB: a warm engine overflowed it at
  // 250-300 additions and 500 OPTIONALs, BINDs or MINUSes, and the one replica stayed broken (every later query 503
  // ENGINE_FAULT). The defaults there are lower, and a query at them is answered every time.
  it('with queries on the calling thread, has lower bounds by default and answers each shape at them three times', async () => {
    const config = loadConfig({ queryWorkers: 0 }, {});
    assert.deepEqual(config.queryLimits, { chars: 512 * 1024, operators: 100, clauses: 200 });
    assert.deepEqual(loadConfig({ queryWorkers: 0 }, { OSCE_KG_MAX_QUERY_OPERATORS: '150' }).queryLimits.operators, 150, 'the environment still sets them');
    assert.deepEqual(loadConfig({}, {}).queryLimits, DEFAULT_QUERY_LIMITS);
    const t = await makeApp({ queryWorkers: 0, queryLimits: config.queryLimits });
    try {
      await answersAtBounds(t, config.queryLimits);
      assert.equal((await post(t, `ASK { <${EX}s1> ?p ?o }`)).status, 200, 'the engine still answers');
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
