import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataFactory, Parser } from 'n3';
import type { Quad } from '@rdfjs/types';
import { createMemoryStore } from '../../src/store/embedded-store.js';
import { AppError } from '../../src/errors.js';
import { changesOf } from '../support/store-changes.js';
import { rejectingGate } from '../support/gates.js';

const { namedNode, literal, quad } = DataFactory;
const EX = 'http://example.org/';
const data = (): Quad[] => new Parser().parse(`
  @prefix ex: <${EX}> .
  ex:a ex:p 1 .
  <${EX}g1> { ex:b ex:p 2 . ex:b ex:q "x" . }
  <${EX}g2> { ex:c ex:p 3 . }
`) as Quad[];

const sorted = (quads: Quad[]) => quads.map((q) => `${q.subject.value} ${q.predicate.value} ${q.object.value} ${q.graph.value}`).sort();

async function update(text: string, union = false, quads = data()) {
  const store = createMemoryStore(quads, { workers: 0 });
  try {
    const r = await changesOf(store, () => store.write({ type: 'update', update: text, unionDefaultGraph: union }));
    assert.deepEqual([r.summary.added, r.summary.removed], [r.added.length, r.removed.length], 'the summary counts the changes');
    return { added: sorted(r.added), removed: sorted(r.removed), version: r.version };
  } finally {
    await store.close();
  }
}

test('DELETE/INSERT WHERE with WITH reads and writes the WITH graph', async () => {
  const r = await update(`WITH <${EX}g1> DELETE { ?s <${EX}p> ?o } INSERT { ?s <${EX}p2> ?o } WHERE { ?s <${EX}p> ?o }`);
  assert.deepEqual(r.removed, [`${EX}b ${EX}p 2 ${EX}g1`]);
  assert.deepEqual(r.added, [`${EX}b ${EX}p2 2 ${EX}g1`]);
});

test('USING replaces the WHERE dataset; templates without GRAPH go to the default graph', async () => {
  const r = await update(`INSERT { ?s <${EX}seen> true } USING <${EX}g2> WHERE { ?s <${EX}p> ?o }`);
  assert.deepEqual(r.added, [`${EX}c ${EX}seen true `]);
});

test('with the union default graph, WHERE sees every graph; without it, only the default graph', async () => {
  const q = `INSERT { ?s <${EX}seen> true } WHERE { ?s <${EX}p> ?o }`;
  assert.deepEqual((await update(q, true)).added, [`${EX}a ${EX}seen true `, `${EX}b ${EX}seen true `, `${EX}c ${EX}seen true `]);
  assert.deepEqual((await update(q, false)).added, [`${EX}a ${EX}seen true `]);
});

test('INSERT template blank nodes are fresh per solution', async () => {
  const store = createMemoryStore(data(), { workers: 0 });
  try {
    const r = await changesOf(store, () => store.write({ type: 'update', update: `INSERT { _:n <${EX}about> ?s } WHERE { GRAPH ?g { ?s <${EX}p> ?o } }`, unionDefaultGraph: false }));
    assert.equal(r.added.length, 2);
    assert.notEqual(r.added[0]!.subject.value, r.added[1]!.subject.value);
    assert.ok(r.added.every((q) => q.subject.termType === 'BlankNode'));
  } finally {
    await store.close();
  }
});

test('operations of one request apply in order and the delta is net', async () => {
  const r = await update(`INSERT DATA { <${EX}t> <${EX}p> 9 } ; DELETE DATA { <${EX}t> <${EX}p> 9 } ; DELETE DATA { <${EX}a> <${EX}p> 1 } ; INSERT DATA { <${EX}a> <${EX}p> 1 }`);
  assert.deepEqual(r, { added: [], removed: [], version: 0 });
});

test('CLEAR, DROP, COPY, MOVE and ADD become quad deltas', async () => {
  assert.deepEqual((await update(`DROP GRAPH <${EX}g2>`)).removed, [`${EX}c ${EX}p 3 ${EX}g2`]);
  assert.deepEqual((await update('CLEAR DEFAULT')).removed, [`${EX}a ${EX}p 1 `]);
  assert.equal((await update('DROP NAMED')).removed.length, 3);
  assert.equal((await update('CLEAR ALL')).removed.length, 4);
  const copy = await update(`COPY <${EX}g2> TO <${EX}g1>`);
  assert.deepEqual(copy.added, [`${EX}c ${EX}p 3 ${EX}g1`]);
  assert.deepEqual(copy.removed, [`${EX}b ${EX}p 2 ${EX}g1`, `${EX}b ${EX}q x ${EX}g1`]);
  const move = await update(`MOVE DEFAULT TO <${EX}g3>`);
  assert.deepEqual(move, { added: [`${EX}a ${EX}p 1 ${EX}g3`], removed: [`${EX}a ${EX}p 1 `], version: 1 });
  assert.deepEqual((await update(`ADD <${EX}g2> TO DEFAULT`)).added, [`${EX}c ${EX}p 3 `]);
});

test('LOAD is refused with 403 LOAD_FORBIDDEN; LOAD SILENT does nothing', async () => {
  await assert.rejects(update(`LOAD <http://example.org/remote.ttl>`), (e: unknown) => e instanceof AppError && e.status === 403 && e.code === 'LOAD_FORBIDDEN');
  assert.deepEqual(await update(`LOAD SILENT <http://example.org/remote.ttl>`), { added: [], removed: [], version: 0 });
});

test('an update syntax error is a 400 UPDATE_SYNTAX with line and column, and nothing changes', async () => {
  await assert.rejects(update(`INSERT DATA { <${EX}x> <${EX}p> 1 } ;\nDELETE DATA { ?x <${EX}p> 1 }`),
    (e: unknown) => e instanceof AppError && e.status === 400 && e.code === 'UPDATE_SYNTAX' && (e.detail as { line: number }).line === 2);
});

test('graph store ops: put replaces a graph, post merges, delete-graph removes it', async () => {
  const store = createMemoryStore(data(), { workers: 0 });
  const t = (o: number) => quad(namedNode(`${EX}n`), namedNode(`${EX}p`), literal(String(o), namedNode('http://www.w3.org/2001/XMLSchema#integer')));
  try {
    const put = await changesOf(store, () => store.write({ type: 'put-graph', graph: { iri: `${EX}g1` }, quads: [t(2), t(5)] }));
    assert.deepEqual(sorted(put.added), [`${EX}n ${EX}p 2 ${EX}g1`, `${EX}n ${EX}p 5 ${EX}g1`]);
    assert.deepEqual(sorted(put.removed), [`${EX}b ${EX}p 2 ${EX}g1`, `${EX}b ${EX}q x ${EX}g1`]);
    assert.deepEqual(put.summary.graphs, { added: [`${EX}g1`], removed: [`${EX}g1`] });
    const post = await changesOf(store, () => store.write({ type: 'post-graph', graph: 'default', quads: [t(5), t(1)] }));
    assert.deepEqual(sorted(post.added), [`${EX}n ${EX}p 1 `, `${EX}n ${EX}p 5 `]);
    const del = await store.write({ type: 'delete-graph', graph: { iri: `${EX}g1` } });
    assert.equal(del.summary.removed, 2);
    assert.equal(await store.hasGraph({ iri: `${EX}g1` }), false);
    assert.deepEqual(await store.graphs(), [`${EX}g2`]);
    assert.equal(del.version, 3);
  } finally {
    await store.close();
  }
});

test('an update whose WHERE runs away fails with QUERY_TIMEOUT and changes nothing', async () => {
  const store = createMemoryStore(data(), { workers: 1 });
  try {
    const runaway = `INSERT { <${EX}z> <${EX}p> ?x1 } WHERE { ?x1 (<${EX}p>|!<${EX}y>)* ?y1 . ?x2 (<${EX}p>|!<${EX}y>)* ?y2 .
      ?x3 (<${EX}p>|!<${EX}y>)* ?y3 . ?x4 (<${EX}p>|!<${EX}y>)* ?y4 . ?x5 (<${EX}p>|!<${EX}y>)* ?y5 . ?x6 (<${EX}p>|!<${EX}y>)* ?y6 . ?x7 (<${EX}p>|!<${EX}y>)* ?y7 }`;
    await assert.rejects(store.write({ type: 'update', update: runaway, unionDefaultGraph: true, timeoutMs: 1000 }),
      (e: unknown) => e instanceof AppError && e.status === 503 && e.code === 'QUERY_TIMEOUT');
    assert.equal(await store.version(), 0);
    assert.equal(await store.size(), 4);
    const ok = await store.write({ type: 'update', update: `INSERT DATA { <${EX}z> <${EX}p> 0 }`, unionDefaultGraph: true });
    assert.equal(ok.version, 1);
  } finally {
    await store.close();
  }
});

test('graph store ops keep blank node labels in the replicas, and a rejected PUT restores the graph', async () => {
  const store = createMemoryStore(data(), { workers: 1 });
  const b = DataFactory.blankNode('upload1');
  const t = quad(b, namedNode(`${EX}p`), literal('blank'));
  try {
    await store.write({ type: 'put-graph', graph: { iri: `${EX}g3` }, quads: [t, quad(namedNode(`${EX}k`), namedNode(`${EX}p`), b)] });
    const rows = await store.select(`SELECT ?b WHERE { GRAPH <${EX}g3> { ?b <${EX}p> "blank" } }`);
    assert.equal(rows[0]!.b!.value, 'upload1', 'the replica kept the label');
    const del = await store.write({ type: 'patch', delta: { removed: [quad(b, namedNode(`${EX}p`), literal('blank'), namedNode(`${EX}g3`))], added: [] } });
    assert.equal(del.summary.removed, 1);
    assert.equal(await store.ask(`ASK { GRAPH <${EX}g3> { ?b <${EX}p> "blank" } }`), false, 'the replica applied the delete by label');
    await assert.rejects(store.write({ type: 'put-graph', graph: { iri: `${EX}g1` }, quads: [] }, rejectingGate('no')),
      (e: unknown) => e instanceof AppError && e.status === 422);
    assert.equal(await store.ask(`ASK { GRAPH <${EX}g1> { <${EX}b> <${EX}q> "x" } }`), true);
    assert.equal(await store.size(), 5);
  } finally {
    await store.close();
  }
});
