import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import oxigraph from 'oxigraph';
import { DataFactory } from 'n3';
import type { Quad } from '@rdfjs/types';
import { loadReferenceQuads } from '../../src/model/reference.js';
import { AppError } from '../../src/errors.js';
import type { RemoteStore } from '../../src/store/remote/index.js';
import type { ChangeEvent, Delta, StoreView } from '../../src/store/types.js';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../src/model/paths.js';
import { skipWithoutVirtuoso, startVirtuoso, stopVirtuoso, storeOn, type VirtuosoEndpoints } from './remote-store-server.js';
import { changesOf } from '../support/store-changes.js';

const { namedNode, literal, quad } = DataFactory;
const BASE = 'http://localhost:8080/';
const EX = 'http://example.org/';
const g = (name: string) => namedNode(`${EX}graph/${name}`);
const ex = (name: string) => namedNode(`${EX}${name}`);
const sorted = (quads: readonly Quad[]) => quads.map((q) => `${q.subject.value} ${q.predicate.value} ${q.object.value} ${q.graph.value}`).sort();

function parseGraph(body: string, format: string): string[] {
  const quads = oxigraph.parse(body, { format, base_iri: BASE }) as oxigraph.Quad[];
  return quads.map((q) => `${q.subject.value} ${q.predicate.value} ${q.object.termType}:${q.object.value}`).sort();
}

describe('RemoteStore on Virtuoso', { skip: skipWithoutVirtuoso() }, () => {
  let v: VirtuosoEndpoints | undefined;
  let store: RemoteStore;
  const reference = loadReferenceQuads(BASE);

  before(async () => {
    v = await startVirtuoso();
    store = storeOn(v, BASE, { seed: () => reference, dumpPageSize: 1000 });
    await store.open();
  });
  after(async () => {
    await store?.close();
    await stopVirtuoso(v);
  });

  test('an empty store is seeded with the reference data on first open, at version 0, internal graphs hidden', async () => {
    assert.equal(await store.version(), 0);
    assert.equal(await store.size(), reference.length);
    assert.deepEqual(await store.graphs(), [`${BASE}graph/ontology`, `${BASE}graph/reference`]);
    assert.equal(await store.hasGraph({ iri: `${BASE}graph/meta/store` }), false);
    assert.equal(await store.hasGraph({ iri: `${BASE}graph/reference` }), true);
  });

  test('a second open of the seeded store does not seed again', async () => {
    const again = storeOn(v!, BASE, { seed: () => [quad(ex('x'), ex('p'), literal('must not appear'), g('seed'))] });
    await again.open();
    assert.equal(await again.size(), reference.length);
    assert.equal(await again.hasGraph({ iri: `${EX}graph/seed` }), false);
    await again.close();
  });

  test('SELECT passes through as JSON, XML, CSV and TSV with the same solution; system and internal graphs stay out of the union', async () => {
    const query = 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }';
    const run = (format: string) => store.query({ query, unionDefaultGraph: true, format, timeoutMs: 10_000 });
    const json = await run('application/sparql-results+json');
    assert.equal(json.form, 'SELECT');
    assert.equal(json.mediaType, 'application/sparql-results+json');
    assert.deepEqual(JSON.parse(json.body), {
      head: { vars: ['n'] },
      results: { bindings: [{ n: { type: 'literal', datatype: 'http://www.w3.org/2001/XMLSchema#integer', value: String(reference.length) } }] },
    });
    assert.deepEqual((await run('text/csv')).body.trim().split(/\r?\n/), ['"n"', String(reference.length)]);
    assert.equal((await run('text/tab-separated-values')).body.trim().split(/\r?\n/)[1], String(reference.length));
    assert.match((await run('application/sparql-results+xml')).body, new RegExp(`<literal datatype="http://www.w3.org/2001/XMLSchema#integer">${reference.length}</literal>`));
  });

  test('CONSTRUCT comes back as Turtle, N-Triples, JSON-LD and RDF/XML that parse to the same triples', async () => {
    const query = `CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${BASE}graph/reference> { ?s ?p ?o FILTER (?s = <${BASE}id/country/al>) } }`;
    const expected = reference.filter((q) => q.subject.value === `${BASE}id/country/al`)
      .map((q) => `${q.subject.value} ${q.predicate.value} ${q.object.termType}:${q.object.value}`).sort();
    assert.ok(expected.length > 10);
    for (const format of ['text/turtle', 'application/n-triples', 'application/ld+json', 'application/rdf+xml']) {
      const r = await store.query({ query, unionDefaultGraph: true, format, timeoutMs: 10_000 });
      assert.equal(r.form, 'CONSTRUCT');
      assert.equal(r.mediaType, format);
      assert.deepEqual(parseGraph(r.body, format), expected, format);
    }
  });

  test('a syntax error is 400 QUERY_SYNTAX with the line the store reports; an unknown format is 406', async () => {
    await assert.rejects(store.query({ query: 'SELECT * WHERE {\n  ?s ?p }', unionDefaultGraph: true, format: 'text/csv', timeoutMs: 5000 }),
      (e: AppError) => e.status === 400 && e.code === 'QUERY_SYNTAX' && (e.detail as { line: number }).line === 2);
    await assert.rejects(store.query({ query: 'ASK {}', unionDefaultGraph: true, format: 'text/turtle', timeoutMs: 5000 }),
      (e: AppError) => e.status === 406 && e.code === 'NOT_ACCEPTABLE');
  });

  test('a query past its time limit is stopped by the store and becomes 503 QUERY_TIMEOUT, not partial rows', async () => {
    const started = Date.now();
    await assert.rejects(store.query({
      query: 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }', unionDefaultGraph: true,
      format: 'application/sparql-results+json', timeoutMs: 500,
    }), (e: AppError) => e.status === 503 && e.code === 'QUERY_TIMEOUT');
    assert.ok(Date.now() - started < 5000);
  });

  test('SPARQL Update: INSERT DATA then DELETE/INSERT WHERE give exact deltas and one version step each', async () => {
    const v0 = await store.version();
    const r1 = await changesOf(store, () => store.write({ type: 'update', unionDefaultGraph: true, update:
      `PREFIX ex: <${EX}> INSERT DATA { GRAPH <${EX}graph/u> { ex:a ex:p "one"@en-GB , 1 . ex:b ex:p "two" } }` }));
    assert.equal(r1.version, v0 + 1);
    assert.equal(r1.summary.added, 3);
    assert.deepEqual(sorted(r1.added), [`${EX}a ${EX}p 1 ${EX}graph/u`, `${EX}a ${EX}p one ${EX}graph/u`, `${EX}b ${EX}p two ${EX}graph/u`]);
    // the same insert again changes nothing and keeps the version
    const again = await store.write({ type: 'update', unionDefaultGraph: true, update: `PREFIX ex: <${EX}> INSERT DATA { GRAPH <${EX}graph/u> { ex:b ex:p "two" } }` });
    assert.deepEqual([again.summary.added, again.summary.removed, again.version], [0, 0, v0 + 1]);
    const r2 = await changesOf(store, () => store.write({ type: 'update', unionDefaultGraph: true, update:
      `PREFIX ex: <${EX}> DELETE { GRAPH ?g { ?s ex:p ?o } } INSERT { GRAPH ?g { ?s ex:q ?o } } WHERE { GRAPH ?g { ?s ex:p ?o FILTER(isLiteral(?o) && lang(?o) != "") } }` }));
    assert.equal(r2.version, v0 + 2);
    assert.deepEqual(sorted(r2.removed), [`${EX}a ${EX}p one ${EX}graph/u`]);
    assert.deepEqual(sorted(r2.added), [`${EX}a ${EX}q one ${EX}graph/u`]);
    const rows = await store.select(`SELECT ?p ?o WHERE { GRAPH <${EX}graph/u> { <${EX}a> ?p ?o } } ORDER BY ?p ?o`);
    assert.deepEqual(rows.map((r) => `${r.p!.value} ${r.o!.value}`), [`${EX}p 1`, `${EX}q one`]);
  });

  test('graph-store writes: PUT replaces, POST merges, DELETE removes; hasGraph and dump follow', async () => {
    const G = g('gsp');
    const put = await store.write({ type: 'put-graph', graph: { iri: G.value }, quads: [quad(ex('s'), ex('p'), literal('1')), quad(ex('s'), ex('p'), literal('2'))] });
    assert.equal(put.summary.added, 2);
    const put2 = await changesOf(store, () => store.write({ type: 'put-graph', graph: { iri: G.value }, quads: [quad(ex('s'), ex('p'), literal('2')), quad(ex('s'), ex('p'), literal('3'))] }));
    assert.deepEqual(sorted(put2.removed), [`${EX}s ${EX}p 1 ${G.value}`]);
    assert.deepEqual(sorted(put2.added), [`${EX}s ${EX}p 3 ${G.value}`]);
    const post = await changesOf(store, () => store.write({ type: 'post-graph', graph: { iri: G.value }, quads: [quad(ex('s'), ex('p'), literal('3')), quad(ex('s'), ex('p'), literal('4'))] }));
    assert.deepEqual(sorted(post.added), [`${EX}s ${EX}p 4 ${G.value}`]);
    let dumped = '';
    for await (const chunk of store.dump({ format: 'application/n-triples', graph: { iri: G.value } })) dumped += chunk;
    assert.deepEqual(dumped.trim().split('\n').sort(), ['2', '3', '4'].map((n) => `<${EX}s> <${EX}p> "${n}" .`));
    assert.equal(await store.hasGraph({ iri: G.value }), true);
    const del = await store.write({ type: 'delete-graph', graph: { iri: G.value } });
    assert.equal(del.summary.removed, 3);
    assert.equal(await store.hasGraph({ iri: G.value }), false);
  });

  test('the default graph lives apart from named graphs: union by default, alone without union', async () => {
    await store.write({ type: 'update', unionDefaultGraph: true, update: `INSERT DATA { <${EX}d> <${EX}p> "in default" }` });
    const ask = (union: boolean) => store.query({ query: `ASK { <${EX}d> <${EX}p> "in default" }`, unionDefaultGraph: union, format: 'application/sparql-results+json', timeoutMs: 5000 });
    assert.equal(JSON.parse((await ask(true)).body).boolean, true);
    assert.equal(JSON.parse((await ask(false)).body).boolean, true);
    const refOnlyInNamed = await store.query({ query: `ASK { <${BASE}id/country/al> ?p ?o }`, unionDefaultGraph: false, format: 'application/sparql-results+json', timeoutMs: 5000 });
    assert.equal(JSON.parse(refOnlyInNamed.body).boolean, false);
    assert.ok(!(await store.graphs()).includes(`${BASE}graph/default`));
  });

  test('a gate rejection leaves data and version unchanged; the gate sees the state after the write and the reference data', async () => {
    const before = await store.version();
    const size = await store.size();
    let seen: { delta: Delta; count: string | undefined; country: boolean } | undefined;
    const gate = async (delta: Delta, view: StoreView) => {
      const rows = await view.select(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${EX}graph/gated> { ?s ?p ?o } }`);
      const country = await view.select(`SELECT ?t WHERE { <${BASE}id/country/al> a ?t } LIMIT 1`);
      seen = { delta, count: rows[0]?.n?.value, country: country.length === 1 };
      return { message: '1 SHACL violation', report: { conforms: false } };
    };
    await assert.rejects(store.write({ type: 'post-graph', graph: { iri: `${EX}graph/gated` }, quads: [quad(ex('r'), ex('mentions'), namedNode(`${BASE}id/country/al`))] }, gate),
      (e: AppError) => e.status === 422 && e.code === 'SHACL_VIOLATION' && (e.detail as { conforms: boolean }).conforms === false);
    assert.equal(seen?.delta.added.length, 1);
    assert.equal(seen?.count, '1');
    assert.equal(seen?.country, true);
    assert.equal(await store.version(), before);
    assert.equal(await store.size(), size);
    assert.equal(await store.hasGraph({ iri: `${EX}graph/gated` }), false);
  });

  test('wrong credentials: the write fails with 502 STORE_AUTH and nothing changes', async () => {
    const bad = storeOn(v!, BASE, { password: 'wrong' });
    const before = await store.version();
    await assert.rejects(bad.write({ type: 'post-graph', graph: { iri: `${EX}graph/bad` }, quads: [quad(ex('a'), ex('b'), ex('c'))] }),
      (e: AppError) => e.status === 502 && e.code === 'STORE_AUTH');
    assert.equal(await store.version(), before);
    await bad.close();
  });

  test('dump streams every graph as N-Quads in pages, the whole dataset with no internal graph', async () => {
    let chunks = 0;
    const lines: string[] = [];
    for await (const chunk of store.dump({ format: 'application/n-quads' })) {
      chunks++;
      lines.push(...chunk.split('\n').filter(Boolean));
    }
    assert.equal(lines.length, await store.size());
    assert.ok(chunks >= Math.ceil(reference.length / 1000), `${chunks} chunks`);
    const graphs = new Set(oxigraph.parse(lines.join('\n'), { format: 'application/n-quads' }).map((q) => q.graph.value));
    assert.ok(!graphs.has(`${BASE}graph/meta/store`));
    assert.ok(graphs.has(`${BASE}graph/reference`));
  });

  test('bulk load with Virtuoso\'s own loader (scripts/virtuoso.sh load) adds the graph and steps the shared version', async () => {
    const file = join(v!.dir, 'bulk.nt');
    const people = [`${BASE}id/person/bulk-a`, `${BASE}id/person/bulk-b`];
    writeFileSync(file, Array.from({ length: 2500 }, (_, i) => `<${EX}bulk/${i}> <${EX}p> "${i}" .\n`).join('') + people.map((p) => `<${p}> <${EX}p> "person" .\n`).join(''));
    const before = await store.version();
    const size = await store.size();
    const events: ChangeEvent[] = [];
    const off = store.onChange((e) => events.push(e));
    execFileSync(join(ROOT, 'scripts', 'virtuoso.sh'), ['load', v!.dir, `${EX}graph/bulk`, file], { env: { ...process.env, OSCE_KG_BASE: BASE }, stdio: 'pipe' });
    assert.equal(await store.version(), before + 1);
    assert.equal(await store.size(), size + 2502);
    assert.equal(await store.hasGraph({ iri: `${EX}graph/bulk` }), true);
    // the load is in the shared change log: a bulk entry listing its entities, delivered to listeners as a bulk event
    const [entry] = await store.changeLog.entries(before, before + 1);
    assert.deepEqual([entry?.version, entry?.touched, entry?.present], [before + 1, people, people]);
    await store.sync();
    off();
    assert.deepEqual(events.filter((e) => e.version > before).map((e) => [e.version, e.bulk, e.summary.added]), [[before + 1, true, 0]]);
  });
});
