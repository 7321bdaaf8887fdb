import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataFactory, Parser } from 'n3';
import type { Quad } from '@rdfjs/types';
import { createMemoryStore } from '../../src/store/embedded-store.js';
import { AppError } from '../../src/errors.js';
import { settled } from './store-support.js';
import type { ChangeEvent } from '../../src/store/types.js';
import { subjectChanges } from '../../src/store/summary.js';
import { changesOf } from '../support/store-changes.js';
import { GateProbe, testGate } from '../support/gates.js';

const { namedNode, literal, quad } = DataFactory;
const EX = 'http://example.org/';
const fixture = (): Quad[] => new Parser().parse(`
  @prefix ex: <${EX}> .
  ex:a ex:name "A" ; ex:n 1 .
  ex:b ex:name "B"@en .
  <${EX}g1> { ex:c ex:name "C" . }
`) as Quad[];



test('select, ask and construct read the union default graph', async () => {
  const store = createMemoryStore(fixture());
  try {
    const rows = await store.select(`SELECT ?s ?n WHERE { ?s <${EX}name> ?n } ORDER BY ?s`);
    assert.deepEqual(rows.map((r) => [r.s!.value, r.n!.value]), [[`${EX}a`, 'A'], [`${EX}b`, 'B'], [`${EX}c`, 'C']]);
    assert.equal(rows[1]!.n!.termType, 'Literal');
    assert.equal((rows[1]!.n as { language: string }).language, 'en');
    assert.equal(await store.ask(`ASK { <${EX}c> ?p ?o }`), true);
    const quads = await store.construct(`CONSTRUCT WHERE { <${EX}a> ?p ?o }`);
    assert.equal(quads.length, 2);
    assert.equal(await store.size(), 4);
    assert.deepEqual(await store.graphs(), [`${EX}g1`]);
  } finally {
    await store.close();
  }
});

test('a read after close is a 503 STORE_CLOSED (a background index update that outlives the service), not a TypeError', async () => {
  const store = createMemoryStore(fixture());
  assert.equal(await store.ask(`ASK { <${EX}a> ?p ?o }`), true);
  await store.close();
  for (const read of [() => store.select('SELECT * WHERE { ?s ?p ?o }'), () => store.ask('ASK {}'), () => store.graphs()]) {
    await assert.rejects(read(), (e: unknown) => e instanceof AppError && e.status === 503 && e.code === 'STORE_CLOSED');
  }
});

test('query serializes SELECT as SPARQL JSON and respects unionDefaultGraph=false', async () => {
  const store = createMemoryStore(fixture());
  try {
    const q = `SELECT ?n WHERE { ?s <${EX}name> ?n } ORDER BY ?n`;
    const res = await store.query({ query: q, unionDefaultGraph: true, format: 'application/sparql-results+json', timeoutMs: 5000 });
    assert.equal(res.form, 'SELECT');
    assert.equal(res.mediaType, 'application/sparql-results+json');
    const body = JSON.parse(res.body) as { results: { bindings: { n: { value: string } }[] } };
    assert.deepEqual(body.results.bindings.map((b) => b.n.value), ['A', 'B', 'C']);
    const std = await store.query({ query: q, unionDefaultGraph: false, format: 'text/csv', timeoutMs: 5000 });
    assert.equal(std.body.replace(/\r/g, ''), 'n\nA\nB\n');
    const ds = await store.query({ query: q, unionDefaultGraph: true, format: 'text/tab-separated-values', timeoutMs: 5000, dataset: { defaultGraphs: [`${EX}g1`] } });
    assert.equal(ds.body.replace(/\r/g, ''), '?n\n"C"\n');
    const ttl = await store.query({ query: `CONSTRUCT WHERE { <${EX}c> ?p ?o }`, unionDefaultGraph: true, format: 'text/turtle', timeoutMs: 5000 });
    assert.equal(ttl.form, 'CONSTRUCT');
    assert.deepEqual(new Parser().parse(ttl.body).map((q) => q.object.value), ['C']);
  } finally {
    await store.close();
  }
});

test('a syntax error is a 400 QUERY_SYNTAX with line and column', async () => {
  const store = createMemoryStore([]);
  try {
    await assert.rejects(store.query({ query: 'SELECT * {\n ?s ?p }', unionDefaultGraph: true, format: 'text/csv', timeoutMs: 5000 }),
      (e: unknown) => e instanceof AppError && e.status === 400 && e.code === 'QUERY_SYNTAX' &&
        JSON.stringify(e.detail) === JSON.stringify({ line: 2, column: 9 }));
    await assert.rejects(store.query({ query: 'SELEC * {}', unionDefaultGraph: true, format: 'text/csv', timeoutMs: 5000 }),
      (e: unknown) => e instanceof AppError && e.status === 400 && e.code === 'QUERY_SYNTAX');
  } finally {
    await store.close();
  }
});

test('a result past maxResultBytes is a 413 RESULT_TOO_LARGE', async () => {
  const store = createMemoryStore(fixture());
  try {
    await assert.rejects(store.query({ query: 'SELECT * { ?s ?p ?o }', unionDefaultGraph: true, format: 'application/sparql-results+json', timeoutMs: 5000, maxResultBytes: 50 }),
      (e: unknown) => e instanceof AppError && e.status === 413 && e.code === 'RESULT_TOO_LARGE');
  } finally {
    await store.close();
  }
});

test('a runaway query times out with 503 while other queries stay prompt', async () => {
  const store = createMemoryStore(fixture(), { workers: 2 });
  try {
    await store.ask('ASK {}'); // workers warm
    const runaway = `SELECT (COUNT(*) AS ?c) WHERE { VALUES ?a { 1 2 3 4 5 6 7 8 9 10 } ${'?s1 ?p1 ?o1 . '.repeat(1)}
      ?x1 (<${EX}x>|!<${EX}y>)* ?y1 . ?x2 (<${EX}x>|!<${EX}y>)* ?y2 . ?x3 (<${EX}x>|!<${EX}y>)* ?y3 . ?x4 (<${EX}x>|!<${EX}y>)* ?y4 . ?x5 (<${EX}x>|!<${EX}y>)* ?y5 . ?x6 (<${EX}x>|!<${EX}y>)* ?y6 }`;
    const started = Date.now();
    let slowSettled = 0;
    const slow = store.query({ query: runaway, unionDefaultGraph: true, format: 'text/csv', timeoutMs: 2000 })
      .finally(() => { slowSettled = Date.now(); });
    assert.equal(await store.ask(`ASK { <${EX}a> ?p ?o }`), true);
    const fastDone = Date.now();
    await assert.rejects(slow, (e: unknown) => e instanceof AppError && e.status === 503 && e.code === 'QUERY_TIMEOUT');
    assert.ok(fastDone < slowSettled, 'another query was answered while the runaway ran');
    const elapsed = slowSettled - started;
    assert.ok(elapsed >= 1950 && elapsed < 6000, `timed out after ${elapsed} ms`);
    // the replaced worker serves again, with the data
    const rows = await store.select(`SELECT ?n { <${EX}c> ?p ?n }`);
    assert.equal(rows[0]!.n!.value, 'C');
    // the runaway's worker was stopped (terminated and replaced), not left evaluating: the pool says so
    const saturation = store.saturation()!;
    assert.equal(saturation.timedOut, 1);
    assert.deepEqual([saturation.query.workers, saturation.query.running, saturation.query.queued], [2, 0, 0]);
    // and no thread burns CPU any more (process.cpuUsage counts every thread of the process): a runaway burns about a
    // core in every window, so one quiet window of five shows it is gone, however loaded the machine (on a loaded
    // one the replacement replica's load and other processes' turns make single windows noisy: CI saw 88 ms at load 20+)
    await settled();
    const windows: number[] = [];
    for (let i = 0; i < 5 && !windows.some((ms) => ms < 50); i++) {
      const cpu = process.cpuUsage();
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const used = process.cpuUsage(cpu);
      windows.push((used.user + used.system) / 1000);
    }
    assert.ok(windows.some((ms) => ms < 50), `CPU used in each idle second after the timeout: ${windows.join(', ')} ms`);
  } finally {
    await store.close();
  }
});

test('write: INSERT DATA changes what is new, bumps the version and notifies listeners with its summary', async () => {
  const store = createMemoryStore(fixture());
  try {
    const events: ChangeEvent[] = [];
    store.onChange((e) => events.push(e));
    const v0 = await store.version();
    const r = await changesOf(store, () => store.write({ type: 'update', update: `INSERT DATA { <${EX}d> <${EX}name> "D" . <${EX}a> <${EX}name> "A" }`, unionDefaultGraph: true }));
    assert.equal(r.version, v0 + 1);
    assert.equal(r.removed.length, 0);
    assert.ok(r.added.length === 1 && r.added[0]!.equals(quad(namedNode(`${EX}d`), namedNode(`${EX}name`), literal('D'))));
    assert.deepEqual([r.summary.added, r.summary.removed], [1, 0]);
    assert.deepEqual(events.map((e) => e.version), [v0 + 1]);
    const subjects: [string, number][] = [];
    for await (const batch of subjectChanges(events[0]!.summary)) subjects.push(...batch);
    assert.deepEqual(subjects, [[`${EX}d`, 1]]);
    const again = await store.write({ type: 'update', update: `INSERT DATA { <${EX}d> <${EX}name> "D" }`, unionDefaultGraph: true });
    assert.equal(again.version, v0 + 1, 'an empty delta does not bump the version');
    assert.equal((await store.select(`SELECT ?s { ?s <${EX}name> "D" }`)).length, 1, 'replicas see the committed write');
  } finally {
    await store.close();
  }
});

test('write: a gate rejection is a 422 SHACL_VIOLATION and leaves the store unchanged', async () => {
  const store = createMemoryStore(fixture());
  try {
    const before = await store.size();
    const probe = new GateProbe();
    const gate = testGate({ reject: '1 SHACL violation', probe: probe.buffer, query: `SELECT ?o { <${EX}a> ?p ?o }` });
    await assert.rejects(store.write({ type: 'update', update: `DELETE WHERE { <${EX}a> ?p ?o }`, unionDefaultGraph: true }, gate),
      (e: unknown) => e instanceof AppError && e.status === 422 && e.code === 'SHACL_VIOLATION' && e.message === '1 SHACL violation' &&
        (e.detail as { conforms: boolean }).conforms === false);
    assert.deepEqual(probe.seen, { rows: 0, added: 0, removed: 2, graphs: { added: [], removed: [''] } }, 'the gate saw the delta and the pending state');
    assert.equal(await store.size(), before);
    assert.equal(await store.ask(`ASK { <${EX}a> <${EX}n> 1 }`), true);
  } finally {
    await store.close();
  }
});

test('a query with FROM uses its own dataset even when the service default graph is the union', async () => {
  const store = createMemoryStore(fixture(), { workers: 0 });
  try {
    const res = await store.query({ query: `SELECT ?n FROM <${EX}g1> WHERE { ?s <${EX}name> ?n }`, unionDefaultGraph: true, format: 'text/csv', timeoutMs: 5000 });
    assert.equal(res.body.replace(/\r/g, ''), 'n\nC\n');
  } finally {
    await store.close();
  }
});

test('an invalid graph IRI is a 400 INVALID_IRI, not an internal error', async () => {
  const store = createMemoryStore(fixture(), { workers: 0 });
  try {
    const invalid = (e: unknown) => e instanceof AppError && e.status === 400 && e.code === 'INVALID_IRI';
    await assert.rejects(store.hasGraph({ iri: 'http://example.org/a b' }), invalid);
    await assert.rejects(store.write({ type: 'put-graph', graph: { iri: 'http://example.org/a>b' }, quads: [] }), invalid);
    assert.equal(await store.version(), 0);
  } finally {
    await store.close();
  }
});

test('dump streams N-Quads in pieces cut at line ends that add up to the whole dataset', async () => {
  const many = Array.from({ length: 30_000 }, (_, i) => quad(namedNode(`${EX}s${i}`), namedNode(`${EX}p`), literal(`value ${i}`), namedNode(`${EX}big`)));
  const store = createMemoryStore([...fixture(), ...many], { workers: 0 });
  try {
    const chunks: string[] = [];
    for await (const chunk of store.dump({ format: 'application/n-quads' })) chunks.push(chunk);
    assert.ok(chunks.length >= 2, `${chunks.length} pieces`);
    assert.ok(chunks.every((c) => c.endsWith('\n')));
    const parsed = new Parser({ format: 'N-Quads' }).parse(chunks.join(''));
    assert.equal(parsed.length, 30_004);
    assert.equal(parsed.filter((q) => q.graph.value === `${EX}big`).length, 30_000);
    const ttl: string[] = [];
    for await (const chunk of store.dump({ format: 'text/turtle', graph: { iri: `${EX}g1` } })) ttl.push(chunk);
    assert.deepEqual(new Parser().parse(ttl.join('')).map((q) => q.object.value), ['C']);
  } finally {
    await store.close();
  }
});

test('dumpBytes yields the dump as UTF-8, in whole-line pieces that decode to the same text as dump, from a worker', async () => {
  // non-ASCII text over 1,100 graphs: three batches (512 graphs a job), each crossing from the query worker as bytes
  const quads = Array.from({ length: 2200 }, (_, i) => quad(namedNode(`${EX}s${i}`), namedNode(`${EX}name`), literal(`Zürich Ελλάδα Москва ${i}`, 'de'), namedNode(`${EX}g${i % 1100}`)));
  const store = createMemoryStore([...fixture(), ...quads], { workers: 1 });
  try {
    for (const format of ['application/n-quads', 'application/n-triples', 'text/turtle'] as const) {
      let text = '';
      for await (const piece of store.dump({ format })) text += piece;
      const pieces: Uint8Array[] = [];
      for await (const piece of store.dumpBytes({ format })) pieces.push(piece);
      assert.ok(pieces.length >= 2, `${format}: ${pieces.length} pieces`);
      assert.ok(pieces.every((p) => p[p.byteLength - 1] === 0x0a), `${format}: every piece ends at a line end`);
      // each piece decodes alone (no character cut between two pieces)
      const decoder = new TextDecoder('utf-8', { fatal: true });
      assert.equal(pieces.map((p) => decoder.decode(p)).join(''), text, format);
    }
    let one = '';
    for await (const piece of store.dumpBytes({ format: 'application/n-triples', graph: { iri: `${EX}g7` } })) one += new TextDecoder().decode(piece);
    assert.equal(new Parser().parse(one).length, 2);
  } finally {
    await store.close();
  }
});

test('dump batches many graphs per job and yields the same text as dumping them one by one', async () => {
  const small = Array.from({ length: 1300 }, (_, i) => [0, 1].map((j) => quad(namedNode(`${EX}s${i}`), namedNode(`${EX}p`), literal(`v${i}-${j}`), namedNode(`${EX}g${String(i).padStart(4, '0')}`)))).flat();
  // one graph of ~6 MB so a batch is also cut by its output size, not only by its graph count
  const big = Array.from({ length: 60 }, (_, i) => quad(namedNode(`${EX}big${i}`), namedNode(`${EX}p`), literal('x'.repeat(100_000)), namedNode(`${EX}g0650-big`)));
  const store = createMemoryStore([...fixture(), ...small, ...big], { workers: 1 });
  const collect = async (it: AsyncIterable<string>) => {
    const parts: string[] = [];
    for await (const part of it) parts.push(part);
    return parts.join('');
  };
  try {
    const graphs = await store.graphs();
    assert.equal(graphs.length, 1302);
    for (const format of ['application/n-quads', 'application/n-triples', 'text/turtle'] as const) {
      const oneByOne = [await collect(store.dump({ format, graph: 'default' }))];
      for (const iri of graphs) oneByOne.push(await collect(store.dump({ format, graph: { iri } })));
      assert.equal(await collect(store.dump({ format })), oneByOne.join(''), format);
    }
    const nq = new Parser({ format: 'N-Quads' }).parse(await collect(store.dump({ format: 'application/n-quads' })));
    assert.equal(nq.length, 4 + 2600 + 60);
  } finally {
    await store.close();
  }
});
