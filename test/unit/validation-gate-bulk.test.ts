/**
 * The SHACL gate on large deltas (src/validation/gate.ts): when none of many focus nodes is of a class the shapes
 * target, the gate answers after a type lookup (no fetch, no validation dataset); one targeted node among them,
 * named or blank, still gets the full validation and rejects the write.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataFactory } from 'n3';
import oxigraph from 'oxigraph';
import type { Quad } from '@rdfjs/types';
import { Iris, NS } from '../../src/model/ns.js';
import { createShaclGate } from '../../src/validation/gate.js';
import type { Delta, StoreView } from '../../src/store/types.js';
import { viewOf } from './reference-store.js';
import { createMemoryStore } from '../../src/store/embedded-store.js';
import { AppError } from '../../src/errors.js';

const BASE = 'http://localhost:8080/';
const iris = new Iris(BASE);
const EX = 'http://example.org/';
const { namedNode: n, blankNode, literal, quad } = DataFactory;
const G = n(`${EX}bulk`);

/** `count` untyped subjects, one triple each (more than one fetch batch of the gate). */
function untyped(count: number): Quad[] {
  return Array.from({ length: count }, (_, i) => quad(n(`${EX}s${i}`), n(`${EX}p`), literal(`v${i}`), G) as Quad);
}

/** A view over a store holding `quads` that counts the queries it answers. */
function countingView(quads: Quad[]): { view: StoreView; calls: { select: number; construct: number } } {
  const store = new oxigraph.Store();
  for (const q of quads) store.add(oxigraph.fromQuad(q));
  const inner = viewOf(store);
  const calls = { select: 0, construct: 0 };
  return {
    calls,
    view: {
      select: (q) => (calls.select++, inner.select(q)),
      construct: (q) => (calls.construct++, inner.construct(q)),
    },
  };
}

const pressRelease = (s: Quad['subject']) => quad(s, n(`${NS.rdf}type`), n(`${NS.osce}PressRelease`), G) as Quad;

test('600 untyped subjects pass after one type lookup, without fetching their triples', async () => {
  const added = untyped(600);
  const { view, calls } = countingView(added);
  assert.equal(await createShaclGate(iris)({ added, removed: [] }, view), undefined);
  assert.deepEqual(calls, { select: 1, construct: 0 });
});

test('one incomplete press release among 600 untyped subjects is rejected with results about it only', async () => {
  const target = n(`${EX}s599`);
  const added = [...untyped(600), pressRelease(target)];
  const { view, calls } = countingView(added);
  const rejection = await createShaclGate(iris)({ added, removed: [] }, view);
  assert.ok(rejection);
  const results = (rejection.report as { results: { focusNode: string }[] }).results;
  assert.ok(results.length > 0 && results.every((r) => r.focusNode === target.value), JSON.stringify(results));
  assert.ok(calls.construct > 0);
});

test('a press release typed before the write, whose triples the write removes, is still validated', async () => {
  const target = n(`${EX}s3`);
  const stored = [...untyped(600), pressRelease(target), quad(target, n(`${NS.schema}headline`), literal('H'), G) as Quad];
  const removed = [stored[stored.length - 1]!];
  const { view } = countingView(stored.slice(0, -1));
  const delta: Delta = { added: untyped(600), removed };
  assert.ok(await createShaclGate(iris)(delta, view));
});

test('a blank-node press release among 600 untyped subjects is rejected', async () => {
  const added = [...untyped(600), pressRelease(blankNode('r1'))];
  const { view } = countingView(added);
  assert.ok(await createShaclGate(iris)({ added, removed: [] }, view));
});

test('through the embedded store: a large PUT with one invalid node is 422 and changes nothing; without it, it commits', async () => {
  const store = createMemoryStore([], { workers: 2 });
  const gate = createShaclGate(iris);
  try {
    const graph = { iri: G.value };
    await assert.rejects(store.write({ type: 'put-graph', graph, quads: [...untyped(600), pressRelease(n(`${EX}s1`))] }, gate),
      (e: unknown) => e instanceof AppError && e.status === 422 && e.code === 'SHACL_VIOLATION');
    assert.equal(await store.size(), 0);
    const { summary } = await store.write({ type: 'put-graph', graph, quads: untyped(600) }, gate);
    assert.equal(summary.added, 600);
    assert.equal(await store.size(), 600);
  } finally {
    await store.close();
  }
});
