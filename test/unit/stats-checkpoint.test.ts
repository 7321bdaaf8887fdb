/**
 * The statistics' checkpoint read and written a piece at a time, and the index derived in slices: at 100k releases
 * doing either in one go held the HTTP thread 4-6 s at start (decision 0023). The pieces must give back the very
 * facts that were written.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Iris } from '../../src/model/ns.js';
import { loadReferenceQuads } from '../../src/model/reference.js';
import { FactStore } from '../../src/stats/facts.js';
import { FacetIndex } from '../../src/stats/facet-index.js';
import { readFacts, writeFacts } from '../../src/stats/checkpoint.js';
import { DIMENSIONS, type StatsRequest } from '../../src/stats/types.js';
import { ReleaseMaker, mulberry32, vocabulary } from '../support/stats-data.js';

const BASE = 'http://localhost:8080/';
const iris = new Iris(BASE);
const maker = new ReleaseMaker(iris, vocabulary(BASE), mulberry32(11));
const dir = mkdtempSync(join(tmpdir(), 'osce-kg-stats-cp-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function facts(releases: number): FactStore {
  const f = new FactStore();
  f.apply([], [...loadReferenceQuads(BASE), ...maker.persons()]);
  for (let i = 0; i < releases; i++) f.apply([], maker.release(maker.key()));
  return f;
}

const REQUESTS: StatsRequest[] = [
  ...DIMENSIONS.map((d): StatsRequest => ({ by: [d], filters: {} })),
  { by: ['year', 'publisher'], filters: { from: '2018-01-01' } },
  { by: ['state', 'speaker'], filters: { language: 'en' } },
];
const answers = (index: FacetIndex) => REQUESTS.map((r) => index.query(r));

describe('statistics checkpoint', () => {
  const original = facts(40);
  const expected = answers(new FacetIndex(original));

  it('writes a piece per line, the version first and the count of lines last, and reads back the same facts', async () => {
    const file = join(dir, 'pieces.json');
    await writeFacts(file, 7, original, 5);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(lines[0], { format: 2, version: 7 });
    assert.deepEqual(lines.at(-1), { lines: lines.length });
    // 40 releases' subjects alone need 8 lines of 5
    assert.ok(lines.filter((l) => 'subjects' in l).length >= 8);
    assert.ok(lines.slice(1, -1).every((l) => Object.values(l).every((v) => Array.isArray(v) && v.length <= 5)));
    const saved = await readFacts(file, 7);
    assert.equal(saved?.legacy, false);
    assert.deepEqual(saved.facts.toJSON(), original.toJSON());
    assert.deepEqual(answers(new FacetIndex(saved.facts)), expected);
  });

  it('adopts no file at another version, torn before its count of lines, or missing', async () => {
    const file = join(dir, 'torn.json');
    await writeFacts(file, 3, original, 5);
    assert.equal(await readFacts(file, 4), undefined);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    writeFileSync(file, `${lines.slice(0, -1).join('\n')}\n`);
    assert.equal(await readFacts(file, 3), undefined);
    assert.equal(await readFacts(join(dir, 'none.json'), 3), undefined);
  });

  it('reads a checkpoint of format 1 (one JSON document) and says it is one', async () => {
    const file = join(dir, 'legacy.json');
    writeFileSync(file, JSON.stringify({ format: 1, version: 9, facts: original.toJSON() }));
    const saved = await readFacts(file, 9);
    assert.equal(saved?.legacy, true);
    assert.deepEqual(answers(new FacetIndex(saved.facts)), expected);
  });

  it('derives the index in slices, pausing between them, with the answers of the index derived at once', async () => {
    let pauses = 0;
    const index = await FacetIndex.derived(original, async () => void pauses++, 4);
    assert.equal(pauses, Math.floor(original.subjects.size / 4));
    assert.ok(pauses >= 10); // 40 releases, 4 at a time
    assert.deepEqual(answers(index), expected);
  });
});
