/** `node dist/test/eval/coverage-main.js [--holdout]`: prints the coverage tables of a corpus (for its README). */
import { CORPORA, loadCorpus } from './corpus.js';
import { coverageTables } from './coverage.js';

console.log(coverageTables(loadCorpus(process.argv.includes('--holdout') ? CORPORA.holdout : CORPORA.main)));
