/**
 * A write that touches no entity document still changes the dataset (issue 22): the dumps are regenerated, and
 * `/changes` and VoID's and the catalog's `dct:modified` move with them.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DataFactory, Parser } from 'n3';
import { BASE, linkedDataHarness, type LinkedDataHarness } from '../support/linked-data-fixture.js';
import { waitUntil } from '../support/wait.js';

const { namedNode, literal, quad } = DataFactory;
const DCT_MODIFIED = 'http://purl.org/dc/terms/modified';
let t: LinkedDataHarness;

before(async () => (t = await linkedDataHarness({ dumpDebounceMs: 10 })));
after(() => t.close());

async function modified(path: string): Promise<string> {
  const text = await (await t.request(path, { headers: { Accept: 'text/turtle' } })).text();
  const q = new Parser({ format: 'text/turtle', baseIRI: BASE }).parse(text).find((x) => x.subject.value === `${BASE}catalog#dataset` && x.predicate.value === DCT_MODIFIED);
  assert.ok(q, `${path} has the dataset's dct:modified`);
  return q.object.value;
}

type Collection = { totalItems: number; last: { id: string } };
type Page = { orderedItems: { type: string; object: { id: string; type: string }; endTime: string }[] };

test('a write about no entity moves /changes, VoID and the catalog along with the dumps', async () => {
  const before = { void: await modified('/.well-known/void'), catalog: await modified('/catalog') };
  const feed = (await (await t.request('/changes')).json()) as Collection;
  const dumpsBefore = t.services.dumps.files().map((d) => d.sha256).join();
  await new Promise((r) => setTimeout(r, 20)); // a new millisecond for the new modification time
  await t.store.write({ type: 'post-graph', graph: { iri: 'http://example.org/notes' }, quads: [quad(namedNode('http://example.org/note'), namedNode('http://example.org/says'), literal('nothing about an entity'))] });
  await t.services.feed.settled();
  await waitUntil(() => t.services.dumps.files().map((d) => d.sha256).join() !== dumpsBefore, 'the dumps are regenerated');

  const after = (await (await t.request('/changes')).json()) as Collection;
  assert.equal(after.totalItems, feed.totalItems + 1);
  const page = (await (await t.request(new URL(after.last.id).pathname)).json()) as Page;
  const activity = page.orderedItems.at(-1)!;
  assert.deepEqual([activity.type, activity.object.id, activity.object.type], ['Update', `${BASE}catalog#dataset`, 'Dataset']);
  const voidModified = await modified('/.well-known/void');
  assert.ok(voidModified > before.void, `${voidModified} after ${before.void}`);
  assert.equal(voidModified, activity.endTime);
  assert.equal(await modified('/catalog'), voidModified);
  assert.ok((await modified('/catalog')) > before.catalog);
});
