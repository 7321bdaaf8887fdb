/**
 * Replicas are fed the dataset in pieces (src/store/local-read.ts snapshotChunks), never as one string: a single
 * string of a large store passes V8's maximum string length.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import oxigraph from 'oxigraph';
import { snapshotChunks } from '../../src/store/local-read.js';
import { addNQuads } from '../../src/store/record.js';
import { namedGraphs } from '../../src/store/local-read.js';

function sample(): oxigraph.Store {
  const store = new oxigraph.Store();
  const lines: string[] = ['_:root <http://e/p> "default graph, blank subject" .'];
  for (let g = 0; g < 20; g++) {
    for (let i = 0; i < 10; i++) lines.push(`<http://e/s${i}> <http://e/p> "v${g}-${i} with a \\"quote\\"\\nand a line break" <http://e/g${g}> .`);
    lines.push(`_:b${g} <http://e/q> <http://e/s${g}> <http://e/g${g}> .`);
  }
  addNQuads(store, lines.join('\n'));
  return store;
}

test('snapshot chunks cut the dataset into several pieces that rebuild the same dataset, blank nodes included', () => {
  const source = sample();
  const chunks = snapshotChunks(source, namedGraphs(source), 2000);
  assert.ok(chunks.length > 5, `expected several chunks, got ${chunks.length}`);
  assert.ok(chunks.every((c) => c.endsWith('\n')), 'every chunk ends at a line end');
  const replica = new oxigraph.Store();
  for (const chunk of chunks) addNQuads(replica, chunk);
  assert.equal(replica.size, source.size);
  const canonical = (s: oxigraph.Store) => s.dump({ format: 'application/n-quads' }).split('\n').sort().join('\n');
  assert.equal(canonical(replica), canonical(source));
});

test('an empty store gives no chunk', () => {
  assert.deepEqual(snapshotChunks(new oxigraph.Store(), []), []);
});
