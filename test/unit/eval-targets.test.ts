/**
 * The ingester meets the targets of the evaluation contract on the labelled corpus (issue 18), and the committed
 * results files are the figures of the extractor as it is: a change to extraction that moves a figure updates them
 * (`npm run eval:ingest` and `npm run eval:ingest -- --holdout` write them).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CORPORA } from '../eval/corpus.js';
import { evaluateCorpus, type CorpusName, type Run } from '../eval/evaluate.js';

/** Each corpus is read and run through the ingester once in this file, however many tests look at its results. */
const runs = new Map<CorpusName, Run>();
function evaluated(name: CorpusName): Run {
  let run = runs.get(name);
  if (!run) runs.set(name, (run = evaluateCorpus(name)));
  return run;
}

test('the ingester meets every target of the evaluation contract on the main corpus', () => {
  const { results } = evaluated('main');
  const unmet = results.targets.filter((t) => !t.met).map((t) => `${t.metric} ${t.value} < ${t.min}`);
  assert.deepEqual(unmet, [], 'run npm run eval:ingest for the pages behind each figure');
});

for (const name of Object.keys(CORPORA) as CorpusName[]) {
  const file = join(CORPORA[name], 'results.json');
  if (!existsSync(file)) continue;
  test(`the committed ${name} results are the figures of the current extractor`, () => {
    const { results } = evaluated(name);
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), JSON.parse(JSON.stringify(results)),
      `${file} is stale: run npm run eval:ingest${name === 'main' ? '' : ` -- --${name}`}`);
  });
}
