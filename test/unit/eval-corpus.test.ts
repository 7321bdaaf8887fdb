/**
 * The labelled corpora are well-formed: every page has its labels, every key names an entity of the reference data,
 * speakers agree with the quotations, titles and quotations occur in their page. A label error would otherwise be
 * scored as the extractor's.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CORPORA, loadCorpus } from '../eval/corpus.js';
import { coverageTables } from '../eval/coverage.js';
import { lintCorpus } from '../eval/lint.js';

/** Each corpus is read once in this file (the main one grows by batches of pages). */
const loaded = new Map<string, ReturnType<typeof loadCorpus>>();
function pagesOf(dir: string): ReturnType<typeof loadCorpus> {
  let pages = loaded.get(dir);
  if (!pages) loaded.set(dir, (pages = loadCorpus(dir)));
  return pages;
}

for (const [name, dir] of Object.entries(CORPORA)) {
  if (name !== 'main' && !existsSync(join(dir, 'pages'))) continue;
  test(`the ${name} evaluation corpus has consistent labels`, () => {
    const pages = pagesOf(dir);
    assert.ok(pages.length > 0, `no pages in ${dir}`);
    assert.deepEqual(lintCorpus(pages), []);
  });
}

test('the README of the corpus shows its current coverage tables', () => {
  const readme = readFileSync(join(CORPORA.main, 'README.md'), 'utf8');
  assert.ok(readme.includes(coverageTables(pagesOf(CORPORA.main))), 'test/fixtures/eval/README.md: paste the output of node dist/test/eval/coverage-main.js');
});
