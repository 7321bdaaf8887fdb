/**
 * The summary of a write (src/store/summary.ts): counts, the net change of each subject, the objects and graphs, and
 * its lists read back in batches with the event loop running between two.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataFactory } from 'n3';
import type { Quad } from '@rdfjs/types';
import { changedObjects, subjectChanges, summarize } from '../../src/store/summary.js';
import type { ChangeSummary } from '../../src/store/types.js';

const { namedNode: n, blankNode, literal, quad, defaultGraph } = DataFactory;
const EX = 'http://example.org/';

async function all<T>(batches: AsyncGenerator<T[]>): Promise<T[][]> {
  const out: T[][] = [];
  for await (const batch of batches) out.push(batch);
  return out;
}

test('a summary counts the quads and nets each named subject\'s change; objects and graphs once each', async () => {
  const s = n(`${EX}s`);
  const summary = summarize({
    added: [quad(s, n(`${EX}p`), literal('new'), n(`${EX}g`)), quad(s, n(`${EX}q`), n(`${EX}o`)), quad(blankNode('b'), n(`${EX}p`), s)] as Quad[],
    removed: [quad(s, n(`${EX}p`), literal('old'), n(`${EX}g`)), quad(n(`${EX}t`), n(`${EX}q`), n(`${EX}o`), n(`${EX}h`))] as Quad[],
  });
  assert.deepEqual([summary.added, summary.removed], [3, 2]);
  assert.deepEqual((await all(subjectChanges(summary))).flat(), [[`${EX}s`, 1], [`${EX}t`, -1]]);
  assert.deepEqual((await all(changedObjects(summary))).flat(), [`${EX}o`, `${EX}s`]);
  assert.deepEqual(summary.graphs, { added: [`${EX}g`, ''], removed: [`${EX}g`, `${EX}h`] });
});

test('a subject whose triples were replaced one for one is listed with a net change of 0', async () => {
  const s = n(`${EX}s`);
  const summary = summarize({ added: [quad(s, n(`${EX}p`), literal('2'))], removed: [quad(s, n(`${EX}p`), literal('1'))] } as { added: Quad[]; removed: Quad[] });
  assert.deepEqual((await all(subjectChanges(summary))).flat(), [[`${EX}s`, 0]]);
});

test('a large summary is read in batches, every subject once, in order, non-ASCII IRIs whole, a loop turn between two', async () => {
  const added = Array.from({ length: 60_000 }, (_, i) => quad(n(`${EX}Zürich/東京/${i}`), n(`${EX}p`), literal('x'), defaultGraph()) as Quad);
  const summary: ChangeSummary = summarize({ added, removed: [] });
  let turns = 0;
  const seen: number[] = [];
  const subjects: string[] = [];
  for await (const batch of subjectChanges(summary)) {
    seen.push(turns);
    setImmediate(() => turns++);
    for (const [iri, by] of batch) {
      assert.equal(by, 1);
      subjects.push(iri);
    }
  }
  assert.ok(seen.length > 2, `${seen.length} batches`);
  assert.deepEqual(seen, seen.map((_, i) => i), 'one event loop turn between two batches');
  assert.deepEqual(subjects, added.map((q) => q.subject.value));
});

test('an empty summary has no batches', async () => {
  const summary = summarize({ added: [], removed: [] });
  assert.deepEqual(await all(subjectChanges(summary)), []);
  assert.deepEqual(await all(changedObjects(summary)), []);
  assert.deepEqual(summary.graphs, { added: [], removed: [] });
});
