/**
 * Graph Store PUT/POST through the embedded store's writer worker, whose delta is computed on N-Quads lines
 * (line-delta.ts): the net delta, the stored graph and the journal replay after a restart agree, and a write the
 * gate rejects leaves the store (and the data directory) as it was.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFactory, Parser, Writer } from 'n3';
import type { Quad } from '@rdfjs/types';
import { createEmbeddedStore, type EmbeddedStore } from '../../src/store/embedded-store.js';
import { AppError } from '../../src/errors.js';
import type { Quad as Q } from '@rdfjs/types';
import { changesOf } from '../support/store-changes.js';
import { GateProbe, testGate } from '../support/gates.js';

const EX = 'http://example.org/';
const G = { iri: `${EX}g` };
const { namedNode, defaultGraph, quad } = DataFactory;

/** Turtle triples → quads in the default graph (the write places them in its target graph). */
const triples = (ttl: string): Quad[] => new Parser({ baseIRI: EX, blankNodePrefix: '' }).parse(`@prefix ex: <${EX}> .\n${ttl}`) as Quad[];
const seed = (): Quad[] => triples('ex:a ex:p "a" . ex:b ex:p "b" . ex:c ex:p "Zürich", "x"@en, "q \\"quoted\\"" . _:x ex:q ex:b .')
  .map((q) => quad(q.subject, q.predicate, q.object, namedNode(G.iri)));

/** Sorted N-Triples lines of quads (graph dropped), for comparing sets of triples. */
function lines(quads: readonly Quad[]): string[] {
  const text = new Writer({ format: 'N-Triples' }).quadsToString(quads.map((q) => quad(q.subject, q.predicate, q.object, defaultGraph())));
  return text.split('\n').filter(Boolean).sort();
}

async function graphLines(store: EmbeddedStore): Promise<string[]> {
  return lines(await store.construct(`CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${G.iri}> { ?s ?p ?o } }`));
}

function deltaLines(delta: { added: readonly Q[]; removed: readonly Q[] }): { added: string[]; removed: string[] } {
  return { added: lines(delta.added), removed: lines(delta.removed) };
}

async function withStore(run: (store: EmbeddedStore, reopen: () => Promise<EmbeddedStore>) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'osce-kg-merge-'));
  let store = createEmbeddedStore({ dataDir: dir, seed, workers: 1 });
  try {
    await run(store, async () => {
      await store.close();
      store = createEmbeddedStore({ dataDir: dir, seed, workers: 1 });
      return store;
    });
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('PUT with overlap: the delta is the difference, the graph is the input, and a restart replays the same graph', async () => {
  await withStore(async (store, reopen) => {
    const input = triples('ex:b ex:p "b" . ex:c ex:p "Zürich", "x"@EN, "q \\"quoted\\"" . _:x ex:q ex:b . ex:d ex:p "d" .');
    const size = await store.size();
    const delta = await changesOf(store, () => store.write({ type: 'put-graph', graph: G, quads: input }));
    assert.deepEqual(deltaLines(delta), { added: lines(triples('ex:d ex:p "d" .')), removed: lines(triples('ex:a ex:p "a" .')) });
    assert.deepEqual([delta.summary.added, delta.summary.removed], [1, 1]);
    assert.deepEqual(await graphLines(store), lines(input));
    assert.equal(await store.size(), size);
    const reopened = await reopen();
    assert.deepEqual(await graphLines(reopened), lines(input));
    assert.equal(await reopened.size(), size);
  });
});

test('PUT of the graph\'s own content (escapes, non-ASCII, language case, blank node label) changes nothing', async () => {
  await withStore(async (store) => {
    const version = await store.version();
    const input = triples('ex:a ex:p "a" . ex:b ex:p "b" . ex:c ex:p "Zürich", "x"@EN, "q \\"quoted\\"" . _:x ex:q ex:b .');
    const delta = await changesOf(store, () => store.write({ type: 'put-graph', graph: G, quads: input }));
    assert.deepEqual(deltaLines(delta), { added: [], removed: [] });
    assert.deepEqual([delta.summary.added, delta.summary.removed], [0, 0]);
    assert.equal(await store.version(), version);
  });
});

test('PUT into a new graph with duplicates in the input stores and reports each triple once', async () => {
  await withStore(async (store) => {
    const size = await store.size();
    const input = triples('ex:n ex:p "1", "2" . ex:n ex:p "1" . _:y ex:p "3" . _:y ex:p "3" .');
    const delta = await changesOf(store, () => store.write({ type: 'put-graph', graph: { iri: `${EX}new` }, quads: input }));
    const expected = lines(triples('ex:n ex:p "1", "2" . _:y ex:p "3" .'));
    assert.deepEqual(deltaLines(delta), { added: expected, removed: [] });
    assert.equal(delta.summary.added, 3);
    assert.equal(await store.size(), size + 3);
  });
});

test('POST merges: only triples the graph lacks are added, nothing is removed', async () => {
  await withStore(async (store, reopen) => {
    const size = await store.size();
    const delta = await changesOf(store, () => store.write({ type: 'post-graph', graph: G, quads: triples('ex:a ex:p "a" . ex:e ex:p "e", "e" . ex:c ex:p "Zürich" .') }));
    assert.deepEqual(deltaLines(delta), { added: lines(triples('ex:e ex:p "e" .')), removed: [] });
    assert.equal(await store.size(), size + 1);
    const reopened = await reopen();
    assert.deepEqual(await graphLines(reopened), lines([...seed(), ...triples('ex:e ex:p "e" .')]));
  });
});

test('a PUT the gate rejects is 422 and leaves the graph, the size, the version and the data directory unchanged', async () => {
  await withStore(async (store, reopen) => {
    const [before, size, version] = [await graphLines(store), await store.size(), await store.version()];
    const probe = new GateProbe();
    const gate = testGate({ reject: 'rejected', probe: probe.buffer });
    await assert.rejects(store.write({ type: 'put-graph', graph: G, quads: triples('ex:z ex:p "z" .') }, gate),
      (e: unknown) => e instanceof AppError && e.status === 422 && e.code === 'SHACL_VIOLATION');
    assert.equal(probe.seen?.added, 1);
    assert.equal(probe.seen?.removed, seed().length);
    assert.deepEqual(await graphLines(store), before);
    assert.equal(await store.size(), size);
    assert.equal(await store.version(), version);
    const reopened = await reopen();
    assert.deepEqual(await graphLines(reopened), before);
    assert.equal(await reopened.version(), version);
  });
});
