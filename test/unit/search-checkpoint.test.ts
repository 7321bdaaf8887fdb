import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import n3 from 'n3';
import { createSearchIndex } from '../../src/api/search-index.js';
import { createMemoryStore, type EmbeddedStore } from '../../src/store/embedded-store.js';
import { Iris, NS } from '../../src/model/ns.js';
import type { KgStore } from '../../src/store/types.js';
import { countedReads } from '../support/counted-store.js';

const { namedNode, literal, quad } = n3.DataFactory;
const BASE = 'http://localhost:8080/';
const iris = new Iris(BASE);
const release = (key: string, headline: string, body: string) => [
  quad(namedNode(`${BASE}id/release/${key}`), namedNode(`${NS.schema}headline`), literal(headline, 'en')),
  quad(namedNode(`${BASE}id/release/${key}`), namedNode(`${NS.schema}articleBody`), literal(body, 'en')),
];


describe('the search index checkpoint', () => {
  let dir: string;
  let store: EmbeddedStore;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'osce-kg-search-cp-'));
    store = createMemoryStore(release('2020-01-01-a', 'Border monitoring workshop', 'Experts discussed quinoa exports.'), { workers: 1 });
    await store.open();
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds the documents where the query ran (one reduced SELECT, no rows to this thread) and writes the checkpoint at the store version', async () => {
    const file = join(dir, 'built.jsonl');
    const { view, calls } = countedReads(store);
    const index = await createSearchIndex(view, iris, file);
    try {
      assert.deepEqual(calls, { select: 0, selectReduced: 1 });
      assert.equal((await index.search('quinoa')).hits[0]?.iri, `${BASE}id/release/2020-01-01-a`);
      const head = JSON.parse(readFileSync(file, 'utf8').split('\n')[0]!) as { format: number; version: number };
      assert.deepEqual({ format: head.format, version: head.version }, { format: 1, version: await store.version() });
    } finally {
      index.stop();
    }
  });

  it('adopts the checkpoint of an unchanged store without reading the store, and answers as the built index did', async () => {
    const file = join(dir, 'adopted.jsonl');
    const built = await createSearchIndex(store, iris, file);
    const expected = await built.search('border quinoa');
    built.stop();
    const { view, calls } = countedReads(store);
    const restored = await createSearchIndex(view, iris, file);
    try {
      assert.deepEqual(calls, { select: 0, selectReduced: 0 });
      assert.equal(restored.size, 1);
      assert.deepEqual(await restored.search('border quinoa'), expected);
    } finally {
      restored.stop();
    }
  });

  it('rebuilds over a checkpoint of another version, or a torn one, and finds what was written since', async () => {
    const file = join(dir, 'stale.jsonl');
    (await createSearchIndex(store, iris, file)).stop();
    const whole = readFileSync(file, 'utf8');
    await store.write({ type: 'patch', delta: { removed: [], added: release('2021-02-02-b', 'Elections observed', 'Observers counted tangerine ballots.') } });
    const { view, calls } = countedReads(store);
    const stale = await createSearchIndex(view, iris, file);
    try {
      assert.deepEqual(calls, { select: 0, selectReduced: 1 });
      assert.equal((await stale.search('tangerine')).hits[0]?.iri, `${BASE}id/release/2021-02-02-b`);
    } finally {
      stale.stop();
    }
    // the same file cut before its last line (the count of lines), relabelled at the current version
    const version = await store.version();
    const lines = whole.trimEnd().split('\n');
    const head = JSON.parse(lines[0]!) as Record<string, unknown>;
    writeFileSync(file, [JSON.stringify({ ...head, version }), ...lines.slice(1, -1)].join('\n') + '\n');
    const torn = countedReads(store);
    const rebuilt = await createSearchIndex(torn.view, iris, file);
    try {
      assert.deepEqual(torn.calls, { select: 0, selectReduced: 1 });
      assert.equal(rebuilt.size, 2);
    } finally {
      rebuilt.stop();
    }
  });
});
